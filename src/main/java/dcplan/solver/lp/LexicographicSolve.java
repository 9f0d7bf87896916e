package dcplan.solver.lp;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.plan.HeldLevels;
import dcplan.plan.Sizing;

import java.util.List;
import java.util.Map;

/**
 * The planning model solved lexicographically with an injected backend:
 * <ol>
 *   <li>maximise served volume {@code sum flow * avg / peak} (equivalent to minimising unmet
 *       inferences: the two differ by a constant);</li>
 *   <li>add {@code served >= (1 - tol) * phase-1 optimum} and minimise total cost, with looser
 *       tolerances ({@link #FALLBACK_TOLERANCES}) if the solver calls the tight row infeasible.</li>
 * </ol>
 *
 * <h2>Lower bound claim (relaxed I)</h2>
 * With I continuous, phase 2 minimises cost over a superset of the integer plans. Hence for
 * any plan P that satisfies the hard constraints and serves {@code served(P) >= S}, the relaxed
 * optimum of "minimise cost subject to served >= (1 - tol) S" is {@code <= cost(P)}
 * ({@link #lowerBound}). In particular, the LP optimum of phase 2 with served fixed at the
 * MIP's served volume is {@code <= } the MIP optimum. The tolerance only loosens the LP, so the
 * bound stays valid; the only caveat is the solver's own floating-point accuracy (about 1e-9
 * relative).
 *
 * <h2>With phases: the MIP's dual bound</h2>
 * With {@code phase_mw} the relaxation builds fractions of a phase and can sit well below the
 * optimum (3.4 % on a medium instance). {@link #lowerBound} then also gives the MIP (whole servers
 * and phases) the time left and keeps its solver's dual bound when it is stronger: every integer
 * plan serving at least the target is feasible for that MIP, so no such plan costs less. The
 * result says which bound it holds ({@link LpResult#lowerBoundKind}).
 */
public final class LexicographicSolve {

    /** Looser fallbacks for the phase-2 served row if the tight one is declared infeasible. */
    private static final double[] FALLBACK_TOLERANCES = {1e-9, 1e-7};

    private final LpBackends backends;

    public LexicographicSolve(LpBackends backends) {
        this.backends = backends;
    }

    /** See {@link PlanLinearProgram#solve}. */
    public LpResult solve(PlanningModel model, List<DemandCell> demand, LpOptions options) {
        return new Run(model, demand, options).run(Double.NaN);
    }

    /** See {@link PlanLinearProgram#lowerBound(PlanningModel, List, double, LpOptions)}. */
    public LpResult lowerBound(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                               LpOptions options) {
        Run run = relaxedRun(model, demand, options);
        LpResult relaxed = run.run(minServedInferences);
        if (!hasPhases(model) || !relaxed.status().hasSolution() || run.clock.expired()) {
            return relaxed;
        }
        return run.strongerWithMipBound(relaxed);
    }

    /**
     * The relaxation (servers and phases continuous) at its cheapest serving at least
     * {@code minServedInferences}: {@link #lowerBound}'s first step, without the MIP after it.
     */
    public LpResult relaxationServing(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                      LpOptions options) {
        return relaxedRun(model, demand, options).run(minServedInferences);
    }

    /**
     * {@link #relaxationServing} where the relaxation's most-served level is already proven
     * ({@code maxServedInferences}, phase 1's optimum of a relaxation of the same model, demand
     * and commitments): phase 2 alone. A caller that asks several volumes of one relaxation
     * (the climb above the rounded start's volume) would otherwise solve the same phase 1 each
     * time.
     */
    public LpResult relaxationServing(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                      double maxServedInferences, LpOptions options) {
        return relaxedRun(model, demand, options).costAt(minServedInferences, maxServedInferences);
    }

    /**
     * The relaxation within {@code options.window()} (servers and phases continuous; the window
     * floors or ranges the purchases, so this is a restriction and proves no bound) at its
     * cheapest serving {@code minServedInferences}, or the most the window serves where that is
     * less: phase 1 within the window, then phase 2 at the lower of the two.
     */
    public LpResult relaxationWithinServingUpTo(PlanningModel model, List<DemandCell> demand, double minServedInferences,
                                                LpOptions options) {
        return new Run(model, demand, options.relaxedCopy()).run(minServedInferences, true);
    }

    /** The whole relaxation of {@code options}' model: servers and phases continuous, no MW fixed, no window. */
    private Run relaxedRun(PlanningModel model, List<DemandCell> demand, LpOptions options) {
        return new Run(model, demand, options.relaxedCopy().withFixedMw(Map.of()).withWindow(LpWindow.ALL));
    }

    /** Whether some site may add MW only in whole phases (then the MIP's bound can beat the relaxation's). */
    static boolean hasPhases(PlanningModel model) {
        for (Site s : model.sites()) {
            if (s.phaseMw() != null && s.usableMaxItMw() > s.existingItMw()) {
                return true;
            }
        }
        return false;
    }

    /** One solve: the model's variables, the clock and the options. */
    private final class Run {
        final LpFormulation formulation;
        final LpExtraction extraction;
        final LpOptions options;
        final boolean integer;
        final LpClock clock;

        /** The served target of phase 2 (model units), NaN until phase 1 has run. */
        double target = Double.NaN;

        /** Which bound a MIP cost phase's {@code bestBound} is ({@link PhasesFirst} may say another). */
        String costPhaseBoundKind = LpResult.MIP_DUAL_BOUND;

        Run(PlanningModel model, List<DemandCell> demand, LpOptions options) {
            LpVariables variables = new LpVariables(model, demand, null, HeldLevels.of(model, options.commitments()),
                    options.fixedMw(), options.window());
            this.formulation = new LpFormulation(variables);
            this.extraction = new LpExtraction(variables, backends);
            this.options = options;
            this.integer = options.integerServers();
            this.clock = new LpClock(options.timeLimit());
        }

        /** Phase 1 then phase 2. {@code minServedInferences} NaN: phase 2 keeps phase 1's optimum. */
        LpResult run(double minServedInferences) {
            return run(minServedInferences, false);
        }

        /**
         * {@link #run(double)}; {@code upToTheMost}: a target beyond phase 1's optimum is lowered
         * to it rather than INFEASIBLE ({@link #beyondTheMost}).
         */
        LpResult run(double minServedInferences, boolean upToTheMost) {
            long budget = clock.servedPhaseMillis(options.servedPhaseAtLeast());
            LpFormulation.Built b1 = formulation.build(integer, LpFormulation.Goal.MAX_SERVED, Double.NaN);
            Phase p1 = integer ? mipPhase1(b1, budget) : Phase.run(backends, b1, budget, phase1Gap());
            if (p1 == null) {
                return extraction.failure(LpStatus.INFEASIBLE, false, clock, "phase 1 (maximise served) is infeasible");
            }
            if (!p1.ok()) {
                return extraction.failure(p1.status(), p1.timeLimitHit(), clock, "phase 1 (maximise served) ended " + p1.state());
            }
            double s1 = extraction.servedUnits(b1, p1.x());
            double maxServedInf = LpFormulation.inferences(servedCeiling(p1, s1));
            double target = s1;
            if (!Double.isNaN(minServedInferences)) {
                double wanted = LpFormulation.servedUnits(minServedInferences);
                if (!upToTheMost && beyondTheMost(wanted, s1)) {
                    return beyondTheMostFailure(minServedInferences, maxServedInf);
                }
                target = Math.min(Math.max(wanted, 0.0), s1);
            }
            this.target = target;
            tellServedPhase(b1, p1, s1, maxServedInf);
            LpResult result = phase2(b1, p1, target, maxServedInf);
            double bound = servedBound(p1, s1);
            return Double.isNaN(bound) ? result : result.withServedBound(LpFormulation.inferences(bound));
        }

        /**
         * Phase 2 alone, relaxed, serving at least {@code minServedInferences} (clamped to
         * {@code maxServedInferences}, phase 1's optimum as the caller proved it; INFEASIBLE
         * {@link #beyondTheMost}). Its result has no served bound:
         * that is the caller's.
         */
        LpResult costAt(double minServedInferences, double maxServedInferences) {
            double s1 = LpFormulation.servedUnits(maxServedInferences);
            double wanted = LpFormulation.servedUnits(minServedInferences);
            if (beyondTheMost(wanted, s1)) {
                return beyondTheMostFailure(minServedInferences, maxServedInferences);
            }
            this.target = Math.min(Math.max(wanted, 0.0), s1);
            return phase2(null, null, target, maxServedInferences);
        }

        /**
         * Whether a served target {@code wanted} is beyond the most {@code s1} (model units) by more
         * than rounding: up to 1e-6 relative above it, a target is clamped to it instead.
         */
        boolean beyondTheMost(double wanted, double s1) {
            return wanted > s1 * (1 + 1e-6) + 1e-9;
        }

        /** The INFEASIBLE result of a target {@link #beyondTheMost}. */
        LpResult beyondTheMostFailure(double minServedInferences, double maxServedInferences) {
            return extraction.failure(LpStatus.INFEASIBLE, false, clock, "no plan can serve " + minServedInferences
                    + " inferences: the most the LP can serve is " + maxServedInferences);
        }

        /**
         * Tells {@link LpOptions#servedPhaseSeen} phase 1's plan and its columns, of a plain MIP (not a window or
         * pinned MW, whose plan serves the most of a restriction only), as phase 2 would report it
         * had it found none; {@code s1} is phase 1's served volume (model units), which the caller has.
         */
        void tellServedPhase(LpFormulation.Built b1, Phase p1, double s1, double maxServedInf) {
            if (options.servedPhaseSeen() == null || !integer || !options.window().isAll() || !options.fixedMw().isEmpty()) {
                return;
            }
            LpResult plan = extraction.result(b1, p1.x(), maxServedInf, LpStatus.FEASIBLE, false,
                    p1.timeLimitHit(), clock, "the served phase's plan, not cost-minimised");
            double bound = servedBound(p1, s1);
            // with its proven bound, so that its reader sees how far from proven it ended
            options.servedPhaseSeen().accept(Double.isNaN(bound) ? plan : plan.withServedBound(LpFormulation.inferences(bound)),
                    new MipStart(p1.x()));
        }

        /**
         * A proven upper bound (model units) on what any plan serves, from phase 1: the LP's
         * optimum {@code s1}; for the MIP its solver's dual bound (SCIP's, proven whether or not it
         * closed its gap), or, without one, an optimum within phase 1's gap above {@code s1} (the
         * LP optimum rounded up is exact; the gap is then a little to spare). NaN for a restricted
         * solve (a window of quarters, MW fixed), whose bound holds for that restriction only,
         * and where phase 1 proved nothing (a time limit without a dual bound).
         */
        double servedBound(Phase p1, double s1) {
            if (!options.window().isAll() || !options.fixedMw().isEmpty()) {
                return Double.NaN;
            }
            double dual = integer ? p1.result().bestBound() : Double.NaN;
            if (Double.isFinite(dual)) {
                return Math.max(s1, dual);
            }
            if (p1.status() != LpStatus.OPTIMAL) {
                return Double.NaN;
            }
            return integer ? s1 * (1 + phase1Gap()) : s1;
        }

        /**
         * The relaxation's result with the MIP's dual bound in its place when that is stronger:
         * the MIP of phase 2 (served at least the same target) gets the time left.
         */
        LpResult strongerWithMipBound(LpResult relaxed) {
            LpFormulation.Built mip = formulation.build(true, LpFormulation.Goal.MIN_COST,
                    target - Math.max(options.servedTolerance() * target, 1e-12));
            Phase p = Phase.run(backends, mip, clock.remainingMillis(), options.mipRelativeGap());
            double bound = dualBoundUsd(mip, p);
            if (Double.isNaN(bound) || (relaxed.hasLowerBound() && bound <= relaxed.lowerBoundUsd())) {
                return relaxed;
            }
            return relaxed.withLowerBound(bound, LpResult.MIP_DUAL_BOUND);
        }

        /** A MIP phase 2's dual bound in USD of cost, NaN when its solver proved none. */
        double dualBoundUsd(LpFormulation.Built mip, Phase p) {
            double best = p.result().bestBound();
            return Double.isFinite(best) ? best * LpFormulation.MONEY_UNIT_USD + formulation.constantCostUsd(mip) : Double.NaN;
        }

        /**
         * The most any plan can serve as phase 1 proved it ({@link LpResult#maxServedInferences}):
         * its plan's served volume {@code s1}, or, where the served phase stopped at a caller's tie
         * ({@link LpOptions#servedPhaseGap}) rather than at the true maximum, its solver's bound,
         * up to the tie above {@code s1}. The planner calls a plan within its tie of this level as
         * serving the most (its gap stop, the bound's reuse): from the plan's own level the two
         * ties would add up (small mixed v2 #2 at 30 s: a start 1.0e-6 of the demand below the
         * MIP's served-phase plan was taken as proven at 3.3 s).
         */
        double servedCeiling(Phase p1, double s1) {
            double bound = p1.result().bestBound();
            if (!integer || options.servedPhaseGap() <= LpOptions.SERVED_PHASE_GAP || !Double.isFinite(bound)) {
                return s1;
            }
            return Math.max(s1, bound);
        }

        /**
         * Phase 1 (served) wants the true maximum: a gap of at most {@link LpOptions#SERVED_PHASE_GAP},
         * or the tie its caller accepts ({@link LpOptions#servedPhaseGap}).
         */
        double phase1Gap() {
            return Math.min(options.servedPhaseGap(), options.mipRelativeGap());
        }

        /**
         * Phase 1 of the MIP, with a shortcut: the LP's maximum served is an upper bound for the
         * MIP; when its solution with I rounded up (and M raised to match) satisfies every row,
         * it is a MIP optimum of phase 1, found without branch and bound, and exact rather than
         * within the gap. Null when the LP is already infeasible. Without the shortcut, the MIP
         * from {@link LpOptions#servedPhaseStart} where there is one.
         */
        Phase mipPhase1(LpFormulation.Built b1, long budget) {
            LpFormulation.Built lp1 = formulation.build(false, LpFormulation.Goal.MAX_SERVED, Double.NaN);
            Phase pl = Phase.run(backends, lp1, budget, phase1Gap());
            if (pl.status() == LpStatus.INFEASIBLE) {
                return null;
            }
            if (pl.status() == LpStatus.OPTIMAL) {
                double[] up = roundedUp(lp1, pl.x(), b1);
                String[] why = new String[1];
                if (b1.lm.isFeasible(up, 1e-7, 1e-9, why)) {
                    return Phase.optimal(up, b1.lm.objectiveValue(up), "LP optimum rounded up");
                }
                if (Phase.DEBUG) {
                    System.err.println("[lp] rounded-up LP optimum not feasible: " + why[0]);
                }
            }
            startFrom(b1, options.servedPhaseStart());
            return Phase.run(backends, b1, clock.servedPhaseMillis(options.servedPhaseAtLeast()), phase1Gap());
        }

        /** {@code start} as the served phase's first incumbent, when it is this model's columns. */
        void startFrom(LpFormulation.Built b1, MipStart start) {
            double[] x = start == null ? null : start.columnsFor(b1.lm.columns());
            if (x != null) {
                b1.lm.start(x);
            } else if (start != null && Phase.DEBUG) {
                System.err.println("[lp] served-phase start of another model ignored: " + start + ", " + b1.lm.columns() + " columns");
            }
        }

        /**
         * Minimises cost keeping served at least {@code target} less the tolerance, trying the
         * fallback tolerances if needed; phase 1's solution when phase 2 finds none, or, without
         * phase 1 ({@code p1} null, {@link #costAt}), phase 2's failure.
         */
        LpResult phase2(LpFormulation.Built b1, Phase p1, double target, double maxServedInf) {
            String note = "";
            Phase p2 = null;
            LpFormulation.Built b2 = null;
            for (double tol : tolerances()) {
                if (tol < options.servedTolerance() || clock.expired()) {
                    continue;
                }
                b2 = formulation.build(integer, LpFormulation.Goal.MIN_COST, target - Math.max(tol * target, 1e-12));
                p2 = !integer ? Phase.run(backends, b2, clock.remainingMillis(), options.mipRelativeGap()) : costPhase(b2, p1);
                if (p2.ok() || p2.timeLimitHit()) {
                    if (tol != options.servedTolerance()) {
                        note = "phase 2 needed served tolerance " + tol + "; ";
                    }
                    break;
                }
            }
            if ((p2 == null || !p2.ok()) && p1 == null) {
                return extraction.failure(p2 == null ? LpStatus.FAILED : p2.status(), p2 == null || p2.timeLimitHit(),
                        clock, note + "phase 2 (minimise cost) ended " + (p2 == null ? "unrun (time limit)" : p2.state()));
            }
            if (p2 == null || !p2.ok()) {
                // phase 1's solution is feasible, only not cost-minimised
                return extraction.result(b1, p1.x(), maxServedInf, LpStatus.FEASIBLE, false,
                        p1.timeLimitHit() || (p2 != null && p2.timeLimitHit()), clock,
                        note + "phase 2 (minimise cost) ended " + (p2 == null ? "unrun (time limit)" : p2.state())
                                + "; reporting phase 1's solution");
            }
            // without phase 1 (costAt) its caller proved the most served
            LpStatus status1 = p1 == null ? LpStatus.OPTIMAL : p1.status();
            LpStatus status = p2.status();
            if (status1 == LpStatus.TIME_LIMIT && status == LpStatus.OPTIMAL) {
                status = LpStatus.TIME_LIMIT; // phase 1 might not have reached the maximum served
            }
            boolean proven = status1 == LpStatus.OPTIMAL && p2.status() == LpStatus.OPTIMAL;
            LpResult result = extraction.result(b2, p2.x(), maxServedInf, status, proven,
                    (p1 != null && p1.timeLimitHit()) || p2.timeLimitHit(), clock, note);
            return withBound(result, b2, p2, proven);
        }

        /**
         * The bound a phase 2 proves: the relaxation's optimal cost (proven optimal only), or the
         * MIP's dual bound.
         */
        LpResult withBound(LpResult result, LpFormulation.Built b2, Phase p2, boolean proven) {
            if (!options.fixedMw().isEmpty() || !options.window().isAll()) {
                return result; // MW or servers pinned by the caller, or a window: a restriction, not a relaxation
            }
            if (!integer) {
                return proven ? result.withLowerBound(result.totalCostUsd(), LpResult.LP_RELAXATION) : result;
            }
            double bound = dualBoundUsd(b2, p2);
            return Double.isNaN(bound) ? result : result.withLowerBound(bound, costPhaseBoundKind);
        }

        /**
         * A MIP cost phase ({@link Phase#costPhase}, phase 1's plan its start); solved for its proof
         * ({@link LpOptions#toProve}), its gap on the plan's total cost, constants included (the figure the search's gap stop compares; the solver's
         * own objective counts the existing servers' capex that the constant takes back out,
         * about 940 M USD on the sample, so a gap of 5e-5 there was 8.9e-5 of the held NVIDIA-ban
         * plan's total).
         */
        Phase costPhase(LpFormulation.Built b2, Phase p1) {
            if (options.toProve()) {
                b2.lm.objectiveOffset(formulation.constantCostUsd(b2) / LpFormulation.MONEY_UNIT_USD);
            }
            // phase 1's plan serves the target: the start of a retry when SCIP alone finds no plan
            if (PhasesFirst.appliesTo(options, b2)) {
                PhasesFirst.Solved s = PhasesFirst.solve(backends, b2.lm, PhasesFirst.serverColumns(b2),
                        PhasesFirst.phaseColumns(b2), p1.x(), clock, options.mipRelativeGap());
                costPhaseBoundKind = s.boundKind();
                return s.phase();
            }
            if (PhasesFirst.boundFirstAppliesTo(options, b2)) {
                PhasesFirst.Solved s = PhasesFirst.boundFirst(backends, b2.lm, PhasesFirst.serverColumns(b2),
                        PhasesFirst.phaseColumns(b2), p1.x(), clock, options.mipRelativeGap());
                costPhaseBoundKind = s.boundKind();
                return s.phase();
            }
            return Phase.costPhase(backends, b2.lm, p1.x(), clock, options.mipRelativeGap(), options.handOverWhenLeft());
        }

        /** The options' tolerance, then the looser fallbacks. */
        double[] tolerances() {
            double[] tolerances = new double[1 + FALLBACK_TOLERANCES.length];
            tolerances[0] = options.servedTolerance();
            System.arraycopy(FALLBACK_TOLERANCES, 0, tolerances, 1, FALLBACK_TOLERANCES.length);
            return tolerances;
        }

        /**
         * The LP solution {@code lp} of {@code relaxed} as a point of {@code mip} (the same
         * variables, plus the MIP's phase counts): every I as whole servers
         * ({@link Sizing#wholeServers}), M raised to the least that powers them in whole phases
         * ({@code fewestMw}), still non-decreasing, and P to match.
         */
        double[] roundedUp(LpFormulation.Built relaxed, double[] lp, LpFormulation.Built mip) {
            LpVariables v = formulation.variables();
            double[] x = new double[mip.lm.columns()];
            for (int k = 0; k < relaxed.flow.length; k++) {
                x[mip.flow[k]] = lp[relaxed.flow[k]];
            }
            for (int s = 0; s < v.sites(); s++) {
                for (int c = 0; c < v.chips(); c++) {
                    if (relaxed.inst[s][c] != null) {
                        for (int q = 0; q < v.quarters.size(); q++) {
                            x[mip.inst[s][c][q]] = Sizing.wholeServers(lp[relaxed.inst[s][c][q]]);
                        }
                    }
                }
                if (relaxed.mw[s] != null) {
                    roundMwUp(relaxed, lp, mip, x, s);
                }
            }
            return x;
        }

        /** M[s,q] of {@link #roundedUp}, and the MIP's P[s,q] to match. */
        private void roundMwUp(LpFormulation.Built relaxed, double[] lp, LpFormulation.Built mip, double[] x, int s) {
            LpVariables v = formulation.variables();
            Site site = v.site(s);
            double prev = 0;
            for (int q = 0; q < v.quarters.size(); q++) {
                double kw = 0; // fixed pairs at their existing servers
                for (int c = 0; c < v.chips(); c++) {
                    double servers = mip.inst[s][c] != null ? x[mip.inst[s][c][q]]
                            : site.existingServers(v.chip(c).id());
                    kw += servers * v.chip(c).serverKw();
                }
                double m = lp[relaxed.mw[s][q]];
                m = Sizing.fewestMw(kw, site, Math.max(Sizing.fewestMw(m * 1000.0, site), prev));
                x[mip.mw[s][q]] = m;
                prev = m;
                if (mip.phases[s][q] >= 0) {
                    x[mip.phases[s][q]] = Math.rint((m - site.existingItMw()) / site.phaseMw());
                }
            }
        }
    }
}
