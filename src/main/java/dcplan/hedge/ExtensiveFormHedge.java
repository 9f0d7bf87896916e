package dcplan.hedge;

import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.Planner;
import dcplan.solver.ServedFirst;
import dcplan.solver.RoundedRelaxation;
import dcplan.solver.lp.ExtensiveForm;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hedge of a handful of futures through their extensive form ({@link ExtensiveForm}: every
 * future in one model, the commitments before D linked).
 * <ul>
 *   <li>small instances: the extensive-form MIP (whole servers and phases) within the LP time
 *       limit; its plans are the hedged plans, its dual bound the bound (no commitment search:
 *       nothing to gain over a proven optimum);</li>
 *   <li>larger ones (or when the MIP finds nothing in time): the extensive form's LP relaxation,
 *       whose reference future's solution is rounded to a plan ({@link RoundedRelaxation}); its
 *       commitments before D are the start of OptaPlanner's search over the shared commitments
 *       ({@link CommitmentSearch}, scored by every future's LP holding them), whose best every
 *       future keeps, each re-planned holding it by the {@link CaseRunner} (OptaPlanner through the
 *       Planner; the rounding's commitments when a re-plan cannot hold the search's). Rounding may break a limit of
 *       another future (its supply or budget before D): then the next future's rounding is tried
 *       as the reference; the relaxation's expected cost is the bound.</li>
 * </ul>
 * The reference future, whose plan states the shared commitments, is the central one.
 */
public final class ExtensiveFormHedge implements HedgeSolver {
    /**
     * The MIP is tried when the futures have at most this many candidate flows in all (demand
     * cells x sites x chips): beyond it SCIP rarely closes the gap within a minute.
     */
    public static final long MIP_SIZE_LIMIT = 6_000;

    /** The commitment search's share of the time limit: the re-plans get the whole limit after it. */
    static final int SEARCH_SHARE_DIVISOR = 2;

    private final CaseRunner runner;
    private final Boolean mip;
    private final Consumer<String> log;

    /** {@code mip}: true forces the MIP, false the relaxation with re-plans, null chooses by size. */
    public ExtensiveFormHedge(CaseRunner runner, Boolean mip) {
        this(runner, mip, line -> { });
    }

    /** As above, with each step's time written to {@code log} (the command's console). */
    public ExtensiveFormHedge(CaseRunner runner, Boolean mip, Consumer<String> log) {
        this.runner = runner;
        this.mip = mip;
        this.log = log;
    }

    @Override
    public HedgedPlan solve(HedgeInstance instance, HedgeSettings settings) {
        long t0 = System.nanoTime();
        List<ExtensiveForm.Future> futures = instance.cases().stream()
                .map(c -> new ExtensiveForm.Future(c.model(), c.demand(), c.probability())).toList();
        Duration lp = settings.lpTimeLimit() == null ? Duration.ofSeconds(120) : settings.lpTimeLimit();
        HedgedPlan fromMip = null;
        if (mip != null ? mip : size(instance) <= MIP_SIZE_LIMIT) {
            ExtensiveForm.Result r = ExtensiveForm.solve(futures, instance.decisionQuarter(), instance.central(),
                    LpOptions.integer().withTimeLimit(lp));
            log.accept(String.format("  extensive-form MIP: %s in %.1f s", r.status(), r.solveSeconds()));
            if (r.status().hasSolution()) {
                List<Plan> plans = r.plans().stream().map(LpResult::plan).toList();
                HedgedPlan h = hedged(instance, plans, "extensive form, MIP (" + PlanLinearProgram.backendDescription()
                        + "), " + r.status() + (r.provenOptimal() ? ", optimal; no commitment search (nothing to gain over a "
                        + "proven optimum)" : "; its plans"), t0, r);
                if (allFeasible(h.plans()) && r.provenOptimal()) {
                    return h;
                }
                fromMip = allFeasible(h.plans()) ? h : null;
            }
        }
        ExtensiveForm.Result relaxed = ExtensiveForm.solve(futures, instance.decisionQuarter(), instance.central(),
                LpOptions.relaxed().withTimeLimit(lp));
        log.accept(String.format("  extensive-form LP relaxation: %s in %.1f s", relaxed.status(), relaxed.solveSeconds()));
        // an unproven MIP's commitments are one more start of the commitment search
        List<Commitments> mipCommitments = fromMip == null ? List.of() : List.of(fromMip.shared());
        HedgedPlan h = roundedAndReplanned(instance, settings, relaxed, mipCommitments, t0);
        HedgedPlan kept = h;
        if (fromMip != null) {
            HedgedPlan replanned = replannedHolding(instance, fromMip, settings, t0);
            kept = best(List.of(fromMip, replanned, h));
            log.accept("  kept: " + (kept == h ? "the relaxation path's plans" : kept == fromMip
                    ? "the extensive-form MIP's plans" : "every future re-planned holding the extensive-form MIP's commitments")
                    + ", the best of the MIP's plans, the futures re-planned holding its commitments and the relaxation path's");
        }
        long tb = System.nanoTime();
        HedgedPlan bounded = withBoundAtItsServed(kept, futures, instance, lp, t0);
        if (kept != h && fromMip.expectedCostBoundUsd() != null && (bounded.expectedCostBoundUsd() == null
                || fromMip.expectedCostBoundUsd() > bounded.expectedCostBoundUsd())) {
            // the MIP's dual bound holds for plans serving at least its served phase's level, as both of its own do
            bounded = new HedgedPlan(bounded.plans(), bounded.shared(), bounded.method(), bounded.solveSeconds(),
                    fromMip.expectedCostBoundUsd(), fromMip.boundKind());
        }
        log.accept(String.format("  bound at the hedge's expected served: %.1f s", seconds(tb)));
        return bounded;
    }

    /**
     * Every future re-planned by the planner holding the commitments of an unproven MIP's plans:
     * the MIP stopped by its clock leaves each future's recourse after D where it was, which a
     * future planned alone (its own MIP, a fraction of the extensive form's size, and the search)
     * can improve.
     */
    private HedgedPlan replannedHolding(HedgeInstance instance, HedgedPlan fromMip, HedgeSettings settings, long t0) {
        long tp = System.nanoTime();
        Plan centralPlan = fromMip.plans().get(instance.central()).plan();
        PlanningModel centralModel = instance.centralCase().model();
        List<Commitments> held = instance.cases().stream().map(c -> Commitments.of(centralModel, centralPlan, c.model(),
                instance.decisionQuarter())).toList();
        List<CasePlan> plans = runner.plan(instance.cases(), held, settings);
        log.accept(String.format("  re-plans holding the MIP's commitments (%d futures): %.1f s", plans.size(), seconds(tp)));
        return new HedgedPlan(plans, fromMip.shared(), fromMip.method() + " re-planned by every future holding their "
                + "commitments (OptaPlanner)", seconds(t0), fromMip.expectedCostBoundUsd(), fromMip.boundKind());
    }

    /**
     * The best of {@code hedges} in expectation ({@link ServedFirst}: every plan feasible first,
     * then the most expected inferences served, within {@link Planner#SAME_SERVED} of the most any
     * of them serves, then the lowest expected cost); the first of equals.
     */
    static HedgedPlan best(List<HedgedPlan> hedges) {
        return hedges.get(ServedFirst.best(hedges, h -> {
            HedgeFigures.Expectation x = HedgeFigures.Expectation.of(h.plans());
            return new ServedFirst.Figures(x.feasible(), x.servedInferences(),
                    x.servedInferences() + x.unmetInferences(), x.totalCostUsd());
        }));
    }

    /**
     * The hedged plan with the strongest bound proven at what it serves in expectation: the
     * relaxation's phase 2 with that target (the relaxation's own optimum bounds only plans that
     * serve its maximum), and, where sites add MW in whole phases (the relaxation is then weak) and
     * the instance is small enough for the MIP path, the MIP's dual bound within half that time
     * limit when it is stronger. The MIP starts from the hedged plan itself (feasible for it: the
     * futures share their commitments and serve the target), so SCIP has an incumbent from the
     * first node and its bound is readable at its limit; a cheaper plan it finds at that served
     * level replaces the hedge's when {@link #best} prefers it (every plan feasible, as much
     * served, cheaper).
     */
    private HedgedPlan withBoundAtItsServed(HedgedPlan h, List<ExtensiveForm.Future> futures, HedgeInstance instance,
                                            Duration lp, long t0) {
        double served = HedgeFigures.Expectation.of(h.plans()).servedInferences();
        ExtensiveForm.Result best = ExtensiveForm.lowerBound(futures, instance.decisionQuarter(), instance.central(), served,
                LpOptions.relaxed().withTimeLimit(lp));
        boolean phases = instance.cases().stream().anyMatch(c -> PlanLinearProgram.hasPhases(c.model()));
        HedgedPlan kept = h;
        // only where the MIP path would be tried: on the sample (above the size limit) SCIP proved nothing
        // stronger than the relaxation in a minute nor in half of one (measured), 30 s of a 2-minute goal spent
        // for nothing; on small instances it does in seconds
        if (phases && size(instance) <= MIP_SIZE_LIMIT) {
            // half the LP limit
            ExtensiveForm.Result mip = ExtensiveForm.lowerBound(futures, instance.decisionQuarter(), instance.central(), served,
                    LpOptions.integer().withTimeLimit(lp.dividedBy(2)), h.plans().stream().map(CasePlan::plan).toList());
            if (Double.isFinite(mip.lowerBoundUsd()) && !(mip.lowerBoundUsd() <= best.lowerBoundUsd())) {
                best = mip;
            }
            if (!mip.plans().isEmpty()) {
                HedgedPlan polished = hedged(instance, mip.plans().stream().map(LpResult::plan).toList(),
                        h.method() + "; then the extensive-form MIP at its expected served, started from it ("
                                + mip.status() + ")", t0, mip);
                if (allFeasible(polished.plans()) && best(List.of(h, polished)) == polished) {
                    kept = polished;
                    log.accept("  the bound's MIP, started from the hedge, found a cheaper hedge at as much served: kept");
                }
            }
        }
        return new HedgedPlan(kept.plans(), kept.shared(), kept.method(), kept.solveSeconds(), bound(best), best.lowerBoundKind());
    }

    /** The relaxation's rounded reference commitments kept by every future's re-plan; the first reference that fits all. */
    private HedgedPlan roundedAndReplanned(HedgeInstance instance, HedgeSettings settings, ExtensiveForm.Result relaxed,
                                           List<Commitments> otherStarts, long t0) {
        if (!relaxed.status().hasSolution()) {
            throw new IllegalStateException("the extensive form's relaxation found no solution: " + relaxed.message());
        }
        HedgedPlan first = null;
        List<String> rejected = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        order.add(instance.central());
        for (int k = 0; k < instance.cases().size(); k++) {
            if (k != instance.central()) {
                order.add(k);
            }
        }
        for (int ref : order) {
            HedgeCase reference = instance.cases().get(ref);
            long tr = System.nanoTime();
            Plan rounded = RoundedRelaxation.of(TightestLimits.of(reference.model(), instance.cases()), relaxed.plans().get(ref));
            log.accept(String.format("  %s's rounding: %.1f s", reference.name(), seconds(tr)));
            CommitmentSearch.Result search = searched(instance, settings, reference, rounded, otherStarts);
            log.accept("  " + search.describe());
            long tp = System.nanoTime();
            List<CasePlan> plans = runner.plan(instance.cases(), search.held(), settings);
            log.accept(String.format("  re-plans holding the commitments (%d futures): %.1f s", plans.size(), seconds(tp)));
            Commitments shared = search.shared();
            String searchNote = search.describe();
            if (search.improved() && !allFeasible(plans)) {
                // the LP scores the recourse with fractional servers: whole servers and phases after D may then
                // break a budget or supply limit the rounding (under every future's tightest limits) keeps
                tp = System.nanoTime();
                List<CasePlan> plansBefore = plans;
                plans = runner.plan(instance.cases(), search.startHeld(), settings);
                shared = search.startShared();
                searchNote += " (its commitments broke a limit in a re-plan with whole servers, so the rounding's were kept)";
                log.accept(String.format("  the search's commitments broke a limit in a re-plan (%s); re-plans holding the "
                        + "rounding's: %.1f s", broken(plansBefore), seconds(tp)));
            }
            HedgedPlan h = new HedgedPlan(plans, shared, "extensive form, LP relaxation; " + reference.name()
                    + "'s commitments before D rounded (under every future's supply and budget), then "
                    + searchNote + ", and kept by every future's re-plan (OptaPlanner)"
                    + (rejected.isEmpty() ? "" : "; rejected: " + String.join("; ", rejected)),
                    seconds(t0), bound(relaxed), relaxed.lowerBoundKind());
            if (allFeasible(plans)) {
                return h;
            }
            rejected.add(reference.name() + "'s rounding breaks " + broken(plans));
            first = first == null ? h : first;
        }
        return first;
    }

    /**
     * The rounding's commitments improved by OptaPlanner ({@link CommitmentSearch}) within its share
     * of the time limit (and, under --steps, its evaluation limit), scored by every future's LP.
     */
    private static CommitmentSearch.Result searched(HedgeInstance instance, HedgeSettings settings, HedgeCase reference,
                                                    Plan rounded, List<Commitments> otherStarts) {
        Commitments start = Commitments.of(reference.model(), rounded, reference.model(), instance.decisionQuarter());
        List<Commitments> templates = instance.cases().stream().map(c -> Commitments.of(reference.model(), rounded,
                c.model(), instance.decisionQuarter())).toList();
        Duration time = settings.timeLimit() == null ? null : settings.timeLimit().dividedBy(SEARCH_SHARE_DIVISOR);
        List<Commitments> alternatives = new ArrayList<>(otherStarts);
        if (size(instance) <= MIP_SIZE_LIMIT) {
            alternatives.addAll(decompositionCandidates(instance, settings.lpTimeLimit()));
        }
        return CommitmentSearch.improve(instance, reference.model(), start, templates, alternatives, time, settings.steps(),
                settings.seed(), settings.lpTimeLimit());
    }

    /**
     * The decomposition's candidates ({@link CommitmentCandidates}: mean, quantiles and nothing of
     * each future's own commitments, its LP alone), as other starts for the search: only on small
     * instances, where their LPs (one per future, then one per candidate and future) take moments;
     * on the sample they would take about 20 of the LPs the search's 15 s allow (not measured there).
     */
    private static List<Commitments> decompositionCandidates(HedgeInstance instance, Duration lp) {
        List<Commitments> own = new ArrayList<>();
        for (HedgeCase c : instance.cases()) {
            LpResult r = CommitmentEvaluator.relaxation(c.model(), c.demand(), Commitments.NONE, lp);
            if (!r.status().hasSolution()) {
                return List.of();
            }
            own.add(Commitments.of(c.model(), r.plan(), c.model(), instance.decisionQuarter()));
        }
        return CommitmentCandidates.of(instance.cases(), own, instance.decisionQuarter()).stream()
                .map(CommitmentCandidates.Candidate::commitments).toList();
    }

    /** The MIP's plans as the hedged plans, each evaluated with the commitments it shares with the central one. */
    private static HedgedPlan hedged(HedgeInstance instance, List<Plan> plans, String method, long t0, ExtensiveForm.Result r) {
        HedgeCase central = instance.centralCase();
        Plan centralPlan = plans.get(instance.central());
        List<CasePlan> out = new ArrayList<>();
        for (int k = 0; k < plans.size(); k++) {
            HedgeCase c = instance.cases().get(k);
            Commitments held = Commitments.of(central.model(), centralPlan, c.model(), instance.decisionQuarter());
            Evaluation e = PlanEvaluator.evaluate(c.model(), c.demand(), plans.get(k), held);
            out.add(new CasePlan(c.name(), c.probability(), plans.get(k), e));
        }
        return new HedgedPlan(out, Commitments.of(central.model(), centralPlan, central.model(), instance.decisionQuarter()),
                method, seconds(t0), bound(r), r.lowerBoundKind());
    }

    /** "ban [budget, supply], ..." for the plans that break a limit. */
    private static String broken(List<CasePlan> plans) {
        return String.join(", ", plans.stream().filter(p -> !p.evaluation().feasible()).map(p -> p.name() + " "
                + p.evaluation().violations().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(java.util.Map.Entry::getKey).toList()).toList());
    }

    private static boolean allFeasible(List<CasePlan> plans) {
        return plans.stream().allMatch(p -> p.evaluation().feasible());
    }

    private static Double bound(ExtensiveForm.Result r) {
        return Double.isFinite(r.lowerBoundUsd()) ? r.lowerBoundUsd() : null;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Candidate flows of every future: demand cells x sites x chips. */
    static long size(HedgeInstance instance) {
        long n = 0;
        for (HedgeCase c : instance.cases()) {
            n += (long) c.demand().size() * c.model().sites().size() * c.model().chips().size();
        }
        return n;
    }
}
