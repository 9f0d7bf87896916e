package dcplan.solver.lp;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The extensive form of a hedge: every future's LP (or MIP) in one model, each future's columns
 * and rows as {@link LpFormulation} writes them for its own model and demand, appended with its
 * probability as the objective's weight ({@link LinearModel#append}), and linked
 * ({@link ExtensiveFormLinks}) so that the commitments before the decision quarter are the same in
 * every future. Solved lexicographically over expectations, as {@link LexicographicSolve} solves
 * one future: maximise expected served, then minimise expected cost keeping it.
 *
 * <p>Lower bound: with servers continuous, phase 2 minimises the expected cost over a superset of
 * the hedged integer plans, so its optimum bounds the expected cost of every hedged plan serving
 * at least the phase-1 expectation; a MIP's dual bound bounds it too (as in
 * {@link LexicographicSolve}).
 */
public final class ExtensiveForm {

    /** One future: its resolved model and demand and its probability. */
    public record Future(PlanningModel model, List<DemandCell> demand, double probability) {
    }

    /**
     * The solved extensive form.
     *
     * @param plans           each future's solution read back as a plan ({@link LpResult}), in order
     * @param expectedCostUsd the expected cost of the solution (recomputed from each plan's values)
     * @param lowerBoundUsd   a proven lower bound on the expected cost of any hedged plan that serves
     *                        as much in expectation; NaN when none was proven
     */
    public record Result(List<LpResult> plans, LpStatus status, boolean provenOptimal, double expectedCostUsd,
                         double lowerBoundUsd, String lowerBoundKind, double solveSeconds, String message) {
        public Result {
            plans = List.copyOf(plans);
        }
    }

    private static final double[] TOLERANCES = {1e-12, 1e-9, 1e-7};

    final LpBackends backends;
    private final List<Future> futures;
    private final List<LpVariables> vars = new ArrayList<>();
    private final List<LpFormulation> forms = new ArrayList<>();

    ExtensiveForm(LpBackends backends, List<Future> futures) {
        this.backends = backends;
        this.futures = List.copyOf(futures);
        Set<String> active = new HashSet<>();
        for (Future f : futures) {
            LpVariables v = variables(f, Set.of());
            for (int s = 0; s < v.sites(); s++) {
                for (int c = 0; c < v.chips(); c++) {
                    if (v.active[s][c]) {
                        active.add(v.pairId(s, c));
                    }
                }
            }
        }
        for (Future f : futures) {
            LpVariables v = variables(f, active);
            vars.add(v);
            forms.add(new LpFormulation(v));
        }
    }

    private static LpVariables variables(Future f, Set<String> active) {
        return new LpVariables(f.model(), f.demand(), null, HeldLevels.of(f.model(), Commitments.NONE), Map.of(), LpWindow.ALL, active);
    }

    /**
     * Solves the extensive form of {@code futures} linked to future {@code reference} before
     * {@code decision}: the LP relaxation, or with {@code options.integerServers()} the MIP (whole
     * servers and phases), within {@code options.timeLimit()}.
     */
    public static Result solve(List<Future> futures, Quarter decision, int reference, LpOptions options) {
        for (Future f : futures) {
            if (!f.model().quarters().equals(futures.get(0).model().quarters())) {
                throw new IllegalArgumentException("the futures of an extensive form must share the horizon");
            }
        }
        return new ExtensiveForm(LpBackends.standard(), futures).run(decision, reference, options);
    }

    /**
     * A lower bound on the expected cost of every hedged plan of {@code futures} (commitments before
     * {@code decision} shared) that serves at least {@code expectedServedInferences} in expectation:
     * the extensive form's phase 2 with that target, relaxed (its optimum) or, with
     * {@code options.integerServers()}, the MIP (its solver's dual bound, valid whether or not it
     * closed the gap). NaN when none was proven within {@code options.timeLimit()}.
     */
    public static Result lowerBound(List<Future> futures, Quarter decision, int reference, double expectedServedInferences,
                                    LpOptions options) {
        return lowerBound(futures, decision, reference, expectedServedInferences, options, null);
    }

    /**
     * As above, the MIP started from {@code start} (a hedged plan: one plan per future, in order,
     * sharing their commitments before {@code decision}; null for none). Such a plan serving the
     * target is feasible for the MIP, so SCIP keeps it as its incumbent: its dual bound is then
     * readable at the time limit (OR-Tools reports one only with a plan; alone, SCIP found none
     * in 30 s on small supply-bound v2 #1, whose target is the most whole servers can serve), and
     * a cheaper plan it finds comes back in {@link Result#plans} (empty when it found none).
     */
    public static Result lowerBound(List<Future> futures, Quarter decision, int reference, double expectedServedInferences,
                                    LpOptions options, List<Plan> start) {
        return lowerBound(LpBackends.standard(), futures, decision, reference, expectedServedInferences, options, start);
    }

    /** As above with {@code backends} (tests). */
    static Result lowerBound(LpBackends backends, List<Future> futures, Quarter decision, int reference,
                             double expectedServedInferences, LpOptions options, List<Plan> start) {
        ExtensiveForm ef = new ExtensiveForm(backends, futures);
        LpClock clock = new LpClock(options.timeLimit());
        double target = LpFormulation.servedUnits(expectedServedInferences);
        Combined c = ef.build(options.integerServers(), LpFormulation.Goal.MIN_COST, decision, reference,
                target - Math.max(1e-9 * Math.abs(target), 1e-12));
        if (options.integerServers() && start != null) {
            c.lm().start(ef.columnsOf(c, start));
        }
        Phase p = Phase.run(ef.backends, c.lm(), options.integerServers(), false, clock.remainingMillis(), options.mipRelativeGap());
        double constant = ef.constantCostUsd(c);
        double bound = Double.NaN;
        String kind = "";
        if (!options.integerServers() && p.status() == LpStatus.OPTIMAL) {
            bound = p.result().objectiveValue() * LpFormulation.MONEY_UNIT_USD + constant;
            kind = "extensive-form LP relaxation";
        } else if (options.integerServers() && Double.isFinite(p.result().bestBound())) {
            bound = p.result().bestBound() * LpFormulation.MONEY_UNIT_USD + constant;
            kind = "extensive-form MIP dual bound";
        }
        if (options.integerServers() && p.ok()) {
            Result plans = ef.read(c, p.x(), p.status(), false, clock, bound, kind, p.state());
            return new Result(plans.plans(), p.status(), false, plans.expectedCostUsd(), bound, kind, clock.elapsedSeconds(),
                    p.state());
        }
        return new Result(List.of(), p.status(), false, Double.NaN, bound, kind, clock.elapsedSeconds(), p.state());
    }

    /**
     * {@code plans} (one per future, in order) as a point of {@code c}'s columns: each flow's peak
     * ips in the model's unit, I as the plan's servers (existing included), M as its MW and P as
     * the whole phases above existing. A flow the model has no column for is dropped (the point
     * then serves less and the solver rejects it as a start).
     */
    private double[] columnsOf(Combined c, List<Plan> plans) {
        double[] x = new double[c.lm().columns()];
        for (int k = 0; k < futures.size(); k++) {
            LpVariables v = vars.get(k);
            LpFormulation.Built b = c.built().get(k);
            int o = c.offsets()[k];
            Plan plan = plans.get(k);
            Map<List<Object>, Double> peak = new HashMap<>();
            for (Plan.Flow f : plan.flows()) {
                peak.merge(List.of(f.region(), f.workload(), f.quarter(), f.site(), f.chip()), f.peakIps(), Double::sum);
            }
            for (int j = 0; j < b.flow.length; j++) {
                LpVariables.FlowKey fk = v.flowKeys.get(j);
                DemandCell d = v.cells.get(fk.cell());
                Double ips = peak.get(List.of(d.region(), d.workload(), v.quarters.get(fk.quarter()), v.site(fk.site()).id(),
                        v.chip(fk.chip()).id()));
                x[o + b.flow[j]] = ips == null ? 0.0 : ips / LpFormulation.FLOW_UNIT_IPS;
            }
            for (int s = 0; s < v.sites(); s++) {
                Site site = v.site(s);
                for (int ch = 0; ch < v.chips(); ch++) {
                    if (b.inst[s][ch] != null) {
                        for (int q = 0; q < v.quarters.size(); q++) {
                            x[o + b.inst[s][ch][q]] = plan.installed().getOrDefault(
                                    new Plan.SiteChipQuarter(site.id(), v.chip(ch).id(), v.quarters.get(q)), 0);
                        }
                    }
                }
                if (b.mw[s] != null) {
                    for (int q = 0; q < v.quarters.size(); q++) {
                        double mw = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(site.id(), v.quarters.get(q)),
                                site.existingItMw());
                        x[o + b.mw[s][q]] = mw;
                        if (b.phases[s][q] >= 0) {
                            x[o + b.phases[s][q]] = Math.rint((mw - site.existingItMw()) / site.phaseMw());
                        }
                    }
                }
            }
        }
        return x;
    }

    /** What each future's objective leaves out of its cost, weighted by its probability (USD). */
    double constantCostUsd(Combined c) {
        double constant = 0;
        for (int k = 0; k < futures.size(); k++) {
            constant += futures.get(k).probability() * forms.get(k).constantCostUsd(c.built().get(k));
        }
        return constant;
    }

    /** One model of every future with its links: the built parts and where each begins. */
    record Combined(LinearModel lm, List<LpFormulation.Built> built, int[] offsets) {
        double[] slice(double[] x, int k) {
            return Arrays.copyOfRange(x, offsets[k], offsets[k] + built.get(k).lm.columns());
        }
    }

    Combined build(boolean integer, LpFormulation.Goal goal, Quarter decision, int reference, double servedLower) {
        LinearModel lm = new LinearModel();
        List<LpFormulation.Built> built = new ArrayList<>();
        int[] offsets = new int[futures.size()];
        for (int k = 0; k < futures.size(); k++) {
            LpFormulation.Built b = forms.get(k).build(integer, goal, Double.NaN);
            built.add(b);
            offsets[k] = lm.append(b.lm, "k" + k + "_", futures.get(k).probability());
        }
        new ExtensiveFormLinks(lm, built, offsets, vars).addTo(reference, decision);
        if (!Double.isNaN(servedLower)) {
            LinearModel.Row served = lm.addRow("expected_served").lower(servedLower);
            for (int k = 0; k < futures.size(); k++) {
                for (int j = 0; j < built.get(k).flow.length; j++) {
                    served.set(offsets[k] + built.get(k).flow[j], futures.get(k).probability() * vars.get(k).flowKeys.get(j).avgPerPeak());
                }
            }
        }
        return new Combined(lm, built, offsets);
    }

    private Result run(Quarter decision, int reference, LpOptions options) {
        LpClock clock = new LpClock(options.timeLimit());
        boolean integer = options.integerServers();
        Combined c1 = build(integer, LpFormulation.Goal.MAX_SERVED, decision, reference, Double.NaN);
        Phase p1 = Phase.run(backends, c1.lm(), integer, true, clock.halfRemainingMillis(), Math.min(1e-9, options.mipRelativeGap()));
        if (!p1.ok()) {
            return failure(clock, "extensive form phase 1 (maximise expected served) ended " + p1.state());
        }
        double s1 = p1.result().objectiveValue();
        Phase p2 = null;
        Combined c2 = null;
        for (double tol : TOLERANCES) {
            if (tol < options.servedTolerance() || clock.expired()) {
                continue;
            }
            c2 = build(integer, LpFormulation.Goal.MIN_COST, decision, reference, s1 - Math.max(tol * Math.abs(s1), 1e-12));
            // phase 1's plans serve s1: the start of the cost phase's retry (Phase.costPhase)
            p2 = integer ? Phase.costPhase(backends, c2.lm(), p1.x(), clock, options.mipRelativeGap())
                    : Phase.run(backends, c2.lm(), false, false, clock.remainingMillis(), options.mipRelativeGap());
            if (p2.ok() || p2.timeLimitHit()) {
                break;
            }
        }
        if (p2 == null || !p2.ok()) {
            return read(c1, p1.x(), LpStatus.FEASIBLE, false, clock, Double.NaN, "",
                    "phase 2 (minimise expected cost) ended " + (p2 == null ? "unrun" : p2.state()) + "; phase 1's solution");
        }
        boolean proven = p1.status() == LpStatus.OPTIMAL && p2.status() == LpStatus.OPTIMAL;
        double constant = constantCostUsd(c2);
        double bound = Double.NaN;
        String kind = "";
        if (!integer && proven) {
            bound = p2.result().objectiveValue() * LpFormulation.MONEY_UNIT_USD + constant;
            kind = "extensive-form LP relaxation";
        } else if (integer && Double.isFinite(p2.result().bestBound())) {
            bound = p2.result().bestBound() * LpFormulation.MONEY_UNIT_USD + constant;
            kind = "extensive-form MIP dual bound";
        }
        return read(c2, p2.x(), p2.status(), proven, clock, bound, kind, "");
    }

    /** Each future's part of {@code x} read back as its plan. */
    private Result read(Combined c, double[] x, LpStatus status, boolean proven, LpClock clock, double bound, String kind,
                        String message) {
        List<LpResult> plans = new ArrayList<>();
        double expected = 0;
        for (int k = 0; k < futures.size(); k++) {
            LpResult r = new LpExtraction(vars.get(k), backends).result(c.built().get(k), c.slice(x, k), Double.NaN, status,
                    proven, false, clock, message);
            plans.add(r);
            expected += futures.get(k).probability() * r.totalCostUsd();
        }
        return new Result(plans, status, proven, expected, bound, kind, clock.elapsedSeconds(), message);
    }

    private Result failure(LpClock clock, String message) {
        List<LpResult> plans = new ArrayList<>();
        for (LpVariables v : vars) {
            plans.add(new LpExtraction(v, backends).failure(LpStatus.FAILED, false, clock, message));
        }
        return new Result(plans, LpStatus.FAILED, false, Double.NaN, Double.NaN, "", clock.elapsedSeconds(), message);
    }
}
