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
 * The whole planning step: OptaPlanner decides the capex (which routes, hence how many servers
 * and MW where and when), then an LP re-splits the demand over the servers it bought (the
 * search moves demand in chunks; the LP moves it continuously) and the servers and MW are
 * trimmed to what the new flows need. Each refinement is kept only if the independent
 * {@link PlanEvaluator} finds it feasible and better (less unmet, then cheaper). Last, crumbs
 * (tiny flows and MW increments, {@code ReportThresholds}) are tidied away where that is no
 * worse ({@link CrumbRemoval}).
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
     * start), in which case it is solved after the search; either way its cost is a lower bound
     * (see {@link PlanLinearProgram#lowerBound}).
     *
     * <p>A what-if that keeps its baseline's commitments passes them here, and builds
     * {@code problem} with the same ones ({@link ProblemBuilder#build(PlanningModel, List, int, Commitments)}):
     * the search then holds them as floors and searches only the rest, the relaxation holds them
     * as bounds, and every candidate keeps them exactly.
     */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp, Commitments commitments) {
        LpResult relaxation = null;
        LpOptions relaxed = LpOptions.relaxed().withTimeLimit(lp.relaxation()).withCommitments(commitments);
        boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
        if (isOn(lp.relaxation()) && !warm) {
            relaxation = PlanLinearProgram.solve(model, demand, relaxed);
            if (relaxation.status().hasSolution()) {
                FlowSeed.apply(problem, relaxation.plan().flows());
            }
        }
        CapacitySolver.Result search = solver.solve(problem, options);
        if (isOn(lp.relaxation()) && warm) {
            // a warm start needs no seed: the relaxation comes after, for the bound and as a candidate
            relaxation = PlanLinearProgram.solve(model, demand, relaxed);
        }
        Plan best = search.plan();
        Evaluation bestEval = PlanEvaluator.evaluate(model, demand, best, commitments);
        if (!isOn(lp.polish())) {
            return new Outcome(best, bestEval, search, false, "LP polish off", relaxation);
        }
        String note = "search plan";
        boolean polished = false;
        HeldLevels held = HeldLevels.of(model, commitments);
        // the MIP's budget: the search's time limit; none for a step-limited run, which must be
        // reproducible, and SCIP stopped by a time limit is not (DeterminismTest)
        Duration mipBudget = options.stepLimit() != null ? null : options.timeLimit();
        for (Candidate candidate : candidates(model, demand, best, relaxation, lp, mipBudget, held, commitments)) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, candidate.plan(), commitments);
            if (isBetter(e, bestEval)) {
                best = candidate.plan();
                bestEval = e;
                note = candidate.name();
                polished = true;
            }
        }
        CrumbRemoval.Result tidy = CrumbRemoval.tidy(model, demand, best, bestEval, held,
                p -> PlanEvaluator.evaluate(model, demand, p, commitments), Planner::isNoWorse, p -> {
                    LpResult split = PlanLinearProgram.polishDispatch(model, demand, p,
                            LpOptions.relaxed().withTimeLimit(lp.polish()));
                    return split.status().hasSolution() ? split.plan() : null;
                });
        if (!tidy.note().isEmpty()) {
            return new Outcome(tidy.plan(), tidy.evaluation(), search, true, note + "; crumbs: " + tidy.note(), relaxation);
        }
        return new Outcome(best, bestEval, search, polished, note, relaxation);
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
     * The refinements of the search plan, in the order they are tried: its flows re-split by the
     * LP over its servers, then trimmed to them; the relaxation rounded up to a plan
     * ({@link RelaxationRounding}), its flows clipped to and re-split over those servers, then
     * trimmed; with phases, the same again from the LP re-solved with whole phases fixed
     * ({@link #phasesFixed}); last, the MIP's plan where the instance is small enough
     * ({@link MipCandidates}, within a share of {@code mipBudget}). A step whose LP finds no
     * solution adds nothing.
     */
    private static List<Candidate> candidates(PlanningModel model, List<DemandCell> demand, Plan searchPlan,
                                              LpResult relaxation, LpLimits lp, Duration mipBudget, HeldLevels held,
                                              Commitments commitments) {
        List<Candidate> candidates = new ArrayList<>();
        LpResult polish = PlanLinearProgram.polishDispatch(model, demand, searchPlan,
                LpOptions.relaxed().withTimeLimit(lp.polish()));
        if (polish.status().hasSolution()) {
            candidates.add(new Candidate("search plan, LP re-split", polish.plan()));
            candidates.add(new Candidate("search plan, LP re-split, trimmed", PlanTrimming.trimmed(model, polish.plan(), held)));
        }
        if (relaxation != null && relaxation.status().hasSolution()) {
            // The relaxation may buy servers ahead of need (for a later quarter's supply or
            // budget), which the search's derived servers never do; rounded up, it is a plan.
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
