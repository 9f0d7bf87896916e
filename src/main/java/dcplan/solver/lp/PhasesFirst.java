package dcplan.solver.lp;

import java.util.ArrayList;
import java.util.List;

/**
 * A MIP cost phase whose model has whole phases, solved phases first (docs/lp.md, "Phases
 * first"): what makes those MIPs hard is the phases, not the servers (docs/benchmarks.md, "Why the
 * held MIPs take their time"): with servers continuous and phases whole the relaxation closed
 * 99.6-99.8 % of the LP's gap on the sample's what-ifs, and SCIP solves it several times faster
 * than the MIP.
 * <ol>
 *   <li>the cost phase with the servers continuous and the phases whole: its solver's dual bound
 *       B is a bound on the MIP (a relaxation of it);</li>
 *   <li>the MIP with step 1's phase counts fixed: a plan (a restriction of it); within the gap of
 *       B it is the answer, proven against B. Where step 1's phases leave whole servers short of
 *       the served target (no plan), the phases of the served phase's plan instead, which serves
 *       it;</li>
 *   <li>else the whole MIP started from step 2's plan (SCIP keeps it as its incumbent, so the
 *       plan is no dearer), with {@link #boundFirst}'s two hints: the row {@code cost >= B} and
 *       the phases branched first. The row alone did not help (the held Brazil surge and NVIDIA
 *       ban: 4.2 and 3.0 s with it, 3.8 and 4.0 s without; docs/benchmarks.md, "Phases first");
 *       both together took the held NVIDIA ban's step 3, dumped and solved alone, from 21-99 s
 *       (11,431-79,291 nodes) to 6 s (1,664 nodes) (docs/benchmarks.md, twelfth session).</li>
 * </ol>
 * Step 1 ending without a proof or a plan, or step 2 without a plan either way, falls back to
 * {@link Phase#costPhase} for the time left (B kept when it is the stronger bound). Each step
 * gets a share of the clock's time left, none beyond it.
 */
final class PhasesFirst {

    /**
     * {@code -Ddcplan.lp.phasesFirst=held|all|off}: which MIP cost phases with phases take this
     * path: the held what-ifs' ({@link LpOptions#toProve}, the default), every one, or none (the
     * cost phase as before, for before/after measurements).
     */
    static final String SCOPE = System.getProperty("dcplan.lp.phasesFirst", "held");

    /**
     * {@code -Ddcplan.lp.phasesFirst.servedPhases=false}: no second step 2 with the served phase's
     * phases (step 2 without a plan goes straight to the cost phase as before); for before/after
     * measurements.
     */
    static final boolean SERVED_PHASES = !"false".equalsIgnoreCase(System.getProperty("dcplan.lp.phasesFirst.servedPhases"));

    /**
     * {@code -Ddcplan.lp.phasesFirst.stopAtBound=false}: step 2 stops at its own gap as before,
     * not at the first plan step 1's bound proves; for before/after measurements.
     */
    static final boolean STOP_AT_BOUND = !"false".equalsIgnoreCase(System.getProperty("dcplan.lp.phasesFirst.stopAtBound"));

    /**
     * Step 2's own gap as a share of the cost phase's, where it stops at the first plan step 1's
     * bound proves ({@link LinearModel#stopAt}). At the cost phase's gap, SCIP stopped the held
     * Brazil surge's step 2 at a plan 1.27e-4 above step 1's bound, within 1e-4 of its own
     * (restricted) bound but not of step 1's, and step 3 then took 4.5-5.3 s to prove it; the
     * restriction's optimum was 3.6e-5 above step 1's bound, and stopping at the first plan within
     * the gap of step 1's bound took 3.0 s in place of 1.6 s with no step 3 (docs/lp.md, "Phases
     * first"). Its own gap tighter, step 2 looks on for such a plan; where there is none, its
     * dual bound passing the stop ends it (SCIP's limits/dual): with the tighter gap alone the held
     * NVIDIA ban's step 2 ran to its 8.8 s share (bench, 2 December 2026, 17:18 UTC).
     */
    static final double STEP2_GAP_FACTOR = 0.1;

    /**
     * {@code -Ddcplan.lp.boundFirst=false}: a cost phase this path does not take (not held) is
     * solved as before, not {@link #boundFirst}; for before/after measurements.
     */
    static final boolean BOUND_FIRST = !"false".equalsIgnoreCase(System.getProperty("dcplan.lp.boundFirst"));

    /**
     * {@link #boundFirst}'s step 1 share of the time left: small, because where step 1 does not
     * prove in it the cost phase as before gets only the rest.
     */
    static final double BOUND_FIRST_STEP1_SHARE = 0.2;

    /** The branching priority {@link #boundFirst} gives whole phases over whole servers (0). */
    static final int PHASE_BRANCHING_PRIORITY = 10;

    /**
     * {@code -Ddcplan.lp.phasesFirst.step3Hints=false}: step 3 without {@link #boundFirst}'s two
     * hints (the row at B, the phases branched first), as before; for before/after measurements.
     */
    static final boolean STEP3_HINTS = !"false".equalsIgnoreCase(System.getProperty("dcplan.lp.phasesFirst.step3Hints"));

    /**
     * Step 1's own gap as a share of the cost phase's. Its dual bound B is where step 2 stops
     * ({@link #provenBy}), and SCIP ends step 1 anywhere within its gap: at the cost phase's gap the
     * held Brazil surge's step 1 ended on the same plan (847,149,628 USD) with B at that plan in
     * some runs and at 847,105,009 USD (5.3e-5 below) in others (SCIP's own log), and in the runs
     * with the lower B step 2 found no plan within the gap of it
     * in its share (11.5 s) and step 3 proved the plan in 3.7-4.2 s more: 16-18 s held against 2.6-3.7 s
     * (docs/benchmarks.md, thirty-eighth session). {@code -Ddcplan.lp.phasesFirst.step1GapFactor=1}:
     * as before, for measurements.
     */
    static final double STEP1_GAP_FACTOR = Double.parseDouble(System.getProperty("dcplan.lp.phasesFirst.step1GapFactor", "0.1"));

    /** Step 1's share of the time left: it is about 40 % of the three steps' time on the held what-ifs. */
    static final double STEP1_SHARE = 0.4;
    /** Step 2's share of what step 1 left (it fixes the phases and is the quickest of the three). */
    static final double STEP2_SHARE = 0.4;

    /** The bound a plan of this path carries when it is step 1's. */
    static final String BOUND_KIND = LpResult.PHASES_WHOLE_BOUND;

    /** The cost phase's outcome and which bound its result's {@code bestBound} is. */
    record Solved(Phase phase, String boundKind) {
    }

    private PhasesFirst() {
    }

    /** Whether the cost phase of a solve with {@code options} and model {@code built} takes this path. */
    static boolean appliesTo(LpOptions options, LpFormulation.Built built) {
        boolean inScope = "all".equalsIgnoreCase(SCOPE) || ("held".equalsIgnoreCase(SCOPE) && options.toProve());
        return inScope && built.integer() && options.window().isAll() && phaseColumns(built).length > 0;
    }

    /**
     * Whether a cost phase that {@link #appliesTo} does not take is solved {@link #boundFirst}: a
     * whole MIP with whole phases whose caller asks for it ({@link LpOptions#boundFirst}).
     */
    static boolean boundFirstAppliesTo(LpOptions options, LpFormulation.Built built) {
        return BOUND_FIRST && options.boundFirst() && built.integer() && options.window().isAll()
                && phaseColumns(built).length > 0 && !appliesTo(options, built);
    }

    /** The columns of {@code built}'s whole phases. */
    static int[] phaseColumns(LpFormulation.Built built) {
        List<Integer> cols = new ArrayList<>();
        for (int[] site : built.phases) {
            for (int col : site) {
                if (col >= 0) {
                    cols.add(col);
                }
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The columns of {@code built}'s servers I. */
    static int[] serverColumns(LpFormulation.Built built) {
        List<Integer> cols = new ArrayList<>();
        for (int[][] site : built.inst) {
            for (int[] pair : site) {
                if (pair != null) {
                    for (int col : pair) {
                        cols.add(col);
                    }
                }
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cost phase (minimise) of {@code mip} in three steps; {@code start} (a plan known to serve
     * the target, or null) is the fallback's. {@code mip} itself is left unchanged but for the
     * fallback's start.
     */
    static Solved solve(LpBackends backends, LinearModel mip, int[] servers, int[] phases, double[] start,
                        LpClock clock, double gap) {
        Phase s1 = step1(backends, mip, servers, share(clock, STEP1_SHARE), gap * STEP1_GAP_FACTOR);
        double b = s1.ok() ? s1.result().bestBound() : Double.NaN;
        if (s1.status() != LpStatus.OPTIMAL || !Double.isFinite(b) || clock.expired()) {
            return fallback(backends, mip, start, clock, gap, b, "step 1 (phases whole) ended " + s1.state());
        }
        LinearModel fixed = mip.copy();
        for (int j : phases) {
            fixed.fix(j, Math.rint(s1.x()[j]));
        }
        Phase s2;
        if (STOP_AT_BOUND) {
            fixed.stopAt(provenBy(b, mip.objectiveOffset(), gap));
            s2 = Phase.run(backends, fixed, true, false, share(clock, STEP2_SHARE), gap * STEP2_GAP_FACTOR);
            if (!s2.ok() && s2.status() != LpStatus.INFEASIBLE && !clock.expired()) {
                // stopped by its bound before any plan: none within the gap of B; step 2 as before, for step 3's start
                if (Phase.DEBUG) {
                    System.err.println("[lp] phases first: step 2 ended " + s2.state()
                            + " at its stop (no plan step 1's bound proves); step 2 again at the gap");
                }
                fixed.stopAt(Double.NaN);
                s2 = Phase.run(backends, fixed, true, false, share(clock, STEP2_SHARE), gap);
            }
        } else {
            s2 = Phase.run(backends, fixed, true, false, share(clock, STEP2_SHARE), gap);
        }
        if (!s2.ok() && SERVED_PHASES && start != null && !clock.expired()) {
            s2 = step2FromTheStart(backends, mip, phases, start, clock, gap, s2);
        }
        if (!s2.ok()) {
            return fallback(backends, mip, start, clock, gap, b, "step 2 (phases fixed) ended " + s2.state());
        }
        double v2 = s2.result().objectiveValue();
        if (withinGap(v2, b, mip.objectiveOffset(), gap)) {
            return new Solved(phase(s2, LpStatus.OPTIMAL, b, "phases first: step 2's plan within the gap of step 1's bound"),
                    BOUND_KIND);
        }
        if (clock.expired()) {
            return new Solved(phase(s2, LpStatus.TIME_LIMIT, b, "phases first: step 2's plan, no time for step 3"), BOUND_KIND);
        }
        return step3(backends, mip, phases, s2, b, clock, gap);
    }

    /**
     * A cost phase with whole phases (not a held one, which takes {@link #solve}), bound first:
     * <ol>
     *   <li>step 1 as in {@link #solve} (servers continuous, phases whole), its dual bound B;</li>
     *   <li>the whole MIP as before ({@link Phase#costPhase}: alone, then from {@code start}) with
     *       two hints that change no plan: a row {@code cost >= B} (every plan costs at least B),
     *       so that SCIP's bound starts at B and the first plan within the gap of it ends the solve,
     *       and SCIP branching on the whole phases before the servers.</li>
     * </ol>
     * Why: on the README's MIP (the sample), whole phases with servers continuous come within
     * 0.011 % of the optimum where the LP relaxation after SCIP's root cuts is 0.8 % below it; SCIP
     * alone spent 4,351-25,098 nodes (37-144 CPU s at its seeds 0-2) raising its bound through
     * that gap, with the row and the priority 573-1,759 nodes (12.6-19.5 CPU s); either hint alone
     * did not do it (the priority alone: 2,661-10,442 nodes, and slower than SCIP alone at its
     * default seed; docs/benchmarks.md, eleventh session). Step 1 ending unproven in its share
     * ({@link #BOUND_FIRST_STEP1_SHARE}) leaves the cost phase as before for the rest, B kept
     * where it is the stronger bound.
     */
    static Solved boundFirst(LpBackends backends, LinearModel mip, int[] servers, int[] phases, double[] start,
                             LpClock clock, double gap) {
        Phase s1 = step1(backends, mip, servers, share(clock, BOUND_FIRST_STEP1_SHARE), gap);
        double b = s1.ok() ? s1.result().bestBound() : Double.NaN;
        if (s1.status() != LpStatus.OPTIMAL || !Double.isFinite(b) || clock.expired()) {
            return fallback(backends, mip, start, clock, gap, b, "bound first: step 1 (phases whole) ended " + s1.state());
        }
        Phase p = Phase.costPhase(backends, boundFirstHinted(mip, b, phases), start, clock, gap);
        // the row removes no plan, so SCIP's bound is the MIP's; where it did not rise above B, it is B
        double own = p.ok() ? p.result().bestBound() : Double.NaN;
        if (!p.ok() || (Double.isFinite(own) && own > b)) {
            return new Solved(p, LpResult.MIP_DUAL_BOUND);
        }
        boolean proven = p.status() == LpStatus.OPTIMAL || withinGap(p.result().objectiveValue(), b, mip.objectiveOffset(), gap);
        return new Solved(phase(p, proven ? LpStatus.OPTIMAL : p.status(), b, "(bound: phases first's step 1)"), BOUND_KIND);
    }

    /**
     * A copy of {@code mip} with bound first's two hints, neither of which removes a plan: the row
     * {@code cost >= b} ({@code b} a bound on it) and SCIP branching on {@code phases} first.
     */
    private static LinearModel boundFirstHinted(LinearModel mip, double b, int[] phases) {
        LinearModel hinted = mip.copy();
        LinearModel.Row atLeastB = hinted.addRow("cost_at_least_phases_whole_bound").lower(b);
        for (int j = 0; j < hinted.columns(); j++) {
            if (hinted.objective(j) != 0) {
                atLeastB.set(j, hinted.objective(j));
            }
        }
        for (int j : phases) {
            hinted.branchFirst(j, PHASE_BRANCHING_PRIORITY);
        }
        return hinted;
    }

    /** Step 1: {@code mip} with its servers continuous and its phases whole, for {@code millis}; its dual bound is B. */
    private static Phase step1(LpBackends backends, LinearModel mip, int[] servers, long millis, double gap) {
        LinearModel relaxed = mip.copy();
        for (int j : servers) {
            relaxed.relax(j);
        }
        return Phase.run(backends, relaxed, true, false, millis, gap);
    }

    /**
     * Step 2 again where step 1's phases left it without a plan, with the phases of {@code start}
     * (the served phase's plan, which serves the target: feasible here by construction, and given
     * as SCIP's first incumbent). Step 1's phases can be too few for whole servers: with servers
     * continuous a site's last phase powers a fraction of a server that whole servers round past
     * (the held NVIDIA ban, 2 December 2026: step 2 infeasible in 0.1 s, then the cost phase as
     * before took 25 s where step 3 from a plan takes a few; docs/lp.md, "Phases first").
     */
    private static Phase step2FromTheStart(LpBackends backends, LinearModel mip, int[] phases, double[] start,
                                           LpClock clock, double gap, Phase step2) {
        if (Phase.DEBUG) {
            System.err.println("[lp] phases first: step 2 (step 1's phases fixed) ended " + step2.state()
                    + "; step 2 with the served phase's phases");
        }
        LinearModel fixed = mip.copy();
        for (int j : phases) {
            fixed.fix(j, Math.rint(start[j]));
        }
        fixed.start(start);
        return Phase.run(backends, fixed, true, false, share(clock, STEP2_SHARE), gap);
    }

    /**
     * Step 3: the whole MIP from step 2's plan, with bound first's hints ({@link #STEP3_HINTS});
     * the better plan and the higher bound of the two (the row takes no plan away, so SCIP's bound
     * is the MIP's).
     */
    private static Solved step3(LpBackends backends, LinearModel mip, int[] phases, Phase s2, double b, LpClock clock,
                                double gap) {
        LinearModel full = STEP3_HINTS ? boundFirstHinted(mip, b, phases) : mip.copy();
        full.start(s2.x());
        Phase s3 = Phase.run(backends, full, true, false, clock.remainingMillis(), gap);
        double b3 = s3.ok() ? s3.result().bestBound() : Double.NaN;
        boolean mipBound = Double.isFinite(b3) && b3 > b;
        double bound = mipBound ? b3 : b;
        String kind = mipBound ? LpResult.MIP_DUAL_BOUND : BOUND_KIND;
        boolean keep3 = s3.ok() && s3.result().objectiveValue() <= s2.result().objectiveValue();
        Phase kept = keep3 ? s3 : s2;
        boolean proven = s3.status() == LpStatus.OPTIMAL
                || withinGap(kept.result().objectiveValue(), bound, mip.objectiveOffset(), gap);
        return new Solved(phase(kept, proven ? LpStatus.OPTIMAL : LpStatus.TIME_LIMIT, bound,
                "phases first: step 3 " + s3.state() + (keep3 ? "" : ", step 2's plan kept")), kind);
    }

    /** Today's cost phase for the time left, with {@code b} as its bound where that is stronger. */
    private static Solved fallback(LpBackends backends, LinearModel mip, double[] start, LpClock clock, double gap,
                                   double b, String why) {
        if (Phase.DEBUG) {
            System.err.println("[lp] phases first: " + why + "; the cost phase as before");
        }
        Phase p = Phase.costPhase(backends, mip, start, clock, gap);
        double own = p.result().bestBound();
        if (!p.ok() || !Double.isFinite(b) || (Double.isFinite(own) && own >= b)) {
            return new Solved(p, LpResult.MIP_DUAL_BOUND);
        }
        Phase withB = new Phase(new LpBackend.Solution(p.result().outcome(), p.x(), p.result().objectiveValue(),
                p.result().millis(), p.state() + " (bound: phases first's step 1)", b), p.status(), p.timeLimitHit());
        return new Solved(withB, BOUND_KIND);
    }

    /**
     * An objective value that {@link #withinGap} calls within {@code gap} of the bound {@code b}, a
     * billionth of the gap below the highest such (so that rounding cannot put a plan at the stop
     * outside it); a minimisation's plan is never below its bound, so the nearer of the two totals
     * to zero is the bound's.
     */
    static double provenBy(double b, double offset, double gap) {
        return b + gap * Math.abs(b + offset) * (1 - 1e-9);
    }

    /** Whether {@code value} is within {@code gap} of the bound {@code b} on the total (objective plus offset), as SCIP measures it. */
    static boolean withinGap(double value, double b, double offset, double gap) {
        double least = Math.min(Math.abs(value + offset), Math.abs(b + offset));
        return value - b <= gap * least;
    }

    /** {@code p}'s plan with {@code status}, the bound {@code bound} and a note. */
    private static Phase phase(Phase p, LpStatus status, double bound, String note) {
        LpBackend.Solution r = p.result();
        boolean proven = status == LpStatus.OPTIMAL;
        return new Phase(new LpBackend.Solution(proven ? LpBackend.Outcome.OPTIMAL : r.outcome(),
                r.x(), r.objectiveValue(), r.millis(), r.detail() + " " + note, bound), status, !proven);
    }

    /** {@code part} of the time left, -1 when there is no limit. */
    private static long share(LpClock clock, double part) {
        long left = clock.remainingMillis();
        return left < 0 ? -1 : Math.max(1, Math.round(left * part));
    }
}
