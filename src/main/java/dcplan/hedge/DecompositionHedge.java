package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The hedge for many futures (a Monte Carlo risk file: 50 or more), decomposed so that every
 * solve is one future's and runs as a task ({@link FutureExecutor}: Spark, or this JVM):
 * <ol>
 *   <li>every future alone, its LP relaxation: what it would commit before D if it knew it was
 *       coming ({@code Commitments.of} its plan);</li>
 *   <li>candidate shared commitments from those: the probability-weighted mean and quantiles,
 *       whole servers and phases ({@link CommitmentCandidates});</li>
 *   <li>each candidate held in every future, the LP relaxation again: the candidate's expected
 *       unmet volume and cost; the best is the least expected unmet, then the cheapest;</li>
 *   <li>every future planned holding the best (the {@link CaseRunner}: OptaPlanner through
 *       {@code Planner}), the hedged plan.</li>
 * </ol>
 * Deterministic given the seed: the LPs have no randomness, candidates are built in a fixed
 * order, ties go to the earlier candidate, and the final search is step-limited when asked.
 * What it does not prove: that no other commitment is better. The candidates are a few points
 * of a space the extensive form searches whole; docs/hedge.md says where that loses. The bound
 * it reports is the wait-and-see relaxation (each future's LP alone, weighted), a lower bound on
 * the expected cost of any hedged plan that serves in each future as much as that future can.
 */
public final class DecompositionHedge implements HedgeSolver {
    /** Unmet volumes closer than this share of the expected demand volume are taken as equal (LP round-off). */
    static final double UNMET_TOLERANCE = 1e-6;

    private final FutureExecutor executor;
    private final CaseRunner runner;

    public DecompositionHedge(FutureExecutor executor, CaseRunner runner) {
        this.executor = executor;
        this.runner = runner;
    }

    /**
     * A candidate and its expectations over the futures (NaN when an LP failed).
     *
     * @param lpSeconds each future's LP time holding the candidate, in the futures' order
     */
    record Scored(CommitmentCandidates.Candidate candidate, double expectedUnmet, double expectedCost, String note,
                  List<Double> lpSeconds) {
        boolean feasible() {
            return !Double.isNaN(expectedUnmet);
        }
    }

    @Override
    public HedgedPlan solve(HedgeInstance instance, HedgeSettings settings) {
        long start = System.nanoTime();
        List<HedgeCase> cases = instance.cases();
        Quarter d = instance.decisionQuarter();
        List<FutureOutcome> alone = FutureExecutor.requireAll(executor.run(
                tasks(cases, Collections.nCopies(cases.size(), Commitments.NONE), settings, 0)));
        List<Commitments> own = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HedgeCase c = cases.get(i);
            own.add(Commitments.of(c.model(), alone.get(i).plan(), c.model(), d));
        }
        List<Scored> scored = score(cases, CommitmentCandidates.of(cases, own, d), settings);
        Scored best = best(scored, expectedVolume(cases));
        List<CasePlan> plans = planLongestFirst(cases, best.candidate().commitments(), lpSeconds(scored, cases.size()),
                settings);
        double bound = 0;
        for (int i = 0; i < cases.size(); i++) {
            bound += cases.get(i).probability() * alone.get(i).totalCostUsd();
        }
        return new HedgedPlan(plans, best.candidate().commitments(), method(scored, best),
                (System.nanoTime() - start) / 1e9, bound, "wait-and-see LP relaxation (each future alone)");
    }

    /** Every candidate held in every future, one LP task each (its figures back, not its plan), all in one batch. */
    List<Scored> score(List<HedgeCase> cases, List<CommitmentCandidates.Candidate> candidates, HedgeSettings settings) {
        List<FutureTask> batch = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            batch.addAll(FutureTask.batch(FutureTask.Kind.LP_FIGURES, k * cases.size(), cases,
                    Collections.nCopies(cases.size(), candidates.get(k).commitments()), settings));
        }
        List<FutureOutcome> outcomes = executor.run(batch);
        List<Scored> out = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            double unmet = 0;
            double cost = 0;
            String note = "";
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                FutureOutcome o = outcomes.get(k * cases.size() + i);
                seconds.add(o.seconds());
                if (o.failed()) {
                    unmet = Double.NaN;
                    note = o.error();
                    break;
                }
                unmet += cases.get(i).probability() * o.unmetInferences();
                cost += cases.get(i).probability() * o.totalCostUsd();
            }
            out.add(new Scored(candidates.get(k), unmet, Double.isNaN(unmet) ? Double.NaN : cost, note, seconds));
        }
        return out;
    }

    /**
     * Each future's LP seconds summed over the candidates: how long its solves take, as the
     * planner's too (it starts from that LP); one LP's tenths of a second alone are mostly noise.
     */
    static List<Double> lpSeconds(List<Scored> scored, int futures) {
        double[] sum = new double[futures];
        scored.forEach(s -> {
            for (int i = 0; i < s.lpSeconds().size(); i++) {
                sum[i] += s.lpSeconds().get(i);
            }
        });
        return java.util.Arrays.stream(sum).boxed().toList();
    }

    /**
     * Every future planned holding {@code held}, handed to the runner longest first by
     * {@code estimate} (its LPs' seconds: the planner starts from such an LP). On k
     * slots the step ends with its last solve, and a long solve handed out last leaves the other
     * slots idle meanwhile; longest first, the last ones are short. A solve is the same wherever
     * it comes in the batch (nothing in it depends on its place), so the plans are too; they come
     * back in the futures' order.
     */
    List<CasePlan> planLongestFirst(List<HedgeCase> cases, Commitments held, List<Double> estimate,
                                    HedgeSettings settings) {
        List<Integer> order = longestFirst(estimate);
        List<CasePlan> planned = runner.plan(order.stream().map(cases::get).toList(),
                Collections.nCopies(cases.size(), held), settings);
        CasePlan[] out = new CasePlan[cases.size()];
        for (int j = 0; j < order.size(); j++) {
            out[order.get(j)] = planned.get(j);
        }
        return List.of(out);
    }

    /** The indices of {@code estimate}, the largest first; equal ones in index order. */
    static List<Integer> longestFirst(List<Double> estimate) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, estimate.size()).boxed().toList());
        order.sort(Comparator.comparing((Integer i) -> estimate.get(i)).reversed());
        return order;
    }

    /** The least expected unmet (within round-off), then the cheapest; the earlier on a tie. */
    static Scored best(List<Scored> scored, double expectedVolume) {
        Scored best = null;
        for (Scored s : scored) {
            if (!s.feasible()) {
                continue;
            }
            double tol = UNMET_TOLERANCE * expectedVolume;
            if (best == null || s.expectedUnmet() < best.expectedUnmet() - tol
                    || (s.expectedUnmet() <= best.expectedUnmet() + tol && s.expectedCost() < best.expectedCost())) {
                best = s;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no candidate commitment could be held in every future: "
                    + String.join("; ", scored.stream().map(s -> s.candidate().name() + ": " + s.note()).toList()));
        }
        return best;
    }

    /** The expected demand volume in inferences (average ips times the quarter's seconds). */
    static double expectedVolume(List<HedgeCase> cases) {
        double v = 0;
        for (HedgeCase c : cases) {
            v += c.probability() * c.demand().stream().mapToDouble(DemandCell::avgIps).sum() * Quarter.SECONDS;
        }
        return v;
    }

    private static List<FutureTask> tasks(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings,
                                          int firstIndex) {
        return FutureTask.batch(FutureTask.Kind.LP, firstIndex, cases, held, settings);
    }

    private static String method(List<Scored> scored, Scored best) {
        StringBuilder b = new StringBuilder("decomposition: each future's LP alone, " + scored.size()
                + " candidate commitments (mean, quantiles, nothing) held in every future by LP, best '"
                + best.candidate().name() + "' kept and every future re-planned holding it; candidates:");
        for (Scored s : scored) {
            b.append(String.format(" %s %s;", s.candidate().name(), s.feasible()
                    ? String.format("E[unmet] %.6g, E[cost] %.6g USD", s.expectedUnmet(), s.expectedCost())
                    : "infeasible (" + s.note() + ")"));
        }
        return b.toString();
    }
}
