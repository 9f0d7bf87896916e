package dcplan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console of a fresh JVM started as bin/dcplan starts it (the launcher's Java flags, the
 * product's log4j2.xml) shows dcplan's own lines only: no JDK warning ("WARNING: Using
 * incubator modules" came from Spark's --add-modules=jdk.incubator.vector), no library log
 * line; the libraries' log lines of a plan go to its log.txt.
 */
class QuietConsoleTest {
    static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR) .*");

    @TempDir
    Path tmp;

    @Test
    void versionPrintsNothingButTheVersion() throws Exception {
        Output o = dcplan("--version");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("dcplan " + Version.current(), o.stdout().strip());
        assertEquals("", o.stderr(), "nothing on stderr");
    }

    @Test
    void aPlanShowsOnlyDcplansLinesAndLogsTheLibrariesToLogTxt() throws Exception {
        Path demand = CliTestSupport.writeDemand(tmp.resolve("demand.csv"), List.of("brazil"), List.of("llm-chat"));
        Path run = tmp.resolve("run");
        Output o = dcplan("plan", "--models", "models", "--demand", demand.toString(), "--steps", "10", "--chunks", "1",
                "--lp-time-limit", "0", "--polish-time-limit", "0", "--out", run.toString());
        assertEquals(0, o.exit(), o.stderr());
        for (String line : o.stderr().lines().toList()) {
            assertFalse(line.startsWith("WARNING") || line.contains("incubator"), "a JDK warning: " + line);
            assertFalse(LOG_LINE.matcher(line).matches(), "a library log line on the console: " + line);
        }
        assertTrue(o.stderr().contains("planning 12 demand cells"), o.stderr());
        String log = Files.readString(run.resolve("log.txt"));
        assertTrue(log.contains("planning 12 demand cells"), "what the console showed: " + log);
    }

    record Output(int exit, String stdout, String stderr) {
    }

    /** dcplan in a new JVM with bin/lib/java-env.sh's flags and src/main/resources/log4j2.xml, as bin/dcplan runs it. */
    static Output dcplan(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dcplan-out", ".txt");
        Path err = Files.createTempFile("dcplan-err", ".txt");
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("bash", "-c",
                    "source bin/lib/java-env.sh && exec java -Xmx1g $SPARK_JAVA_OPTS "
                            + "-Dlog4j2.configurationFile=src/main/resources/log4j2.xml -cp \"$DCPLAN_CP\" dcplan.cli.Main \"$@\"",
                    "dcplan"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            // the test JVM's class path: target/classes first, then the dependencies (Surefire's booter jar names them)
            pb.environment().put("DCPLAN_CP", "target/classes" + java.io.File.pathSeparator + System.getProperty("java.class.path"));
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("dcplan " + String.join(" ", args) + ": no answer in 600 s");
            }
            return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
