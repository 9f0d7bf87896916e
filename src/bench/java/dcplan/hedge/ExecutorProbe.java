package dcplan.hedge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What each executor JVM of this application spent between two snapshots, read from outside on
 * this machine (the bench's clusters are local; nothing runs in the executors for it): the CPU of
 * its threads by kind from {@code /proc/PID/task} (the task threads, the JIT compiler threads, the
 * VM thread, which runs Serial GC's pauses), and HotSpot's own counters ({@code jcmd PID
 * PerfCounter.print}): compilations, invalidated compilations, compile time, GC pauses and time,
 * the old generation after the run and the compiled code's size. Linux and a local cluster only;
 * on anything else the snapshot is empty and nothing is printed.
 */
final class ExecutorProbe {
    private static final long TICKS = 100; // USER_HZ on Linux

    private final String appId;

    ExecutorProbe(String appId) {
        this.appId = appId;
    }

    /** One executor JVM's counters at one moment. */
    record Snapshot(long pid, Map<String, Double> cpu, Map<String, Long> perf) {
    }

    /** Every executor JVM of the application, by PID. */
    Map<Long, Snapshot> take() {
        Map<Long, Snapshot> out = new TreeMap<>();
        for (long pid : executorPids()) {
            try {
                out.put(pid, new Snapshot(pid, threadCpu(pid), perfCounters(pid)));
            } catch (IOException | RuntimeException e) {
                // an executor that exited between the listing and the read: left out
            }
        }
        return out;
    }

    /** One line per executor: what it spent between {@code before} and {@code after}. */
    static List<String> difference(Map<Long, Snapshot> before, Map<Long, Snapshot> after) {
        List<String> lines = new ArrayList<>();
        for (Snapshot a : after.values()) {
            Snapshot b = before.get(a.pid());
            if (b == null) {
                continue;
            }
            double nanos = a.perf().getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
            lines.add(String.format(Locale.ROOT, "executor pid %d: CPU s: tasks %.1f, JIT %.1f, VM thread (GC) %.1f,"
                            + " other %.1f; JIT: %d compilations (%d OSR), %d invalidated, %d bailouts, compile time %.1f s,"
                            + " code %.1f MB; GC: %d young (%.2f s), %d full (%.2f s), old gen after %.0f MB of %.0f MB;"
                            + " safepoints %.2f s; JVM up %.1f s",
                    a.pid(), d(a, b, "tasks"), d(a, b, "jit"), d(a, b, "vm"), d(a, b, "other"),
                    p(a, b, "sun.ci.totalCompiles"), p(a, b, "sun.ci.osrCompiles"), p(a, b, "sun.ci.totalInvalidates"),
                    p(a, b, "sun.ci.totalBailouts"), p(a, b, "java.ci.totalTime") / nanos,
                    a.perf().getOrDefault("sun.ci.nmethodCodeSize", 0L) / 1e6,
                    p(a, b, "sun.gc.collector.0.invocations"), p(a, b, "sun.gc.collector.0.time") / nanos,
                    p(a, b, "sun.gc.collector.1.invocations"), p(a, b, "sun.gc.collector.1.time") / nanos,
                    a.perf().getOrDefault("sun.gc.generation.1.space.0.used", 0L) / 1e6,
                    a.perf().getOrDefault("sun.gc.generation.1.space.0.capacity", 0L) / 1e6,
                    p(a, b, "sun.rt.safepointTime") / nanos,
                    (System.currentTimeMillis() - a.perf().getOrDefault("sun.rt.createVmBeginTime", 0L)) / 1e3));
        }
        return lines;
    }

    private static double d(Snapshot a, Snapshot b, String key) {
        return a.cpu().getOrDefault(key, 0.0) - b.cpu().getOrDefault(key, 0.0);
    }

    private static long p(Snapshot a, Snapshot b, String key) {
        return a.perf().getOrDefault(key, 0L) - b.perf().getOrDefault(key, 0L);
    }

    private List<Long> executorPids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(appId)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /**
     * CPU seconds of the process's threads by kind: "tasks" (Spark's "Executor task launch"
     * threads), "jit" (C1/C2 compiler threads), "vm" (the VM thread: Serial GC collects in it),
     * "other": the process's total less those (threads that ended count there).
     */
    private static Map<String, Double> threadCpu(long pid) throws IOException {
        Map<String, Double> out = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path t : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS;
                String kind = comm.startsWith("Executor task") ? "tasks"
                        : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit"
                        : comm.equals("VM Thread") ? "vm" : null;
                if (kind != null) {
                    out.merge(kind, seconds, Double::sum);
                }
            }
        }
        // the rest, from the process's own total (which keeps the CPU of threads that ended)
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double total = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS;
        out.put("other", total - out.values().stream().mapToDouble(Double::doubleValue).sum());
        return out;
    }

    private static Map<String, Long> perfCounters(long pid) throws IOException {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "PerfCounter.print")
                .redirectErrorStream(true).start();
        Map<String, Long> out = new HashMap<>();
        String text = new String(jcmd.getInputStream().readAllBytes());
        try {
            jcmd.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            try {
                out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                // a string counter
            }
        }
        return out;
    }
}
