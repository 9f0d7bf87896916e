package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.Sizing;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole planning step. Starting plans are built from the LP relaxation (rounded up, and with
 * whole phases fixed) and judged by the independent {@link PlanEvaluator} (served first, then
 * cheaper); the best, its crumbs tidied ({@link CrumbRemoval}), becomes OptaPlanner's construction
 * (chunk routes as its flows, purchases as its servers, phase builds as its MW). OptaPlanner then
 * owns the capex: the plan written is the solver's best solution, its flows re-split continuously
 * by an LP over the servers and MW it bought (never serving less). The search starts at the
 * start's cost (a phase built ahead of its servers included), so its best is never worse; a guard
 * ({@link #startBeatsSolverBest}) still writes the start, and says so loudly, should it ever be.
 */
public final class Planner {

    /** The planned result: the plan, its evaluation and how it was found. */
    public record Outcome(Plan plan, Evaluation evaluation, CapacitySolver.Result search,
                          boolean polished, String polishNote, LpResult relaxation) {
    }

    /** Time limits of the LP steps; a zero or null duration skips that step. */
    public record LpLimits(Duration relaxation, Duration polish) {
        public static final LpLimits NONE = new LpLimits(null, null);
    }

    static {
        OjAlgoQuiet.load();
    }

    private final CapacitySolver solver = new CapacitySolver();

    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                        LpLimits lp) {
        return plan(model, demand, options, lp, Commitments.NONE);
    }

    /** Plans keeping {@code commitments} (a what-if's; {@link Commitments#NONE}: none). */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                        LpLimits lp, Commitments commitments) {
        return plan(model, demand, ProblemBuilder.build(model, demand, options.chunksPerCell(), commitments), options, lp,
                commitments);
    }

    /** {@link #plan(PlanningModel, List, CapacityPlan, CapacitySolver.Options, LpLimits, Commitments)} without commitments. */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp) {
        return plan(model, demand, problem, options, lp, Commitments.NONE);
    }

    /**
     * Plans from a problem built by the caller. With a relaxation time limit, the LP relaxation
     * is solved first and seeds the routes, unless the caller routed the problem already (a warm
     * start); either way its cost is a lower bound (see {@link PlanLinearProgram#lowerBound}), and
     * the search stops once its best is proven within {@code options.gap()} of it ({@link GapStop}).
     *
     * <p>A what-if that keeps its baseline's commitments passes them here, and builds
     * {@code problem} with the same ones ({@link ProblemBuilder#build(PlanningModel, List, int, Commitments)}):
     * the search then holds them as floors and searches only the rest, the relaxation holds them
     * as bounds, and every candidate keeps them exactly.
     */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp, Commitments commitments) {
        LpResult relaxation = null;
        boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
        if (isOn(lp.relaxation())) {
            // before the search even when warm: its bound lets the search stop once proven within the gap
            relaxation = PlanLinearProgram.solve(model, demand,
                    LpOptions.relaxed().withTimeLimit(lp.relaxation()).withCommitments(commitments));
        }
        HeldLevels held = HeldLevels.of(model, commitments);
        // the MIP's budget: the search's time limit; none for a step-limited run, which must be
        // reproducible, and SCIP stopped by a time limit is not (DeterminismTest)
        Duration mipBudget = options.stepLimit() != null ? null : options.timeLimit();
        long startedAt = System.nanoTime();
        Start start = isOn(lp.polish()) ? start(model, demand, problem, warm, relaxation, lp, mipBudget, held, commitments) : null;
        if (start != null && !start.name().equals(WARM)) {
            StartChunks.apply(problem, start.plan());
        } else if (start == null && !warm && relaxation != null && relaxation.status().hasSolution()) {
            FlowSeed.apply(problem, relaxation.plan().flows());
        }
        if (start != null) {
            PurchaseSeed.apply(problem, start.plan());
        }
        CapacitySolver.Options searchOptions = withTimeLeft(options, System.nanoTime() - startedAt)
                .withGapStop(GapStop.of(relaxation, options.gap()));
        CapacitySolver.Result search = solver.solve(problem, searchOptions);
        Plan best = search.plan();
        Evaluation bestEval = PlanEvaluator.evaluate(model, demand, best, commitments);
        if (!isOn(lp.polish())) {
            return new Outcome(best, bestEval, search, false, "LP polish off", relaxation);
        }
        String note = "solver best" + (start == null ? "" : " (started from " + start.name() + ")");
        boolean polished = false;
        // the solver's purchases kept, its flows re-split continuously over them: never serves less
        LpResult split = PlanLinearProgram.polishDispatch(model, demand, best, LpOptions.relaxed().withTimeLimit(lp.polish()));
        if (split.status().hasSolution()) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, split.plan(), commitments);
            if (isBetter(e, bestEval)) {
                best = split.plan();
                bestEval = e;
                note += ", LP re-split";
                polished = true;
            }
        }
        if (start != null && startBeatsSolverBest(start.evaluation(), bestEval)) {
            // a guard, not a rule: the search starts at the start's cost (servers and phases as
            // floors), so its best is never worse; if it is, that is a bug, said loudly, and served
            // first still holds: the start is written
            System.err.println("[dcplan] WARNING: the start beat the solver's best (" + (servesMore(start.evaluation(), bestEval)
                    ? "served more" : "cost less") + "); writing the start. This is a bug: please report it.");
            return new Outcome(start.plan(), start.evaluation(), search, true,
                    start.name() + " (kept: the solver's best " + (servesMore(start.evaluation(), bestEval)
                            ? "served less)" : "cost more)"), relaxation);
        }
        return new Outcome(best, bestEval, search, polished, note, relaxation);
    }

    /**
     * The search's share of a time-limited plan: what the starting plans (the MIP's share above
     * all) left of {@code --time-limit}, so that the limit bounds the whole planning step; at
     * least a quarter of it, so that the search always gets a real say over the start.
     */
    static CapacitySolver.Options withTimeLeft(CapacitySolver.Options options, long spentNanos) {
        if (options.timeLimit() == null) {
            return options;
        }
        Duration limit = options.timeLimit();
        // whole milliseconds: OptaPlanner refuses a spent limit with nanoseconds
        Duration left = Duration.ofMillis(limit.minusNanos(spentNanos).toMillis());
        Duration floor = Duration.ofMillis(limit.toMillis() / 4);
        return options.withTimeLimit(left.compareTo(floor) < 0 ? floor : left);
    }

    /**
     * Whether the start is written instead of the solver's best (a guard: it should never hold,
     * since the search starts at the start's cost): only when it is better ({@link #isBetter}) and
     * the solver's best is not {@link #isNoWorse} than it. The same plan
     * summed in another order differs by float noise (measured on the sample: the start and the
     * solver's best had the same servers and MW, and the start "cost less" by micro-dollars), and
     * noise must not overrule the solver.
     */
    static boolean startBeatsSolverBest(Evaluation start, Evaluation solverBest) {
        return isBetter(start, solverBest) && !isNoWorse(solverBest, start);
    }

    /** The name of the start made of a warm problem's own routes. */
    private static final String WARM = "the warm start's routes";

    /** The plan the search starts from, its name and evaluation. */
    private record Start(String name, Plan plan, Evaluation evaluation) {
    }

    /**
     * The best starting plan by the evaluator (served first): the warm start's routes when the
     * caller routed the problem, and the LP's candidates ({@link #candidates}); then its crumbs
     * tidied away ({@link CrumbRemoval}, before the search: the search's score then decides
     * whether any come back). Null when there is no candidate.
     */
    private static Start start(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, boolean warm,
                               LpResult relaxation, LpLimits lp, Duration mipBudget, HeldLevels held,
                               Commitments commitments) {
        List<Candidate> all = new ArrayList<>();
        if (warm) {
            all.add(new Candidate(WARM, PlanExtractor.extract(problem)));
        }
        all.addAll(candidates(model, demand, relaxation, lp, mipBudget, held, commitments));
        Candidate best = null;
        Evaluation bestEval = null;
        for (Candidate candidate : all) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, candidate.plan(), commitments);
            if (bestEval == null || isBetter(e, bestEval)) {
                best = candidate;
                bestEval = e;
            }
        }
        if (best == null) {
            return null;
        }
        if (best.name().equals(WARM)) {
            return new Start(WARM, best.plan(), bestEval);
        }
        CrumbRemoval.Result tidy = CrumbRemoval.tidy(model, demand, best.plan(), bestEval, held,
                p -> PlanEvaluator.evaluate(model, demand, p, commitments), Planner::isNoWorse, p -> {
                    LpResult split = PlanLinearProgram.polishDispatch(model, demand, p,
                            LpOptions.relaxed().withTimeLimit(lp.polish()));
                    return split.status().hasSolution() ? split.plan() : null;
                });
        String name = best.name() + (tidy.note().isEmpty() ? "" : "; crumbs: " + tidy.note());
        return new Start(name, tidy.plan(), tidy.evaluation());
    }

    /** Whether {@code a} serves more than {@code b} beyond {@link #SAME_SERVED} (feasible first). */
    static boolean servesMore(Evaluation a, Evaluation b) {
        if (a.feasible() != b.feasible()) {
            return a.feasible();
        }
        double volume = Math.max(1.0, a.servedInferences() + a.unmetInferences());
        return b.unmetInferences() - a.unmetInferences() > SAME_SERVED * volume;
    }

    private static boolean isOn(Duration limit) {
        return limit != null && !limit.isZero() && !limit.isNegative();
    }

    /** Stops the search in progress (Ctrl-C); the plan is then finished from the best so far. */
    public void terminateEarly() {
        solver.terminateEarly();
    }

    private record Candidate(String name, Plan plan) {
    }

    /**
     * The starting candidates, in the order they are tried: the relaxation rounded up to a plan
     * ({@link RelaxationRounding}), its flows clipped to and re-split over those servers, then
     * trimmed; with phases, the same again from the LP re-solved with whole phases fixed
     * ({@link #phasesFixed}); last, the MIP's plan where the instance is small enough, else
     * relax-and-fix ({@link MipCandidates}, within a share of {@code mipBudget}; none when null).
     * A step whose LP finds no solution adds nothing.
     */
    private static List<Candidate> candidates(PlanningModel model, List<DemandCell> demand, LpResult relaxation,
                                              LpLimits lp, Duration mipBudget, HeldLevels held, Commitments commitments) {
        List<Candidate> candidates = new ArrayList<>();
        if (relaxation != null && relaxation.status().hasSolution()) {
            // The relaxation may buy servers ahead of need (for a later quarter's supply or
            // budget); rounded up, it is a plan, and its servers become the search's purchases.
            Plan rounded = roundedAndSplit(model, demand, relaxation, lp, held, "LP relaxation rounded up", candidates);
            if (rounded != null && PlanLinearProgram.hasPhases(model)) {
                // whole phases as rounding chose them, then as the relaxation's fractions rounded down
                Map<String, Map<Plan.SiteQuarter, Double>> choices = new LinkedHashMap<>();
                choices.put("LP with the rounding's phases fixed, rounded up", RelaxationRounding.wholePhases(model, rounded.itMwBuilt()));
                choices.put("LP with the relaxation's phases rounded down and fixed, rounded up",
                        RelaxationRounding.phasesRoundedDown(model, relaxation, held));
                choices.forEach((name, phases) -> {
                    LpResult phased = phasesFixed(model, demand, phases, lp, commitments);
                    if (phased.status().hasSolution()) {
                        roundedAndSplit(model, demand, phased, lp, held, name, candidates);
                    }
                });
            }
        }
        MipCandidates.of(model, demand, mipBudget, lp.polish(), held, commitments)
                .forEach((name, plan) -> candidates.add(new Candidate(name, plan)));
        return candidates;
    }

    /**
     * {@code lpResult} rounded up ({@link RelaxationRounding}), its flows clipped and re-split over
     * its servers, added as two candidates (as is, trimmed); returns the rounded plan (null when
     * the re-split found no solution).
     */
    private static Plan roundedAndSplit(PlanningModel model, List<DemandCell> demand, LpResult lpResult, LpLimits lp,
                                        HeldLevels held, String name, List<Candidate> candidates) {
        Plan rounded = PlanTrimming.clippedToCapacity(model, RelaxationRounding.roundedUp(model, lpResult, held));
        LpResult split = PlanLinearProgram.polishDispatch(model, demand, rounded, LpOptions.relaxed().withTimeLimit(lp.polish()));
        if (!split.status().hasSolution()) {
            return null;
        }
        candidates.add(new Candidate(name + ", LP re-split", split.plan()));
        candidates.add(new Candidate(name + ", LP re-split, trimmed", PlanTrimming.trimmed(model, split.plan(), held)));
        return rounded;
    }

    /**
     * A fix-and-resolve step for whole phases: the LP again with the MW of every site with phases
     * fixed at {@code phases}, servers, flows and other sites' MW free. Two choices of phases are
     * tried: the rounded plan's (within budget after the rounding's repairs; where the
     * relaxation split a phase between quarters, rounding may leave fewer servers than those
     * phases power, and this gives them back) and the relaxation's fractions rounded down (where
     * a fraction of a phase was cheap in the relaxation but a whole one is not worth it).
     */
    private static LpResult phasesFixed(PlanningModel model, List<DemandCell> demand, Map<Plan.SiteQuarter, Double> phases,
                                        LpLimits lp, Commitments commitments) {
        Duration limit = isOn(lp.relaxation()) ? lp.relaxation() : lp.polish();
        return PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(limit)
                .withCommitments(commitments).withFixedMw(phases));
    }

    /**
     * Served volumes closer than this share of all demand are the same: the LP solvers' own
     * tolerances (and the MIP's gap) leave differences of that order, and without it a plan
     * 7 % dearer won by serving 1e-7 more of the demand (measured on a seeded small instance).
     */
    static final double SAME_SERVED = 1e-6;

    /**
     * Whether a tidied plan may replace the incumbent ({@link CrumbRemoval}): feasible if the
     * incumbent is; no demand cell served less beyond round-off of its peak
     * ({@link Sizing#SHORT_SHARE}: a tidy-up never trades a cell's demand for cost, however small a
     * share of all demand it is); a cost not higher, up to a relative 1e-12 (the float noise of
     * summing the same costs in another order). Both evaluations are of the same demand.
     */
    static boolean isNoWorse(Evaluation candidate, Evaluation incumbent) {
        if (incumbent.feasible() && !candidate.feasible()) {
            return false;
        }
        for (int i = 0; i < candidate.cells().size(); i++) {
            Evaluation.CellResult c = candidate.cells().get(i);
            if (c.unmetPeakIps() > incumbent.cells().get(i).unmetPeakIps() + Sizing.SHORT_SHARE * c.peakIps()) {
                return false;
            }
        }
        return candidate.totalCostUsd() <= incumbent.totalCostUsd() * (1 + 1e-12);
    }

    /** Feasible beats infeasible; then less unmet (beyond {@link #SAME_SERVED}); then cheaper. */
    static boolean isBetter(Evaluation candidate, Evaluation incumbent) {
        if (candidate.feasible() != incumbent.feasible()) {
            return candidate.feasible();
        }
        double volume = Math.max(1.0, candidate.servedInferences() + candidate.unmetInferences());
        double unmetDiff = candidate.unmetInferences() - incumbent.unmetInferences();
        if (Math.abs(unmetDiff) > SAME_SERVED * volume) {
            return unmetDiff < 0;
        }
        return candidate.totalCostUsd() < incumbent.totalCostUsd() - 1e-6;
    }
}
