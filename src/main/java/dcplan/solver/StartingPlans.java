package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import dcplan.solver.Planner.LpLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Planner}'s starting plans: the candidates built from the LP relaxation (rounded up,
 * phases fixed) and the MIP's, and the best of them by the evaluator (served first), its crumbs
 * tidied ({@link CrumbRemoval}).
 *
 * <p>All of it ends by {@link Deadline#STARTS} of the time limit. The candidates' LPs end by
 * {@link Deadline#CANDIDATES}: each gets at most the time left until then, and when that is gone
 * the candidates still to build are dropped, the dearest to build first (the LPs with phases
 * fixed, then the rounding's re-split). Past {@link Deadline#STARTS} the candidates not yet judged
 * are dropped once one is feasible (the first and the MIP's are always judged), and the crumb tidy stops
 * keeping what it has. Feasible comes first: while no candidate is feasible, none is dropped. The rounded relaxation with its flows clipped to its servers
 * ({@link #roundedAndSplit}: no LP, only arithmetic) is always built, so that a relaxation always
 * leaves a start.
 */
final class StartingPlans {

    private StartingPlans() {
    }

    /** The name of the start made of a warm problem's own routes. */
    static final String WARM = "the warm start's routes";

    /** The plan the search starts from, its name and evaluation. */
    record Start(String name, Plan plan, Evaluation evaluation) {
    }

    /**
     * The best starting plan by the evaluator (served first): the warm start's routes when the
     * caller routed the problem, and the LP's candidates ({@link #candidates}); then its crumbs
     * tidied away ({@link CrumbRemoval}, before the search: the search's score then decides
     * whether any come back). Null when there is no candidate.
     */
    static Start start(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, boolean warm,
                               LpResult relaxation, LpLimits lp, MipCandidates.Found mip, double gap,
                               HeldLevels held, Commitments commitments, Deadline deadline) {
        List<Candidate> all = new ArrayList<>();
        if (warm) {
            all.add(new Candidate(WARM, PlanExtractor.extract(problem), true));
        }
        all.addAll(candidates(model, demand, relaxation, lp, mip, gap, held, commitments, deadline));
        return best(model, demand, all, lp, held, commitments, deadline);
    }

    /**
     * The best of {@code all} by the evaluator ({@link ServedFirst}: served first, measured from the
     * most any candidate serves; the first of equals), its crumbs tidied unless it is a search's
     * own plan; null when there is none.
     */
    static Start best(PlanningModel model, List<DemandCell> demand, List<Candidate> all, LpLimits lp,
                              HeldLevels held, Commitments commitments, Deadline deadline) {
        List<Candidate> evaluated = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        boolean anyFeasible = false;
        int dropped = 0;
        for (Candidate candidate : all) {
            if (anyFeasible && candidate.evaluation() == null && !candidate.exact()
                    && deadline.passed(Deadline.STARTS)) {
                dropped++; // the evaluator costs seconds a plan on large instances; judged on while none is feasible
                continue;
            }
            Evaluation e = candidate.evaluation() != null ? candidate.evaluation()
                    : deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, candidate.plan(), commitments));
            evaluated.add(candidate);
            evaluations.add(e);
            anyFeasible |= e.feasible();
        }
        int chosen = ServedFirst.best(evaluations, Planner::figures);
        if (chosen < 0) {
            return null;
        }
        if (Deadline.LOG_STEPS) {
            System.err.println("[dcplan] planning step: starts judged: " + judgedLine(
                    evaluated.stream().map(Candidate::name).toList(),
                    evaluations.stream().map(Planner::figures).toList(), chosen));
        }
        Candidate best = evaluated.get(chosen);
        Evaluation bestEval = evaluations.get(chosen);
        String judged = dropped == 0 ? "" : " (candidates not judged for lack of time: " + dropped + ")";
        if (best.searched()) {
            // a search's own plan: whether crumbs come back is the search's call
            return new Start(best.name() + judged, best.plan(), bestEval);
        }
        CrumbRemoval.Result tidy = CrumbRemoval.tidy(model, demand, best.plan(), bestEval, held,
                p -> deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, p, commitments)), Planner::isNoWorse, p -> {
                    Duration limit = deadline.capped(lp.polish(), Deadline.STARTS);
                    if (!Planner.isOn(limit)) {
                        return null;
                    }
                    // timed like every re-split: the final re-split's reserve is the longest of them
                    LpResult split = deadline.resplit(() -> PlanLinearProgram.polishDispatch(model, demand, p,
                            LpOptions.relaxed().withTimeLimit(limit)));
                    return split.status().hasSolution() ? split.plan() : null;
                }, () -> deadline.passed(Deadline.STARTS));
        String name = best.name() + judged + (tidy.note().isEmpty() ? "" : "; crumbs: " + tidy.note());
        return new Start(name, tidy.plan(), tidy.evaluation());
    }

    /**
     * The step log's line of what {@link #best} judged: each candidate's name, its cost and unmet
     * share (or that it breaks a hard limit), the chosen one marked. It is what says, per run,
     * what each step's plan was worth against the others (docs/solver.md, "Which step makes the
     * plan").
     */
    static String judgedLine(List<String> names, List<ServedFirst.Figures> figures, int chosen) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ServedFirst.Figures f = figures.get(i);
            double unmetShare = f.volume() > 0 ? (f.volume() - f.served()) / f.volume() : 0;
            parts.add(String.format(Locale.ROOT, "%s%s: %s%,.0f USD, unmet %.6e of the demand",
                    i == chosen ? "[chosen] " : "", names.get(i), f.feasible() ? "" : "INFEASIBLE, ",
                    f.cost(), unmetShare));
        }
        return String.join("; ", parts);
    }

    /**
     * A starting plan; {@code searched}: a search's own plan (the warm routes, the first search's
     * best); {@code evaluation}: its evaluation when already known (null: to be evaluated);
     * {@code exact}: made by an exact solver (the MIP, relax-and-fix), judged even past the
     * deadline (on small and medium instances these are the plans that win; docs/solver.md).
     */
    record Candidate(String name, Plan plan, boolean searched, Evaluation evaluation, boolean exact) {
        Candidate(String name, Plan plan, boolean searched, Evaluation evaluation) {
            this(name, plan, searched, evaluation, false);
        }

        Candidate(String name, Plan plan, boolean searched) {
            this(name, plan, searched, null);
        }

        Candidate(String name, Plan plan) {
            this(name, plan, false);
        }

        /** One of the MIP's plans ({@link MipCandidates}). */
        static Candidate ofMip(String name, Plan plan) {
            return new Candidate(name, plan, false, null, true);
        }
    }

    /**
     * The starting candidates, in the order they are tried: the relaxation rounded up to a plan
     * ({@link RelaxationRounding}), its flows clipped to and re-split over those servers, then
     * trimmed; with phases, the same again from the LP re-solved with whole phases fixed
     * ({@link #phasesFixed}); last, the MIP's plans ({@link MipCandidates}, already solved: where
     * the instance is small enough the MIP's, else relax-and-fix's). A step whose LP finds no
     * solution adds nothing. When the MIP's plan is proven within {@code gap} of its dual bound
     * and serves the most any plan can ({@link MipCandidates.Found#provenWithin}), the rounded
     * candidates are skipped: none can beat it by more than the gap, and they cost LP solves
     * (6-15 s of a what-if's planning step, measured in bin/bench whatif). Past
     * {@link Deadline#CANDIDATES} of the time limit the LPs with phases fixed are dropped, once
     * a candidate is feasible ({@link #anyFeasible}); while none is, they are built in any case,
     * the relaxation's phases rounded down first (fewer phases: within a budget the rounding
     * broke; measured on large budget-bound v2 #1, whose rounded relaxation broke a limit).
     */
    static List<Candidate> candidates(PlanningModel model, List<DemandCell> demand, LpResult relaxation,
                                              LpLimits lp, MipCandidates.Found mip, double gap, HeldLevels held,
                                              Commitments commitments, Deadline deadline) {
        List<Candidate> candidates = new ArrayList<>();
        if (relaxation != null && relaxation.status().hasSolution() && !mip.provenWithin(gap)) {
            // The relaxation may buy servers ahead of need (for a later quarter's supply or
            // budget); rounded up, it is a plan, and its servers become the search's purchases.
            Plan rounded = roundedAndSplit(model, demand, relaxation, lp, held, "LP relaxation rounded up", candidates,
                    deadline);
            deadline.mark("relaxation rounded up, re-split");
            if (rounded != null && PlanLinearProgram.hasPhases(model)) {
                // whole phases as rounding chose them, then as the relaxation's fractions rounded down
                Map<String, Map<Plan.SiteQuarter, Double>> choices = new LinkedHashMap<>();
                String roundingsPhases = "LP with the rounding's phases fixed, rounded up";
                choices.put(roundingsPhases, RelaxationRounding.wholePhases(model, rounded.itMwBuilt()));
                choices.put("LP with the relaxation's phases rounded down and fixed, rounded up",
                        RelaxationRounding.phasesRoundedDown(model, relaxation, held));
                if (deadline.limited() && !anyFeasible(model, demand, candidates, commitments, deadline)) {
                    choices.put(roundingsPhases, choices.remove(roundingsPhases)); // now last
                }
                choices.forEach((name, phases) -> {
                    boolean rescue = deadline.limited() && !anyFeasible(model, demand, candidates, commitments, deadline);
                    if (deadline.passed(Deadline.CANDIDATES) && !rescue) {
                        return; // dropped: the time left is for judging the candidates and the search
                    }
                    LpResult phased = phasesFixed(model, demand, phases, lp, commitments, deadline, rescue);
                    if (phased.status().hasSolution()) {
                        roundedAndSplit(model, demand, phased, lp, held, name, candidates, deadline, rescue);
                    }
                    deadline.mark(name);
                });
            }
        }
        mip.plans().forEach((name, plan) -> candidates.add(Candidate.ofMip(name, plan)));
        return candidates;
    }

    /**
     * {@code lpResult} rounded up ({@link RelaxationRounding}), its flows clipped and re-split over
     * its servers, added as two candidates (as is, trimmed); returns the rounded plan (null when
     * the re-split found no solution). When the deadline left the re-split no time, the rounded
     * plan with its flows clipped is added instead (the cheapest start to build: no LP).
     */
    static Plan roundedAndSplit(PlanningModel model, List<DemandCell> demand, LpResult lpResult, LpLimits lp,
                                        HeldLevels held, String name, List<Candidate> candidates, Deadline deadline) {
        return roundedAndSplit(model, demand, lpResult, lp, held, name, candidates, deadline, false);
    }

    /**
     * {@link #roundedAndSplit(PlanningModel, List, LpResult, LpLimits, HeldLevels, String, List, Deadline)};
     * with {@code rescue} (no candidate is feasible yet) the re-split gets what is left of the
     * whole limit, at least {@link Deadline#FINAL_OVERRUN} of it, instead of being dropped.
     */
    static Plan roundedAndSplit(PlanningModel model, List<DemandCell> demand, LpResult lpResult, LpLimits lp,
                                HeldLevels held, String name, List<Candidate> candidates, Deadline deadline,
                                boolean rescue) {
        Plan rounded = PlanTrimming.clippedToCapacity(model, RelaxationRounding.roundedUp(model, lpResult, held));
        Duration limit = rescue ? deadline.forLastStep(lp.polish()) : deadline.capped(lp.polish(), Deadline.CANDIDATES);
        if (!Planner.isOn(limit)) {
            candidates.add(new Candidate(name + ", flows clipped (no time left to re-split)", rounded));
            return rounded;
        }
        LpResult split = deadline.resplit(() -> PlanLinearProgram.polishDispatch(model, demand, rounded,
                LpOptions.relaxed().withTimeLimit(limit)));
        if (!split.status().hasSolution()) {
            return null;
        }
        candidates.add(new Candidate(name + ", LP re-split", split.plan()));
        PlanTrimming.trims(model, split.plan(), held)
                .forEach((trim, p) -> candidates.add(new Candidate(name + ", LP re-split, " + trim, p)));
        return rounded;
    }

    /**
     * Whether some candidate is feasible by the evaluator; evaluates those not evaluated yet, in
     * place ({@link Candidate#evaluation}: {@link #best} reuses them), timed on {@code deadline}
     * like every evaluation (the steps after the final search are budgeted from the longest).
     */
    static boolean anyFeasible(PlanningModel model, List<DemandCell> demand, List<Candidate> candidates,
                               Commitments commitments, Deadline deadline) {
        boolean feasible = false;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.evaluation() == null) {
                Evaluation e = deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, c.plan(), commitments));
                candidates.set(i, new Candidate(c.name(), c.plan(), c.searched(), e, c.exact()));
            }
            feasible |= candidates.get(i).evaluation().feasible();
        }
        return feasible;
    }

    /**
     * A fix-and-resolve step for whole phases: the LP again with the MW of every site with phases
     * fixed at {@code phases}, servers, flows and other sites' MW free. Two choices of phases are
     * tried: the rounded plan's (within budget after the rounding's repairs; where the
     * relaxation split a phase between quarters, rounding may leave fewer servers than those
     * phases power, and this gives them back) and the relaxation's fractions rounded down (where
     * a fraction of a phase was cheap in the relaxation but a whole one is not worth it).
     */
    static LpResult phasesFixed(PlanningModel model, List<DemandCell> demand, Map<Plan.SiteQuarter, Double> phases,
                                        LpLimits lp, Commitments commitments, Deadline deadline, boolean rescue) {
        Duration own = Planner.isOn(lp.relaxation()) ? lp.relaxation() : lp.polish();
        Duration limit = rescue ? deadline.forLastStep(own) : deadline.capped(own, Deadline.CANDIDATES);
        return PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(limit)
                .withCommitments(commitments).withFixedMw(phases));
    }
}
