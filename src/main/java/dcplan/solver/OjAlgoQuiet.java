package dcplan.solver;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * ojAlgo prints a multi-line notice about hardware profiles to standard output when its
 * utilities class loads on a machine it does not know. The CLI's standard output is a contract
 * (its last line is the run folder), so the class is loaded once with both streams muted.
 */
public final class OjAlgoQuiet {
    private static volatile boolean loaded;

    private OjAlgoQuiet() {
    }

    public static synchronized void load() {
        if (loaded) {
            return;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream mute = new PrintStream(OutputStream.nullOutputStream());
        try {
            System.setOut(mute);
            System.setErr(mute);
            Class.forName("org.ojalgo.OjAlgoUtils", true, OjAlgoQuiet.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ojAlgo is missing from the classpath", e);
        } finally {
            System.setOut(out);
            System.setErr(err);
            loaded = true;
        }
    }
}
