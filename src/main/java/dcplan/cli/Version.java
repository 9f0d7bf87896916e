package dcplan.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * dcplan's version, from {@code dcplan/version.properties} (the pom's version, written in by
 * Maven's resource filtering), for {@code --version} and for the run folders, which record it.
 */
public final class Version implements CommandLine.IVersionProvider {
    private static final String VERSION = read();

    /** The pom's version, e.g. 0.1.0-SNAPSHOT; "unknown" when the resource is missing or unfiltered. */
    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"dcplan " + VERSION};
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dcplan/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
