package dcplan.hedge;

import dcplan.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The futures' solves as Spark tasks (as the sweep does): the tasks carry their inputs as text
 * and rows, the executors get the solver's jars and natives from
 * {@link SweepJob#shipSolverLibraries}, and the outcomes (a plan's arrays, or an LP's figures)
 * are collected on the driver. A planner solve (seconds) is a Spark task of its own, so every
 * slot stays busy until the last few; LP solves (hundredths of a second) go several to a Spark
 * task ({@link #sliceSizes}), where Spark's own cost per task and a model read per task weighed
 * as much as the LP.
 */
public final class SparkFutureExecutor implements FutureExecutor {
    /**
     * A batch of LP solves is cut into Spark tasks of shrinking size (guided scheduling): each
     * takes the remaining solves' share of {@code LP_GUIDE} per slot, so the first ones are large
     * (few model reads, little of Spark's cost per task) and the last few small, and the slots end
     * together. Cut evenly (8 tasks of 37 LPs per slot for 600 LPs on 2 slots), one slot stood
     * idle for most of a slice at the end: 0.8-1.0 of its seconds in a 6.7 s batch.
     */
    static final int LP_GUIDE = 2;
    /** The smallest Spark task of LP solves: below it, Spark's cost per task outweighs the LPs. */
    static final int LP_MIN_SLICE = 4;

    private final SparkSession spark;

    public SparkFutureExecutor(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public List<FutureOutcome> run(List<FutureTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        SweepJob.shipSolverLibraries(spark);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ArrayList<FutureTask>> slices = new ArrayList<>();
        int from = 0;
        for (int size : sliceSizes(tasks, jsc.defaultParallelism())) {
            slices.add(new ArrayList<>(tasks.subList(from, from + size)));
            from += size;
        }
        // one slice per partition (Spark cuts a list of n into n partitions of one element each),
        // handed out in order
        return FutureExecutor.inOrder(jsc.parallelize(slices, slices.size())
                .mapPartitions(part -> {
                    List<FutureTask> mine = new ArrayList<>();
                    part.forEachRemaining(mine::addAll);
                    return FutureSolve.runAll(mine.iterator()).iterator();
                }).collect());
    }

    /**
     * The sizes of the Spark tasks the batch is cut into (contiguous runs of it, in order): one
     * task each when any is a planner solve; else each the remaining tasks over
     * {@link #LP_GUIDE} per slot, rounded up, at least {@link #LP_MIN_SLICE} (or the batch's
     * share of a slot, when that is less: a small batch still goes to every slot).
     */
    static List<Integer> sliceSizes(List<FutureTask> tasks, int slots) {
        if (tasks.stream().anyMatch(t -> !t.kind().lp())) {
            return Collections.nCopies(tasks.size(), 1);
        }
        int perSlot = (tasks.size() + Math.max(1, slots) - 1) / Math.max(1, slots);
        int least = Math.min(LP_MIN_SLICE, perSlot); // a small batch still reaches every slot
        int parts = LP_GUIDE * Math.max(1, slots);
        List<Integer> sizes = new ArrayList<>();
        for (int left = tasks.size(); left > 0; ) {
            int size = Math.min(left, Math.max(least, (left + parts - 1) / parts));
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }
}
