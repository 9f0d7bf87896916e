package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Plans the futures in this JVM, each by {@link Planner} keeping its commitments (as
 * {@code dcplan whatif} does), and evaluates each plan under its own future's model with those
 * commitments ({@link PlanEvaluator}): a commitment a future cannot keep shows as a violation,
 * never as a silently relaxed plan.
 *
 * <p>The futures are independent. How many are planned at once depends on the machine's
 * processors and on what each plan holds, never on the machine's load (a rule that did would make
 * the same command plan differently from run to run):
 * <ul>
 *   <li>a future planned alone (nothing held) runs its MIP on the second core beside its search
 *       (docs/solver.md, "The MIP on the second core"), so it already uses both cores of a 2-core
 *       machine; two side by side would share them (measured under load: the sample's ban future
 *       then served 0.4 % less, a worse plan by the contract's order; docs/benchmarks.md). These
 *       run one after another, or on {@code -Ddcplan.hedge.threads=N} threads;</li>
 *   <li>a future holding commitments (the hedge's re-plans, VSS) runs its MIP and then its search
 *       on one core ({@code Planner.concurrent}: never with commitments held), so one after another
 *       they leave every other core idle. They run side by side, one per processor
 *       ({@link #DEFAULT_HELD_THREADS}; {@code -Ddcplan.hedge.held-threads=N} to choose, 1 for one
 *       after another): on 2 cores each still has a core of its own, and the sample's hedge
 *       re-plans and VSS re-plans take about 20 s and 15 s instead of 31 s each
 *       (docs/benchmarks.md, "The sample hedge in under 2 minutes"). Side by side on a machine
 *       whose cores other work takes, each gets half of what this JVM gets (measured under a
 *       load of about 10 in the earlier session: the ban future's hedged plan was then the
 *       less-served kind in 3 runs of 3).</li>
 * </ul>
 * A step-limited plan is the same either way ({@code LocalCaseRunnerTest}).
 *
 * <p>The settings' time limit is the whole round's as it was when the futures ran one after
 * another: each case gets an equal share of it for its search (at least a second), and the LP
 * limit for its relaxation and each polish. Each plan's time, how its search ended and its MIP's
 * status go to the log (the command's console), so the time of a round can be read per future.
 */
public final class LocalCaseRunner implements CaseRunner {
    private final int threads;
    private final int heldThreads;
    private final Consumer<String> log;

    /**
     * Plans holding commitments planned at once by default: one per processor, since each uses
     * one core ({@code Planner.concurrent}: the MIP beside the search only when nothing is held).
     */
    static final int DEFAULT_HELD_THREADS = Runtime.getRuntime().availableProcessors();

    /**
     * Threads as the system properties {@code dcplan.hedge.threads} (else one) and
     * {@code dcplan.hedge.held-threads} (else {@link #DEFAULT_HELD_THREADS}) say; no log.
     */
    public LocalCaseRunner() {
        this(line -> { });
    }

    /** As above, each plan's time and end written to {@code log}. */
    public LocalCaseRunner(Consumer<String> log) {
        this(Integer.getInteger("dcplan.hedge.threads", 1), Integer.getInteger("dcplan.hedge.held-threads", DEFAULT_HELD_THREADS), log);
    }

    /** {@code threads} for every plan, held or not. */
    public LocalCaseRunner(int threads) {
        this(threads, threads, line -> { });
    }

    /** {@code threads} for plans holding nothing, {@code heldThreads} for plans that all hold commitments. */
    public LocalCaseRunner(int threads, int heldThreads, Consumer<String> log) {
        this.threads = Math.max(1, threads);
        this.heldThreads = Math.max(1, heldThreads);
        this.log = log;
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        if (held.size() != cases.size()) {
            throw new IllegalArgumentException(held.size() + " commitments for " + cases.size() + " cases");
        }
        CapacitySolver.Options options = options(settings, cases.size());
        Planner.LpLimits lp = new Planner.LpLimits(settings.lpTimeLimit(), settings.lpTimeLimit());
        // a round mixing both kinds (none does today) runs as plans holding nothing: each may use both cores
        int n = held.stream().noneMatch(Commitments::isNone) ? heldThreads : threads;
        if (n == 1 || cases.size() == 1) {
            List<CasePlan> out = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                out.add(planOne(cases.get(i), held.get(i), options, lp));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, cases.size()));
        try {
            List<Future<CasePlan>> running = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                HedgeCase c = cases.get(i);
                Commitments kept = held.get(i);
                running.add(pool.submit(() -> planOne(c, kept, options, lp)));
            }
            List<CasePlan> out = new ArrayList<>();
            for (Future<CasePlan> f : running) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning the futures", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CasePlan planOne(HedgeCase c, Commitments kept, CapacitySolver.Options options, Planner.LpLimits lp) {
        long t0 = System.nanoTime();
        Planner.Outcome o = new Planner().plan(c.model(), c.demand(), options, lp, kept);
        log.accept(String.format("    %s %s: %.1f s (search %.1f s, ended by %s; MIP %s)", c.name(),
                kept.isNone() ? "alone" : "holding commitments", (System.nanoTime() - t0) / 1e9, o.search().solveSeconds(),
                o.search().ended(), o.mip() == null ? "none" : String.format("%s in %.1f s", o.mip().status(),
                        o.mip().solveSeconds())));
        return new CasePlan(c.name(), c.probability(), o.plan(), PlanEvaluator.evaluate(c.model(), c.demand(), o.plan(), kept));
    }

    /** The search options of one case: its share of the time limit, the step limit and seed as given. */
    static CapacitySolver.Options options(HedgeSettings settings, int cases) {
        Duration each = settings.timeLimit() == null ? null
                : Duration.ofMillis(Math.max(1000, settings.timeLimit().toMillis() / Math.max(1, cases)));
        return CapacitySolver.Options.of(each, settings.steps(), settings.seed());
    }
}
