package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plans the futures in this JVM, each by {@link Planner} keeping its commitments (as
 * {@code dcplan whatif} does), and evaluates each plan under its own future's model with those
 * commitments ({@link PlanEvaluator}): a commitment a future cannot keep shows as a violation,
 * never as a silently relaxed plan.
 *
 * <p>The futures are independent and each planner runs on one thread, so they are planned
 * side by side on up to {@code threads} threads (by default one per core while the cores are
 * free, {@link #freeCoreThreads()}): a round of N futures then takes about ceil(N / cores) plans'
 * time instead of N. A step-limited plan is the same either way.
 *
 * <p>The settings' time limit is the whole round's as it was when the futures ran one after
 * another: each case gets an equal share of it for its search (at least a second), and the LP
 * limit for its relaxation and each polish.
 */
public final class LocalCaseRunner implements CaseRunner {
    /** Null: decided at each round ({@link #freeCoreThreads()}). */
    private final Integer threads;

    /**
     * As many threads as the system property {@code dcplan.hedge.threads} says, else one per core
     * when the cores are free at the start of each round, else one.
     */
    public LocalCaseRunner() {
        Integer forced = Integer.getInteger("dcplan.hedge.threads");
        this.threads = forced == null ? null : Math.max(1, forced);
    }

    public LocalCaseRunner(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * One thread per core when the machine's one-minute load is below the cores less half of one
     * (it counts this run's own busy thread, about 1), else one. Side by side, each future's search
     * keeps its time limit: on a quiet machine each has a core and plans as it would alone, but on
     * a loaded one two futures share what one would have had, and the sample's ban future served
     * 0.4 % less (measured under a load of 8-10; docs/benchmarks.md), a worse plan by the
     * contract's order.
     */
    static int freeCoreThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load >= 0 && load < cores - 0.5 ? cores : 1;
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        if (held.size() != cases.size()) {
            throw new IllegalArgumentException(held.size() + " commitments for " + cases.size() + " cases");
        }
        CapacitySolver.Options options = options(settings, cases.size());
        Planner.LpLimits lp = new Planner.LpLimits(settings.lpTimeLimit(), settings.lpTimeLimit());
        int threads = this.threads != null ? this.threads : freeCoreThreads();
        if (threads == 1 || cases.size() == 1) {
            List<CasePlan> out = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                out.add(planOne(cases.get(i), held.get(i), options, lp));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cases.size()));
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

    private static CasePlan planOne(HedgeCase c, Commitments kept, CapacitySolver.Options options, Planner.LpLimits lp) {
        Planner.Outcome o = new Planner().plan(c.model(), c.demand(), options, lp, kept);
        return new CasePlan(c.name(), c.probability(), o.plan(), PlanEvaluator.evaluate(c.model(), c.demand(), o.plan(), kept));
    }

    /** The search options of one case: its share of the time limit, the step limit and seed as given. */
    static CapacitySolver.Options options(HedgeSettings settings, int cases) {
        Duration each = settings.timeLimit() == null ? null
                : Duration.ofMillis(Math.max(1000, settings.timeLimit().toMillis() / Math.max(1, cases)));
        return CapacitySolver.Options.of(each, settings.steps(), settings.seed());
    }
}
