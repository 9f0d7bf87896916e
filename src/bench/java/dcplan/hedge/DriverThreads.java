package dcplan.hedge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The driver JVM's own CPU by thread kind, from {@code /proc/self/task} (Linux; elsewhere empty):
 * where a batch's driver CPU goes, on a core that two pinned executors need. Kinds by thread name:
 * "results" (Spark's task-result-getter threads: a task's result read and deserialised),
 * "rpc" (dispatcher and netty threads: tasks offered, serialised and sent, status updates),
 * "gc" (the collector's threads and the VM thread), "jit" (the compiler threads), "main" (the
 * decomposition itself: tasks built, outcomes read, plans evaluated), "pool" (fork-join workers:
 * the driver's parallel evaluation), any other thread by its name (digits as #), and "other":
 * threads that ended.
 */
final class DriverThreads {
    private static final double TICKS = 100; // USER_HZ on Linux

    private DriverThreads() {
    }

    static Map<String, Double> take() {
        Map<String, Double> out = new TreeMap<>();
        double named = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                String kind = kind(comm);
                out.merge(kind, seconds, Double::sum);
                named += seconds;
            }
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            out.put("other", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS - named);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    private static String kind(String comm) {
        if (comm.startsWith("task-result-get")) {
            return "results";
        }
        if (comm.startsWith("dispatcher") || comm.startsWith("rpc-") || comm.contains("netty")
                || comm.startsWith("shuffle-") || comm.startsWith("driver-")) {
            return "rpc";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")
                || comm.startsWith("GC ")) {
            return "gc";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.equals("main")) {
            return "main";
        }
        if (comm.startsWith("ForkJoinPool")) {
            return "pool";
        }
        // the rest by name, digits dropped (one entry for a pool of numbered threads)
        return comm.replaceAll("[0-9]+", "#");
    }

    /** "kind s, ..." of what each kind used between the two snapshots (kinds under 0.05 s left out). */
    static String difference(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder b = new StringBuilder();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d >= 0.05) {
                b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", k, d));
            }
        });
        return b.isEmpty() ? "none" : b.toString();
    }
}
