package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.plan.Commitments;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.MipStart;
import dcplan.solver.lp.LpStatus;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Starting plans from the exact MIP of the contract ({@link PlanLinearProgram#solve} with
 * {@link LpOptions#integer()}: OR-Tools SCIP), or from relax-and-fix over windows of quarters
 * ({@link RelaxAndFix}) on larger instances, named candidates the planner judges with the
 * others. On the hard instances of issue 11 (limits that bind) the search's plan and the rounded
 * relaxation were 0.3-10 % above the optimum that SCIP proves on tiny and small instances within
 * seconds, and the rounding could break a tight year's budget: the MIP's incumbent is a plan that
 * already keeps every limit, whole servers and phases, commitments and the cash-timed budget.
 *
 * <p>The whole MIP runs on instances of up to {@link #MAX_SERVER_DECISIONS} server decisions
 * (site, chip, quarter); where it is not proven in time, relax-and-fix follows (or, on two cores,
 * runs beside it). One after the other, each gets {@link #BUDGET_SHARE} of the planner's time budget. Measured: on the medium size (12 x 4 x
 * 12 = 576 decisions) SCIP found no cost-phase plan in 15 s on any flavor, seed 1 (load average
 * 15 on 2 cores), only the costly plan of its served phase; on small (5 x 3 x 8 = 120) it mostly
 * does (docs/solver.md, docs/benchmarks.md).
 */
final class MipCandidates {

    /** The largest instance given to the MIP and relax-and-fix: medium fits, large (40 x 5 x 12 = 2,400) too. */
    static final int MAX_SERVER_DECISIONS = 3_000;

    /** The share of the planner's time budget the MIP may take (both of its phases), run before the search. */
    static final double BUDGET_SHARE = 0.5;

    /**
     * The largest instance whose MIP is solved bound first ({@link LpOptions#boundFirst}): where
     * SCIP proves its cost phase within the limit, the bound first makes the proof shorter (the
     * sample, 9 x 3 x 12 = 324: the planning step 17.4 s against 28.4 s); on medium (576) at 30 s,
     * where SCIP's cost phase stops at its time limit, one run each of the six v2 flavors went
     * both ways, from 10.7 % cheaper (residency-bound) to 8.0 % dearer (partly-unservable), so it
     * is left as it was there (docs/benchmarks.md, eleventh session).
     */
    static final int BOUND_FIRST_MAX_DECISIONS = 400;

    /**
     * The largest instance on which relax-and-fix runs on the main thread beside the whole MIP
     * (medium, 576 decisions, fits): each of its windows is a MIP of its own. Above it (large),
     * the first search keeps the main thread, and relax-and-fix follows the MIP on its thread
     * within the MIP's share ({@link #MIP_PART_OF_SHARE}).
     */
    static final int RELAX_AND_FIX_ALONGSIDE_MAX = 1_000;

    /**
     * SCIP's relative gap for the planning MIP from scratch, on SCIP's own objective: half the
     * default {@code --gap}. That objective counts the existing servers' costs that a constant
     * takes back out (about 940 M USD on the sample), so the gap on the plan's total is larger
     * (1.1e-4 on the sample) and the search's stop may still miss it by a hair; measured on the
     * README's command (quiet machine), the same MIP held to {@link #HELD_PROOF_GAP} of the
     * plan's total (a stricter proof there: 72,900 USD against 83,000) was not proven in its
     * 51 s, where this one proves in seconds and the start meets the search's gap stop.
     * {@code -Ddcplan.mip.proofGap=G}: another gap (for measurements).
     */
    static final double PROOF_GAP = Double.parseDouble(System.getProperty("dcplan.mip.proofGap",
            String.valueOf(GapStop.DEFAULT_GAP / 2)));

    /**
     * The held MIP's gap, measured on the plan's total cost (constants included, as the search's
     * gap stop measures it; {@link LpOptions#toProve}): the default {@code --gap} less a hair
     * (1e-6 of it, about 1,200 USD on the sample's NVIDIA-ban plan) for round-off. The evaluator's
     * cost of the MIP's plan matched SCIP's to 2e-16, and the re-split and the trim only lower
     * it, so a start proven here meets the search's stop. On SCIP's own objective the held
     * NVIDIA-ban plan's gap of 5e-5 was 8.9e-5 of its total and the France one's 1.1e-4
     * (docs/benchmarks.md, what-if section: held / hindsight 0.25 and 0.10 with this rule).
     */
    static final double HELD_PROOF_GAP = GapStop.DEFAULT_GAP * (1 - 1e-6);

    /**
     * The planning MIP's served phase stops once its plan is proven within this share of the most
     * any plan can serve ({@link LpOptions#servedPhaseGap}): half the planner's own tie
     * ({@link Planner#SAME_SERVED}, a share of all demand, which is at least the served volume), so
     * no plan the planner would call serving more is left unfound, and the tie's other half is
     * what the keep rule may trade for cost ({@link ServedFirst}). At the whole tie (1e-6, the
     * eighth session) one held NVIDIA-ban run's served phase stopped 7e-7 short of the others',
     * and whole phases made that sliver 0.63 % of the cost: which plan a run wrote was chance.
     * Past that point SCIP only
     * closes the last hair of the gap, and the time is the cost phase's: on small budget-bound v2
     * #1 (30 s) the served phase's plan was final at 2.2 s, 7.6e-8 below its bound, and SCIP kept
     * its 1e-9 proof going until 0.7 of the limit (the rule then, 21 s), leaving its cost phase 4.5 s
     * where SCIP alone proves it in 6; the plan written was 0.48 % dearer than SCIP alone's
     * (docs/benchmarks.md, "The served phase hands over"). A served phase whose bound is not that
     * close yet (medium supply-bound at 10 s: 2.6e-6 after 8 s) runs on as before: served first.
     * {@code -Ddcplan.mip.servedTie=false}: the true maximum, as before (for measurements).
     */
    static final double SERVED_PHASE_GAP = Boolean.parseBoolean(System.getProperty("dcplan.mip.servedTie", "true"))
            ? Planner.SAME_SERVED / 2 : LpOptions.SERVED_PHASE_GAP;

    /** {@code -Ddcplan.mip.heldProof=false}: the held MIP solved as one from scratch (for measurements). */
    static final boolean HELD_PROOF = Boolean.parseBoolean(System.getProperty("dcplan.mip.heldProof", "true"));

    /**
     * Within a share the MIP and relax-and-fix split ({@code fallbackInShare}), the MIP's part,
     * at least {@link #MIN_TIME}: the rest is relax-and-fix's when the MIP is not proven. Measured on the sample's NVIDIA-ban hindsight (60 s): SCIP given the whole 45 s share
     * found only its served phase's plan and left relax-and-fix nothing; the plan was 9.7 %
     * dearer than the sequential one, whose relax-and-fix had 30 s (docs/benchmarks.md).
     */
    static final double MIP_PART_OF_SHARE = 2.0 / 3.0;

    /** The MIP gets at least this long: SCIP proves a tiny instance within it even on a busy machine. */
    static final Duration MIN_TIME = Duration.ofSeconds(5);

    private MipCandidates() {
    }

    /**
     * The named plans, and the MIP's own result (null when it did not run), whose dual bound
     * ({@link LpResult#lowerBoundUsd}) the search's stop and the reported bound reuse.
     */
    record Found(Map<String, Plan> plans, LpResult mip) {
        static final Found NONE = new Found(Map.of(), null);

        /**
         * Whether the MIP's plan is proven within {@code gap} of its dual bound, and serves the
         * most any plan can (both phases optimal): then no other start can beat it by more than
         * the gap, served first or cheaper.
         */
        boolean provenWithin(double gap) {
            return mip != null && mip.provenOptimal() && mip.hasLowerBound() && gap >= 0
                    && mip.totalCostUsd() <= mip.lowerBoundUsd() * (1 + gap);
        }
    }

    /**
     * The MIP's plan, as the solver returned it, with its flows re-split over its servers by the
     * LP (for a plan that already serves the most, the re-split only moves flows to cheaper
     * energy) and trimmed; where the MIP is not proven in time, relax-and-fix's the same
     * way (on small budget-bound #1 at load average 20 SCIP found none in 30 s; relax-and-fix's plan
     * was within 0.01 % of the optimum in about 20 s at load 15). Empty when the instance
     * is too large, the budget is none or neither found a plan. {@code budget} is the planner's
     * time budget (the search's time limit).
     *
     * <p>A MIP that ran out of time in its cost phase returns its served phase's plan (status
     * FEASIBLE): it serves the most any plan can but buys servers at any price. It is kept, re-split
     * and trimmed: where every other candidate serves less (rounding under tight supply), served
     * comes first and it must win; trimming takes back the servers its flows do not use.
     */
    static Found of(PlanningModel model, List<DemandCell> demand, Duration budget, Duration polish,
                    HeldLevels held, Commitments commitments, Deadline deadline) {
        return of(model, demand, budget, BUDGET_SHARE, false, null, polish, held, commitments, null, deadline,
                Deadline.STARTS);
    }

    /**
     * {@link #of(PlanningModel, List, Duration, Duration, HeldLevels, Commitments)} with the MIP
     * given {@code share} of the budget, and relax-and-fix the same again, or, with
     * {@code fallbackInShare}, the MIP {@link #MIP_PART_OF_SHARE} of that share and relax-and-fix
     * what the MIP left of it (at least {@link #MIN_TIME}, else it is skipped): the background
     * run must end within its share. The MIP's served phase may run until {@code servedAtLeast}
     * (null: half of the MIP's time), and the MIP's part of the share stretches to it
     * ({@link #mipPart}). {@code servedPhaseSeen} is told the served phase's plan as soon as it is
     * found ({@link LpOptions#servedPhaseSeen}; null: nobody): the planner keeps it in case SCIP's
     * cost phase runs past its limit ({@code MipBesideSearch}). Relax-and-fix's last window's
     * served-phase plan is trimmed by {@code trimBy} of {@code deadline} ({@link #relaxAndFix}).
     */
    static Found of(PlanningModel model, List<DemandCell> demand, Duration budget, double share, boolean fallbackInShare,
                    Duration servedAtLeast, Duration polish, HeldLevels held, Commitments commitments,
                    BiConsumer<LpResult, MipStart> servedPhaseSeen, Deadline deadline, double trimBy) {
        Duration limit = timeFor(model, budget, share);
        if (limit == null) {
            return Found.NONE;
        }
        long startedAt = System.nanoTime();
        Found mip = alone(model, demand, fallbackInShare ? mipPart(limit, servedAtLeast) : limit, servedAtLeast, polish,
                held, commitments, null, servedPhaseSeen);
        Duration fallback = fallbackInShare ? Duration.ofMillis(limit.minusNanos(System.nanoTime() - startedAt).toMillis()) : limit;
        if (mip.mip().provenOptimal() || fallback.compareTo(MIN_TIME) < 0) {
            return mip;
        }
        Map<String, Plan> plans = new LinkedHashMap<>(mip.plans());
        plans.putAll(relaxAndFix(model, demand, fallback, polish, held, commitments, deadline, trimBy));
        return new Found(plans, mip.mip());
    }

    /**
     * The whole MIP alone within {@code limit} (no relax-and-fix after it): its plans, re-split
     * and trimmed, and its result, its served phase allowed to run until {@code servedAtLeast}
     * (null: half of {@code limit}; {@link LpOptions#servedPhaseAtLeast}). The planner runs it on
     * the second core while relax-and-fix runs on the first ({@link Planner}).
     */
    static Found alone(PlanningModel model, List<DemandCell> demand, Duration limit, Duration servedAtLeast,
                       Duration polish, HeldLevels held, Commitments commitments) {
        return alone(model, demand, limit, servedAtLeast, polish, held, commitments, null, null);
    }

    /**
     * {@link #alone}, its cost phase handing over when {@code handOverWhenLeft} is left
     * ({@link LpOptions#handOverWhenLeft}; null: never), {@code servedPhaseSeen} told its served
     * phase's plan ({@link LpOptions#servedPhaseSeen}; null: nobody).
     */
    private static Found alone(PlanningModel model, List<DemandCell> demand, Duration limit, Duration servedAtLeast,
                               Duration polish, HeldLevels held, Commitments commitments, Duration handOverWhenLeft,
                               BiConsumer<LpResult, MipStart> servedPhaseSeen) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        LpResult mip = PlanLinearProgram.solve(model, demand, mipOptions(model, commitments).withTimeLimit(limit)
                .withServedPhaseAtLeast(servedAtLeast).withCommitments(commitments).withHandOverWhenLeft(handOverWhenLeft)
                .withServedPhaseSeen(servedPhaseSeen));
        add(model, demand, "MIP (SCIP, " + state(mip) + ")", mip, polish, held, plans);
        return new Found(plans, mip);
    }

    /**
     * {@code -Ddcplan.mip.handOver=false}: where the whole MIP's cost phase finds no plan alone,
     * SCIP retries from its served phase's plan, as before the hand-over (for measurements).
     */
    static final boolean HAND_OVER = Boolean.parseBoolean(System.getProperty("dcplan.mip.handOver", "true"));

    /**
     * The least time left for a hand-over ({@link #aloneThenNeighbourhoods}); with less, SCIP's
     * retry from the served phase's plan keeps all of it, as before. From the served phase's plan
     * the neighbourhoods need many steps: on medium mixed v2 #1 at 300 s (48 s left) 15 of 22
     * improved, from 3,972.7 M to 3,833.9 M USD, and that plan was written. At 6 s (tried), medium
     * supply-bound v2 #1 at 60 s handed over with 6.7 s left: the retry's 1.4 s proved a bound of
     * 5.9 M USD (nothing; the planner reported the LP's, 4.3 % where the MIP's had been 0.6 %) and
     * three neighbourhoods took the plan from 5,912 M to 4,493 M USD, far above the 3,843 M the
     * main thread's start had (docs/benchmarks.md, twenty-fifth session). So only where a fifth of
     * it gives the retry seconds for its bound and the rest gives the neighbourhoods about a dozen
     * of their shortest: in practice limits of about 150 s and more (at 60 s at most 13 s is left).
     * {@code -Ddcplan.mip.handOverAtLeast=SECONDS} sets it, for measurements.
     */
    static final Duration HAND_OVER_AT_LEAST = Duration.ofMillis(
            Math.round(1000 * Double.parseDouble(System.getProperty("dcplan.mip.handOverAtLeast", "30"))));

    /** The name of the neighbourhoods' plan from the MIP's plan after a hand-over. */
    static final String HANDED_OVER_NEIGHBOURHOODS = "MIP neighbourhoods from the MIP's plan";

    /**
     * {@link #alone}, but where SCIP's cost phase finds no plan alone in its share (on medium
     * instances it often finds none at all: medium mixed v2 #1 at 300 s, none in 153 s, and SCIP
     * alone's none in 112 s), the cost phase hands over ({@link LpOptions#handOverWhenLeft}): SCIP's
     * retry from its served phase's plan gets a fifth of the time left (for its dual bound, which
     * the planner reports and its gap stop reads), and the MIP neighbourhoods
     * ({@link MipNeighbourhoods}) the rest, from the retry's plan: each neighbourhood keeps what the
     * plan serves (the most) and takes its cost down. SCIP's retry from that plan for all the time
     * left had found nothing cheaper than it in 51 s (the same medium mixed run). Their plan, when
     * they improved on it, is a candidate too. The thread's interrupt ({@link MipInBackground#stop})
     * stops them. {@code servedPhaseSeen} is told the served phase's plan as soon as it is found
     * (the planner's main thread crosses it with its own starts; null: nobody).
     */
    static Found aloneThenNeighbourhoods(PlanningModel model, List<DemandCell> demand, Duration limit,
                                         Duration servedAtLeast, Duration polish, HeldLevels held,
                                         Commitments commitments, long seed, BiConsumer<LpResult, MipStart> servedPhaseSeen) {
        long end = System.nanoTime() + limit.toNanos();
        Found whole = alone(model, demand, limit, servedAtLeast, polish, held, commitments,
                HAND_OVER ? HAND_OVER_AT_LEAST : null, servedPhaseSeen);
        LpResult mip = whole.mip();
        Map<String, Plan> plans = new LinkedHashMap<>(whole.plans());
        Duration left = Duration.ofNanos(end - System.nanoTime());
        // a solve that did not hand over used its time (or was stopped: the interrupt)
        boolean handedOver = HAND_OVER && !mip.provenOptimal() && mip.status().hasSolution();
        if (handedOver && left.compareTo(MipNeighbourhoods.LEAST_TIME) >= 0 && !Thread.currentThread().isInterrupted()) {
            MipNeighbourhoods.Outcome outcome = new MipNeighbourhoods(model, demand, commitments, seed)
                    .improve(mip, left, () -> Thread.currentThread().isInterrupted());
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: MIP neighbourhoods from the MIP's plan (%,.0f USD): %s, best %,.0f USD%n",
                        mip.totalCostUsd(), outcome.describe(), outcome.best().totalCostUsd());
            }
            if (outcome.improvedStart()) {
                add(model, demand, HANDED_OVER_NEIGHBOURHOODS, outcome.best(), polish, held, plans);
            }
        }
        return new Found(plans, mip);
    }

    /**
     * Relax-and-fix's plan within {@code limit} ({@link RelaxAndFix}), re-split and trimmed; none
     * when a window before the last found no cost-phase plan in time (or the solve was stopped).
     * Where the last window found only its served phase's plan, that plan is also trimmed by the
     * LP within its purchases ({@link WithinPurchases}), by {@code trimBy} of {@code deadline}
     * ({@link Deadline#left}). Run where the whole MIP is not proven: since phase 2 starts from
     * phase 1's plan, SCIP always has a cost-phase plan, but on the sample's NVIDIA-ban hindsight
     * relax-and-fix's was 9.7 % cheaper than SCIP's incumbent (docs/benchmarks.md).
     */
    static Map<String, Plan> relaxAndFix(PlanningModel model, List<DemandCell> demand, Duration limit, Duration polish,
                                         HeldLevels held, Commitments commitments, Deadline deadline, double trimBy) {
        LpResult result = RelaxAndFix.solve(model, demand, limit, commitments);
        Map<String, Plan> plans = relaxAndFixPlans(model, demand, result, polish, held);
        plans.putAll(lastWindowTrimmed(model, demand, result, polish, commitments, deadline, trimBy));
        return plans;
    }

    /**
     * Relax-and-fix's plan ({@code result}; null: none) as candidates: as solved, and re-split and
     * trimmed ({@link #add}) where {@code polish} is not null.
     */
    static Map<String, Plan> relaxAndFixPlans(PlanningModel model, List<DemandCell> demand, LpResult result,
                                              Duration polish, HeldLevels held) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        if (polish == null) {
            if (result != null && result.status().hasSolution()) {
                plans.put(relaxAndFixName(result), result.plan());
            }
            return plans;
        }
        add(model, demand, relaxAndFixName(result), result, polish, held, plans);
        return plans;
    }

    /**
     * Relax-and-fix's plan trimmed by the LP within its purchases ({@link WithinPurchases}) by
     * {@code trimBy} of {@code deadline}, where its last window found only its served phase's plan
     * (bought at any price); none otherwise, or on a stopped thread.
     */
    static Map<String, Plan> lastWindowTrimmed(PlanningModel model, List<DemandCell> demand, LpResult result,
                                               Duration polish, Commitments commitments, Deadline deadline, double trimBy) {
        if (result == null || result.status() != LpStatus.FEASIBLE || Thread.currentThread().isInterrupted()) {
            return Map.of();
        }
        return WithinPurchases.trimmed(model, demand, relaxAndFixName(result), result.plan(),
                WithinPurchases.limit(polish, deadline.left(trimBy)), commitments, deadline);
    }

    /** Relax-and-fix's candidate's name, saying when its last window's plan is its served phase's. */
    static String relaxAndFixName(LpResult result) {
        String name = "relax-and-fix MIP (SCIP, windows of " + RelaxAndFix.WINDOW_QUARTERS + " quarters)";
        return result != null && result.status() == LpStatus.FEASIBLE
                ? name + ", its last window's served-phase plan" : name;
    }

    /**
     * The planning MIP's options: its served phase held to {@link #SERVED_PHASE_GAP}; from
     * scratch, SCIP's gap {@link #PROOF_GAP} on its own objective; with commitments held (a
     * what-if), the MIP to be proven ({@link LpOptions#toProve}) at {@link #HELD_PROOF_GAP} of the
     * plan's total.
     */
    /** {@link #mipOptions(Commitments)}, solved bound first on instances up to {@link #BOUND_FIRST_MAX_DECISIONS}. */
    static LpOptions mipOptions(PlanningModel model, Commitments commitments) {
        LpOptions options = mipOptions(commitments);
        return serverDecisions(model) <= BOUND_FIRST_MAX_DECISIONS ? options.withBoundFirst() : options;
    }

    static LpOptions mipOptions(Commitments commitments) {
        LpOptions served = LpOptions.integer().withServedPhaseGap(SERVED_PHASE_GAP);
        if (commitments == null || commitments.isNone() || !HELD_PROOF) {
            return served.withMipRelativeGap(PROOF_GAP);
        }
        return served.toBeProven().withMipRelativeGap(HELD_PROOF_GAP);
    }

    private static String state(LpResult mip) {
        if (mip.provenOptimal()) {
            return "proven optimal";
        }
        return mip.status() == LpStatus.FEASIBLE ? "served phase's plan, no cost-phase plan in time" : "incumbent at its time limit";
    }

    /** {@code result}'s plan as is, re-split by the LP, and trimmed, under {@code name}; nothing without a plan. */
    static void add(PlanningModel model, List<DemandCell> demand, String name, LpResult result, Duration polish,
                            HeldLevels held, Map<String, Plan> plans) {
        if (result == null || !result.status().hasSolution()) {
            return;
        }
        plans.put(name, result.plan());
        LpResult split = PlanLinearProgram.polishDispatch(model, demand, result.plan(), LpOptions.relaxed().withTimeLimit(polish));
        if (split.status().hasSolution()) {
            plans.put(name + ", LP re-split", split.plan());
            PlanTrimming.trims(model, split.plan(), held).forEach((trim, p) -> plans.put(name + ", LP re-split, " + trim, p));
        }
    }

    /**
     * The MIP's part of a share it splits with relax-and-fix after it: {@link #MIP_PART_OF_SHARE}
     * of {@code limit}, or until {@code servedAtLeast} when that is later (an unproven served phase
     * comes before relax-and-fix's cost: served first), never more than {@code limit}.
     */
    static Duration mipPart(Duration limit, Duration servedAtLeast) {
        Duration part = scaled(limit, MIP_PART_OF_SHARE);
        if (servedAtLeast == null || servedAtLeast.compareTo(part) <= 0) {
            return part;
        }
        return servedAtLeast.compareTo(limit) < 0 ? servedAtLeast : limit;
    }

    /** {@code limit} times {@code part}, at least {@link #MIN_TIME} (never more than {@code limit}). */
    private static Duration scaled(Duration limit, double part) {
        Duration d = Duration.ofMillis(Math.round(limit.toMillis() * part));
        Duration floor = MIN_TIME.compareTo(limit) < 0 ? MIN_TIME : limit;
        return d.compareTo(floor) < 0 ? floor : d;
    }

    /** The MIP's time limit: a share of the budget, at least {@link #MIN_TIME}; null when it is not to run. */
    static Duration timeFor(PlanningModel model, Duration budget) {
        return timeFor(model, budget, BUDGET_SHARE);
    }

    /** The MIP's time limit at {@code share} of the budget, at least {@link #MIN_TIME}; null when it is not to run. */
    static Duration timeFor(PlanningModel model, Duration budget, double share) {
        if (budget == null || budget.isZero() || budget.isNegative() || serverDecisions(model) > MAX_SERVER_DECISIONS) {
            return null;
        }
        Duration limit = Duration.ofMillis(Math.round(budget.toMillis() * share));
        return limit.compareTo(MIN_TIME) < 0 ? MIN_TIME : limit;
    }

    /** Sites x chips x quarters: the number of I[s,c,q] the MIP may have to branch on. */
    static long serverDecisions(PlanningModel model) {
        return (long) model.sites().size() * model.chips().size() * model.quarters().size();
    }
}
