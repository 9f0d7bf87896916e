package dcplan.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Three readings of how much memory a step took, since {@link #reset()}:
 * <ul>
 *   <li>heap: the heap pools' peaks summed. This counts garbage not yet collected, so it grows
 *       with {@code -Xmx} (a JVM given 6 GB lets garbage pile up longer than one given 4 GB);</li>
 *   <li>heap after GC: the largest heap in use right after a collection. Closer to what the step
 *       keeps alive, still an upper bound (a young collection leaves the old generation's garbage);</li>
 *   <li>RSS: the process's resident peak ({@code VmHWM}, reset through {@code /proc/self/clear_refs}),
 *       which also counts what the heap does not: SCIP's native memory, metaspace, code, stacks.
 *       NaN where {@code /proc} is not Linux's.</li>
 * </ul>
 * Issue 11's goal ("peak memory under 4 GB") is read on RSS, with the heap the product runs with
 * ({@code bin/dcplan}: 4 GB unless DCPLAN_HEAP says otherwise).
 */
final class MemoryProbe {

    /** The three readings in MB. */
    record Peaks(double heapMb, double heapAfterGcMb, double rssMb) {
    }

    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    /** The highest RSS peak read before a reset cleared it, in MB: what the process's whole run reached. */
    private static double highestRssMb;
    private static volatile boolean listening;

    private MemoryProbe() {
    }

    /** Starts a new measurement: after a full collection, every peak back to what is in use now. */
    static void reset() {
        listenOnce();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        MAX_AFTER_GC.set(heapInUse());
        rememberRssPeak();
        clearPeakRss();
    }

    /**
     * The process's resident peak since it started, natives included, in MB (NaN where {@code /proc}
     * is not Linux's). {@code VmHWM} alone is not that: every {@link #reset()} clears it, so after a
     * run of steps it holds only the last one's peak; the peaks read before each clearing are kept.
     */
    static synchronized double processPeakRssMb() {
        rememberRssPeak();
        return highestRssMb;
    }

    private static synchronized void rememberRssPeak() {
        double now = peakRssMb();
        if (Double.isNaN(now)) {
            highestRssMb = Double.NaN;
        } else if (!Double.isNaN(highestRssMb)) {
            highestRssMb = Math.max(highestRssMb, now);
        }
    }

    static Peaks read() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        return new Peaks(peakHeap / 1048576.0, MAX_AFTER_GC.get() / 1048576.0, peakRssMb());
    }

    private static long heapInUse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static synchronized void listenOnce() {
        if (listening) {
            return;
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        after += e.getValue().getUsed();
                    }
                }
                MAX_AFTER_GC.accumulateAndGet(after, Math::max);
            }, null, null);
        }
        listening = true;
    }

    /** Writing 5 to clear_refs resets the process's peak RSS (Linux 4.0 and later). */
    private static void clearPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: the peak then counts from the process's start (still an upper bound)
        }
    }

    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
