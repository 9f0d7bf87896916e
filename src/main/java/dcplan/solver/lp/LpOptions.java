package dcplan.solver.lp;

import dcplan.plan.Commitments;
import dcplan.plan.Plan;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Options of a {@link PlanLinearProgram} solve.
 *
 * @param integerServers   true: I[s,c,q] and the phases built integer (a MIP, exact reference for
 *                         small instances); false: both continuous (the LP relaxation, a lower
 *                         bound on cost)
 * @param timeLimit        wall-clock limit for the whole solve (both phases); null = none
 * @param servedTolerance  relative slack of the phase-2 row {@code served >= (1 - tol) * target}:
 *                         it only loosens phase 2, so a relaxed result stays a valid lower bound.
 *                         Phase 2 uses all of it (serving less saves capacity), so it shows up
 *                         as unmet volume of about tol * served; looser values are tried only
 *                         if the solver declares the tight row infeasible
 * @param mipRelativeGap   relative optimality gap at which the MIP's branch and bound stops and
 *                         calls its incumbent optimal (SCIP's relative gap; for the ojAlgo
 *                         fallback, a number of significant digits); ignored for the LP. Phase 1
 *                         (served) always uses at most 1e-9
 * @param commitments      what a what-if keeps of its baseline: the held additions of servers and
 *                         MW are fixed (variable bounds); {@link Commitments#NONE} for a plan made
 *                         from scratch
 * @param fixedMw          M[s,q] fixed at these values (both bounds) where given; empty: none.
 *                         The planner fixes whole phases chosen by rounding and re-solves the rest
 *                         (a fix-and-resolve step); a plan's bound never comes from such a solve
 * @param window           for the MIP, which quarters are integer and which servers are pinned (a
 *                         relax-and-fix step); {@link LpWindow#ALL} for the plain MIP
 * @param toProve          for a MIP whose proof is wanted (a held what-if's, small enough): its
 *                         cost phase's gap is measured on the plan's total cost, constants
 *                         included (the figure the search's gap stop reads). False: its gap on the
 *                         solver's own objective. Either way the same plans are feasible
 * @param servedPhaseAtLeast the served phase (phase 1) may run until this long after the solve
 *                         began, where half of the time left is less (null: half of it, the
 *                         default). The planner's MIP ends before the planner's limit (0.85 of
 *                         it), so half of its own limit is less than SCIP alone given the
 *                         planner's limit gives its served phase; the planner passes
 *                         {@code Deadline.leftForServedPhase()} (0.6-0.7 of its limit, counted
 *                         from the same start as SCIP alone's half)
 * @param servedPhaseGap   the MIP's relative gap in the served phase: {@link #SERVED_PHASE_GAP}
 *                         (the true maximum) unless a caller accepts a tie; never above
 *                         {@code mipRelativeGap}. The planner's MIP passes its own "same served"
 *                         share (1e-6): SCIP then hands over to the cost phase once no plan can
 *                         serve more by what the planner would count, rather than grinding out
 *                         the last 1e-7 until its served phase's time limit (docs/solver.md)
 * @param boundFirst       a MIP cost phase with whole phases, not held, solved bound first
 *                         ({@code PhasesFirst.boundFirst}: the same plans, found and proven sooner
 *                         on the sample); the planner's MIP asks for it on instances up to
 *                         {@code MipCandidates.BOUND_FIRST_MAX_DECISIONS}, a plain MIP (the benchmarks'
 *                         "SCIP alone", a planner calling SCIP directly) does not
 * @param handOverWhenLeft  for a MIP: where the cost phase alone ends its share without a plan of
 *                         its own and at least this long is left, its retry from phase 1's plan
 *                         gets only a fifth of the time left ({@code Phase.HAND_OVER_RETRY_SHARE},
 *                         for SCIP's dual bound) and the solve returns before its limit, for its
 *                         caller to improve the plan its own way in the rest (the planner's MIP:
 *                         its neighbourhoods, {@code MipCandidates.aloneThenNeighbourhoods}).
 *                         Null: never (the retry for all the time left, as SCIP alone runs it)
 * @param servedPhaseSeen  for a plain MIP: told the served phase's plan (status FEASIBLE, not
 *                         cost-minimised) and its columns as soon as the served phase ends, before
 *                         the cost phase begins, on the solving thread; null: nobody. The planner's
 *                         other thread starts from it while SCIP's cost phase runs
 *                         ({@code MipBesideSearch}, the crossover)
 * @param servedPhaseStart for a MIP: a plan of the same model that its served phase's solver takes
 *                         as its first incumbent (ignored where its columns are not this model's
 *                         or the solver finds it infeasible); null: none. A crossover's box holds
 *                         the served-phase plan it was built around, so its served phase starts
 *                         from that plan and serves at least as much even when its time runs out
 *                         (without it, two crossovers cut short served less than their own input:
 *                         docs/solver.md, the crossover)
 */
public record LpOptions(boolean integerServers, Duration timeLimit, double servedTolerance, double mipRelativeGap,
                        Commitments commitments, Map<Plan.SiteQuarter, Double> fixedMw, LpWindow window,
                        boolean toProve, Duration servedPhaseAtLeast, double servedPhaseGap,
                        boolean boundFirst, Duration handOverWhenLeft, BiConsumer<LpResult, MipStart> servedPhaseSeen,
                        MipStart servedPhaseStart) {

    public static final double DEFAULT_SERVED_TOLERANCE = 1e-12;
    public static final double DEFAULT_MIP_GAP = 1e-4;
    /** The served phase's default gap: it wants the true maximum (see {@link #servedPhaseGap}). */
    public static final double SERVED_PHASE_GAP = 1e-9;

    public LpOptions {
        if (!(servedTolerance >= 0 && servedTolerance < 1e-3)) {
            throw new IllegalArgumentException("servedTolerance must be within [0, 1e-3), got " + servedTolerance);
        }
        if (!(mipRelativeGap > 0 && mipRelativeGap < 1)) {
            throw new IllegalArgumentException("mipRelativeGap must be within (0, 1), got " + mipRelativeGap);
        }
        if (!(servedPhaseGap > 0 && servedPhaseGap < 1e-3)) {
            throw new IllegalArgumentException("servedPhaseGap must be within (0, 1e-3), got " + servedPhaseGap);
        }
        commitments = commitments == null ? Commitments.NONE : commitments;
        fixedMw = fixedMw == null ? Map.of() : Map.copyOf(fixedMw);
        window = window == null ? LpWindow.ALL : window;
    }

    /** Options not {@link #toProve}, whose served phase gets half of the time left ({@link #servedPhaseAtLeast} null). */
    public LpOptions(boolean integerServers, Duration timeLimit, double servedTolerance, double mipRelativeGap,
                     Commitments commitments, Map<Plan.SiteQuarter, Double> fixedMw, LpWindow window) {
        this(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw, window, false, null,
                SERVED_PHASE_GAP, false, null, null, null);
    }

    /** Options without commitments. */
    public LpOptions(boolean integerServers, Duration timeLimit, double servedTolerance, double mipRelativeGap) {
        this(integerServers, timeLimit, servedTolerance, mipRelativeGap, Commitments.NONE, Map.of(), LpWindow.ALL);
    }

    /** Continuous I: the LP relaxation. */
    public static LpOptions relaxed() {
        return new LpOptions(false, null, DEFAULT_SERVED_TOLERANCE, DEFAULT_MIP_GAP);
    }

    /** Integer I: the MIP. */
    public static LpOptions integer() {
        return new LpOptions(true, null, DEFAULT_SERVED_TOLERANCE, DEFAULT_MIP_GAP);
    }

    public LpOptions withTimeLimit(Duration limit) {
        return new LpOptions(integerServers, limit, servedTolerance, mipRelativeGap, commitments, fixedMw, window,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    public LpOptions withServedTolerance(double tolerance) {
        return new LpOptions(integerServers, timeLimit, tolerance, mipRelativeGap, commitments, fixedMw, window,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    public LpOptions withMipRelativeGap(double gap) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, gap, commitments, fixedMw, window, toProve,
                servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options keeping {@code held} (a what-if's commitments). */
    public LpOptions withCommitments(Commitments held) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, held, fixedMw, window,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with M fixed where {@code mw} says (see {@link #fixedMw}). */
    public LpOptions withFixedMw(Map<Plan.SiteQuarter, Double> mw) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, mw, window,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with the relax-and-fix {@code step} (see {@link #window}). */
    public LpOptions withWindow(LpWindow step) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw, step,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options for a MIP to be proven ({@link #toProve}). */
    public LpOptions toBeProven() {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, true, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with the served phase allowed to run until {@code atLeast} from the start ({@link #servedPhaseAtLeast}). */
    public LpOptions withServedPhaseAtLeast(Duration atLeast) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, atLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with the served phase stopped within {@code gap} of its bound ({@link #servedPhaseGap}). */
    public LpOptions withServedPhaseGap(double gap) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, servedPhaseAtLeast, gap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with the cost phase solved bound first ({@link #boundFirst}). */
    public LpOptions withBoundFirst() {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, servedPhaseAtLeast, servedPhaseGap, true, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options handing over when the cost phase alone finds no plan ({@link #handOverWhenLeft}). */
    public LpOptions withHandOverWhenLeft(Duration atLeast) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, atLeast, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options telling {@code seen} the served phase's plan ({@link #servedPhaseSeen}). */
    public LpOptions withServedPhaseSeen(BiConsumer<LpResult, MipStart> seen) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, seen, servedPhaseStart);
    }

    /** The same options with the served phase started from {@code start} ({@link #servedPhaseStart}). */
    public LpOptions withServedPhaseStart(MipStart start) {
        return new LpOptions(integerServers, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw,
                window, toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, start);
    }

    /** The same options with I and phases continuous: the relaxation. */
    public LpOptions relaxedCopy() {
        return new LpOptions(false, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw, window,
                toProve, servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }

    /** The same options with I and phases integer: the MIP. */
    public LpOptions integerCopy() {
        return new LpOptions(true, timeLimit, servedTolerance, mipRelativeGap, commitments, fixedMw, window, toProve,
                servedPhaseAtLeast, servedPhaseGap, boundFirst, handOverWhenLeft, servedPhaseSeen, servedPhaseStart);
    }
}
