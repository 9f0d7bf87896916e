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

/**
 * Plans the futures in this JVM, each by {@link Planner} keeping its commitments (as
 * {@code dcplan whatif} does), and evaluates each plan under its own future's model with those
 * commitments ({@link PlanEvaluator}): a commitment a future cannot keep shows as a violation,
 * never as a silently relaxed plan.
 *
 * <p>The futures are independent; by default they are planned one after another, because a
 * time-limited planner already uses both cores of a 2-core machine (its MIP on the second core
 * beside the search: docs/solver.md, "The MIP on the second core"), and two futures side by side
 * would share those cores: measured under load, the sample's ban future then served 0.4 % less, a
 * worse plan by the contract's order (docs/benchmarks.md). With {@code -Ddcplan.hedge.threads=N}
 * (on a machine with cores to spare) they run side by side on N threads; a step-limited plan is
 * the same either way ({@code LocalCaseRunnerTest}).
 *
 * <p>The settings' time limit is the whole round's as it was when the futures ran one after
 * another: each case gets an equal share of it for its search (at least a second), and the LP
 * limit for its relaxation and each polish.
 */
public final class LocalCaseRunner implements CaseRunner {
    private final int threads;

    /** As many threads as the system property {@code dcplan.hedge.threads} says, else one. */
    public LocalCaseRunner() {
        this(Integer.getInteger("dcplan.hedge.threads", 1));
    }

    public LocalCaseRunner(int threads) {
        this.threads = Math.max(1, threads);
    }

    @Override
    public List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings) {
        if (held.size() != cases.size()) {
            throw new IllegalArgumentException(held.size() + " commitments for " + cases.size() + " cases");
        }
        CapacitySolver.Options options = options(settings, cases.size());
        Planner.LpLimits lp = new Planner.LpLimits(settings.lpTimeLimit(), settings.lpTimeLimit());
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
