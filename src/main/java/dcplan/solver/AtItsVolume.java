package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The relaxation re-solved at the rounded start's volume. Where no plan reaches the relaxation's
 * most-served level, the starts are all rounded from the relaxation at that level and serve a
 * few percent less, at what that level cost: on long budget-bound v2 #3 the plan written served
 * 1.7 % of its volume less than the relaxation, at 6,142.5 M USD, where the relaxation serving
 * exactly as much costs 2,189.5 M (forty-fourth session). This solves the relaxation at its
 * cheapest serving at least the start's volume, rounds it up ({@link RoundedRelaxation#of}) and
 * re-splits it; where the rounding's repairs lose volume, it tops the plan up within its own
 * purchases, asking for what was lost on top ({@link #floorsOf}); where that still serves less
 * than the start, it asks the whole relaxation again for that much more, a few times. Where a
 * plan reaches the start's volume, it climbs: the relaxation at volumes between the start's and
 * its most, rounded the same way, kept while they serve more ({@link #above}).
 * Each plan is a candidate, judged with the others (served first); run as soon as the rounded
 * start is chosen ({@code MipBesideSearch}).
 */
final class AtItsVolume {

    /** {@code -Ddcplan.atItsVolume=false} turns this off, for before/after measurements. */
    static final boolean ON = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume", "true"));

    /**
     * Solves at most this many times, each asking for what the previous rounding lost on top
     * (each also topped up, {@link #TOP_UP}).
     */
    static final int TRIES = 3;

    private AtItsVolume() {
    }

    /**
     * {@code -Ddcplan.atItsVolume.above=false}: no climb above the start's volume ({@link #above}),
     * for before/after measurements.
     */
    static final boolean ABOVE = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume.above", "true"));

    /**
     * {@code -Ddcplan.atItsVolume.knownMost=false}: each try solves the relaxation's served phase
     * again rather than taking the most it serves from the relaxation already solved, for
     * before/after measurements.
     */
    static final boolean KNOWN_MOST = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume.knownMost", "true"));

    /**
     * {@code -Ddcplan.atItsVolume.measuredTries=false}: each try's LP and re-split need
     * {@link WithinPurchases#LEAST_TIME} left, as before the forty-sixth session, for
     * before/after measurements. By default a try after the first is started where the time left
     * until {@link Deadline#STARTS} holds the longest try so far, and its re-split runs where at
     * least {@link #LEAST_RESPLIT} is left: on long budget-bound v2 #3 at 10 s the tries took
     * 0.4-1.2 s, and in each of six runs a try whose LP had run was dropped for want of a second
     * for its re-split (forty-sixth session).
     */
    static final boolean MEASURED_TRIES = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume.measuredTries", "true"));

    /**
     * The least time a try's re-split is started with, once its LP has run: the re-splits on
     * medium, long and large took 0.02-0.31 s (forty-sixth session).
     */
    static final Duration LEAST_RESPLIT = Duration.ofMillis(200);

    /**
     * Why a try is not started with {@code left} until {@link Deadline#STARTS} (null: unlimited),
     * where the longest try so far took {@code longestTryNanos} (0: none yet); null where it is.
     * The first needs {@link WithinPurchases#LEAST_TIME}, each later one the longest so far
     * ({@link #MEASURED_TRIES}), and never less than twice {@link #LEAST_RESPLIT}: the LP keeps one
     * back for its re-split, and a try of a tenth of a second (small) would leave its LP none.
     */
    static String tooLittleForATry(Duration left, long longestTryNanos) {
        boolean measured = MEASURED_TRIES && longestTryNanos > 0;
        Duration leastLater = LEAST_RESPLIT.multipliedBy(2);
        Duration needed = !measured ? WithinPurchases.LEAST_TIME
                : longestTryNanos > leastLater.toNanos() ? Duration.ofNanos(longestTryNanos) : leastLater;
        if (left == null || left.compareTo(needed) >= 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%.2f s left, under the %.2f s %s", left.toNanos() / 1e9, needed.toNanos() / 1e9,
                measured ? "the longest try took" : "a first try needs");
    }

    /**
     * Why a try's re-split is not started with {@code left} until {@link Deadline#STARTS}, its LP
     * having run; null where it is: at least {@link #LEAST_RESPLIT} ({@link #MEASURED_TRIES}).
     */
    static String tooLittleForAReSplit(Duration left) {
        Duration floor = MEASURED_TRIES ? LEAST_RESPLIT : WithinPurchases.LEAST_TIME;
        if (left == null || left.compareTo(floor) >= 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%.2f s left for its re-split, under %.2f s", left.toNanos() / 1e9,
                floor.toNanos() / 1e9);
    }

    /**
     * {@code -Ddcplan.atItsVolume.topUp=false}: a try at the start's volume whose rounding serves
     * less than it asked is not topped up ({@link #floorsOf}), for before/after measurements.
     */
    static final boolean TOP_UP = Boolean.parseBoolean(System.getProperty("dcplan.atItsVolume.topUp", "true"));

    /**
     * A plan's purchases as floors: each (site, chip, quarter)'s servers at least the plan's and
     * at most that plus the whole servers the site's power left holds
     * ({@link #wholeServersOfPowerLeft}), each (site, quarter)'s MW at least the plan's. The
     * relaxation within them ({@link LpVolumeTry#topUp}), asked for the try's volume plus what
     * its rounding lost, buys what the rounding's repairs took back on top of what it bought,
     * where asking the whole relaxation for more rounds it all again.
     *
     * <p>Why: served first, a try's plan serving a sliver less than the start loses to it however
     * cheap it is. On large budget-bound v2 #2 at 30 s the try at the start's volume cost 4,817.1 M
     * USD and served 3.4e-5 of its volume less than the start (7,567.1 M); the two tries asking
     * for more served less again, so the start was written, 58.9 % above the LP bound (forty-sixth
     * session). Topped up (asked for the try's volume alone, in a scratch test), the tries on the
     * budget-bound rows served what they asked, or most of it: from 1.3e-5 of the volume short to
     * none on medium #1, from 5.4e-3 to 7.3e-4 on long #3, from 1.6e-3 to none on large #3
     * (forty-seventh session).
     */
    static LpWindow floorsOf(PlanningModel model, Plan plan, HeldLevels held) {
        return WithinPurchases.box(model,
                key -> new LpWindow.Range(MipNeighbourhoods.serversOf(plan, key),
                        MipNeighbourhoods.serversOf(plan, key) + wholeServersOfPowerLeft(model, plan, held, key)),
                (site, sq) -> new LpWindow.Range(MipNeighbourhoods.mwOf(plan, site, sq), Double.POSITIVE_INFINITY));
    }

    /**
     * How many whole servers of the key's chip the MW left at its site and quarter power, up to
     * the most MW the site may have then ({@link RelaxationRounding#ceilingMw}), over what
     * {@code plan}'s servers draw: a top-up's ceiling. Without it the LP fills the last sliver of
     * a site's power with a fraction of a server, which rounding cannot make whole; on medium
     * budget-bound v2 #1 every server the top-up's LP added was such a fraction (850.57 where
     * 850 fit), so its rounding served nothing more (forty-seventh session).
     */
    static int wholeServersOfPowerLeft(PlanningModel model, Plan plan, HeldLevels held, Plan.SiteChipQuarter key) {
        int s = model.sites().indexOf(model.site(key.site()).orElseThrow());
        int q = model.quarters().indexOf(key.quarter());
        Site site = model.sites().get(s);
        double drawnKw = 0;
        for (Chip chip : model.chips()) {
            Plan.SiteChipQuarter other = new Plan.SiteChipQuarter(site.id(), chip.id(), key.quarter());
            drawnKw += plan.installed().getOrDefault(other, site.existingServers(chip.id())) * chip.serverKw();
        }
        double leftKw = RelaxationRounding.ceilingMw(model, s, q, held) * 1000.0 - drawnKw;
        double serverKw = model.chip(key.chip()).orElseThrow().serverKw();
        return leftKw <= 0 ? 0 : (int) Math.floor(leftKw / serverKw + 1e-9);
    }

    /**
     * How many volumes above the start's {@link #above} tries, each only where the time left
     * holds the longest try so far. Three until the forty-seventh session: on medium budget-bound
     * v2 #1 at 30 s the three (0.9, 0.95 and 0.975 of the way up) each served more than the one
     * before, in 0.2-0.5 s each, so the climb stopped for want of tries, not of time.
     */
    static final int ABOVE_TRIES = 6;

    /**
     * The first volume {@link #above} asks for, as a share of the way from the start's volume to
     * the relaxation's most. Near the top the rounding breaks a budget or loses what it was asked
     * for more: the highest share whose rounding served more than at the share below it was 0.95,
     * 0.97 and 0.98 on long budget-bound v2 #3 and medium budget-bound v2 #1-#2 (0.99 and above
     * were all rejected), so the climb begins high and halves the distance left from there.
     */
    static final double ABOVE_FIRST = 0.9;

    /**
     * The least distance, as a share of the volume, from the start's volume to the relaxation's
     * most for which {@link #above} climbs. Where a limit's repair cost the rounded start volume,
     * it was 1.7-3.3 % (long budget-bound v2 #3, medium budget-bound v2 #1-#2); elsewhere the
     * start misses a sliver (at most 1.0e-4 on long and medium #1, supply-, residency-,
     * power-bound, partly-unservable and mixed), which the rounding cannot reach: there the
     * climb's three tries served no more, for 1-3 s of the main thread (forty-fifth session).
     */
    static final double ABOVE_LEAST_GAP = 1e-3;

    /**
     * The candidates, named by the volume asked for and evaluated; none where this is off or the
     * start serves the relaxation's most (within {@link Planner#SAME_SERVED}). Each LP gets
     * {@code polish}, cut to what is left until {@code deadline}'s {@link Deadline#STARTS}, and is
     * skipped where less is left than the longest try so far ({@link WithinPurchases#LEAST_TIME}
     * for the first; {@link #MEASURED_TRIES}); each try whose rounding lost volume is also
     * topped up, asking for what it lost on top ({@link #TOP_UP}); the tries stop once a rounding
     * serves at least the start's volume less the tie, or a top-up serves the start's volume.
     * Then, where the relaxation's most is at least {@link #ABOVE_LEAST_GAP} of the volume above
     * the start's, the climb above it follows ({@link #above}), from the plan serving the most.
     */
    static List<StartingPlans.Candidate> candidates(PlanningModel model, List<DemandCell> demand, Evaluation start,
                                                    LpResult relaxation, Duration polish, Commitments commitments,
                                                    Deadline deadline) {
        List<StartingPlans.Candidate> plans = new ArrayList<>();
        if (!ON || start == null || relaxation == null || !relaxation.status().hasSolution()) {
            return plans;
        }
        double volume = Math.max(1.0, start.servedInferences() + start.unmetInferences());
        double wanted = start.servedInferences();
        double most = relaxation.servedInferences();
        if (wanted >= most - Planner.SAME_SERVED * volume) {
            return plans;
        }
        // proven by the relaxation solved already: each try is then its cost phase alone
        double knownMost = KNOWN_MOST && relaxation.provenOptimal() ? relaxation.maxServedInferences() : Double.NaN;
        LpVolumeTry tries = new LpVolumeTry(model, demand, start, polish, commitments, deadline, knownMost);
        double asked = wanted;
        for (int t = 0; t < TRIES; t++) {
            String name = String.format(Locale.ROOT, "LP at the rounded start's volume%s, rounded up, LP re-split",
                    t == 0 ? "" : String.format(Locale.ROOT, " and %.2g of it more", asked / wanted - 1));
            StartingPlans.Candidate tried = tries.at(asked, name);
            if (tried == null) {
                return plans;
            }
            plans.add(tried);
            Evaluation e = tried.evaluation();
            double lost = wanted - e.servedInferences();
            if (!e.feasible()) {
                return plans;
            }
            Evaluation reached = e;
            if (TOP_UP && lost > Planner.SAME_SERVED * volume) {
                StartingPlans.Candidate topped = tries.topUp(tried, asked + lost);
                if (topped != null) {
                    plans.add(topped);
                    reached = topped.evaluation();
                }
            }
            // the retries follow the rounding's loss, as before the top-up: on medium power-bound
            // v2 #1 at 30 s the top-up served 1.2e-7 of the volume less than the start, and the
            // retry asking 5.8e-7 more made the plan written, 3.2 % cheaper (forty-seventh session)
            if (lost <= Planner.SAME_SERVED * volume || reached.servedInferences() >= wanted) {
                if (ABOVE && most - wanted >= ABOVE_LEAST_GAP * volume) {
                    // not topped up: a top-up costs about what its try did, and with topped-up
                    // climb tries long budget-bound v2 #3 at 10 s reached 0.9 of the way where
                    // plain ones reached 0.95 (forty-seventh session)
                    plans.addAll(above(tries, reached, wanted, most, volume));
                }
                return plans;
            }
            asked = Math.min(most, asked + lost);
        }
        return plans;
    }

    /**
     * The climb above the start's volume, from {@code reached} (a feasible plan serving it): the
     * relaxation at a volume between the start's ({@code wanted}) and its most, rounded up and
     * re-split, {@link #ABOVE_TRIES} times, by bisection on the share of the way up, the first
     * at {@link #ABOVE_FIRST}. The floor starts at the share {@code reached} serves (a try that
     * asked for more to make up a repair's loss may be part of the way up), and the first try is
     * half-way from it to the most where that is above {@link #ABOVE_FIRST}. A try whose plan is
     * feasible and serves more than the best so far (beyond the tie) is kept and raises the
     * floor; any other lowers the ceiling.
     *
     * <p>Why: served first, a plan serving more beats any cheaper one, and where no exact plan
     * serves more than the roundings (long budget-bound, where SCIP's plans serve a few percent
     * of the demand), the rounding at the start's volume is cheap but leaves the volume where the
     * rounded start's repairs left it. On long budget-bound v2 #3 at 30 s the plan written left
     * 3.16 % of the demand unmet without the climb and 2.79 % with it, from the rounding at 0.975
     * of the way up (forty-fifth session).
     */
    static List<StartingPlans.Candidate> above(VolumeTry tries, Evaluation reached, double wanted, double most, double volume) {
        List<StartingPlans.Candidate> plans = new ArrayList<>();
        double best = reached.servedInferences();
        // a try that asked for more than the start's volume to make up a repair's loss may have
        // reached part of the way already: nothing below what it serves is asked (large
        // budget-bound v2 #3 at 30 s: a try at 0.45 of the way asked for less than it served)
        double floor = Math.max(0.0, Math.min(1.0, (best - wanted) / (most - wanted)));
        double ceiling = 1.0;
        double share = floor < ABOVE_FIRST ? ABOVE_FIRST : (floor + ceiling) / 2;
        for (int t = 0; t < ABOVE_TRIES; t++) {
            double asked = wanted + share * (most - wanted);
            String name = String.format(Locale.ROOT,
                    "LP at %.3g of the way from the rounded start's volume to the relaxation's most, rounded up, LP re-split", share);
            StartingPlans.Candidate tried = tries.at(asked, name);
            if (tried == null) {
                break;
            }
            Evaluation e = tried.evaluation();
            if (e.feasible() && e.servedInferences() > best + Planner.SAME_SERVED * volume) {
                plans.add(tried);
                best = e.servedInferences();
                floor = share;
            } else {
                ceiling = share;
            }
            share = (floor + ceiling) / 2;
        }
        return plans;
    }

    /** A plan asked to serve a volume, evaluated, as a named candidate; null where time or an LP ran out. */
    @FunctionalInterface
    interface VolumeTry {
        StartingPlans.Candidate at(double asked, String name);
    }

    /**
     * The relaxation at its cheapest serving the volume asked, rounded up, re-split and evaluated;
     * its served phase skipped where the most it serves is known ({@code knownMost}, NaN if not).
     * {@link #topUp} tops a plan up within its own purchases ({@link #candidates}: the tries
     * at the start's volume, not the climb's).
     */
    static final class LpVolumeTry implements VolumeTry {
        private final PlanningModel model;
        private final List<DemandCell> demand;
        private final Evaluation start;
        private final Duration polish;
        private final Commitments commitments;
        private final Deadline deadline;
        private final double knownMost;

        /** The longest try so far, LP, re-split and evaluation: what the next is expected to take (0: none yet). */
        private long longestTryNanos;

        LpVolumeTry(PlanningModel model, List<DemandCell> demand, Evaluation start, Duration polish, Commitments commitments,
                    Deadline deadline, double knownMost) {
            this.model = model;
            this.demand = demand;
            this.start = start;
            this.polish = polish;
            this.commitments = commitments;
            this.deadline = deadline;
            this.knownMost = knownMost;
        }

        @Override
        public StartingPlans.Candidate at(double asked, String name) {
            return attempt(asked, name, options -> Double.isNaN(knownMost)
                    ? PlanLinearProgram.relaxationServing(model, demand, asked, options)
                    : PlanLinearProgram.relaxationServing(model, demand, asked, knownMost, options));
        }

        /**
         * {@code tried} topped up: the relaxation within its purchases as floors
         * ({@link #floorsOf}) at {@code asked}, or the most the floors allow, rounded up,
         * re-split and evaluated the same way; null where it is not started, ends without a plan,
         * or serves no more than {@code tried} (beyond the tie).
         */
        StartingPlans.Candidate topUp(StartingPlans.Candidate tried, double asked) {
            LpWindow floors = floorsOf(model, tried.plan(), HeldLevels.of(model, commitments));
            StartingPlans.Candidate topped = attempt(asked, tried.name() + ", topped up",
                    options -> PlanLinearProgram.relaxationWithinServingUpTo(model, demand, asked, options.withWindow(floors)));
            double volume = Math.max(1.0, start.servedInferences() + start.unmetInferences());
            if (topped == null || !topped.evaluation().feasible() || topped.evaluation().servedInferences()
                    <= tried.evaluation().servedInferences() + Planner.SAME_SERVED * volume) {
                return null;
            }
            return topped;
        }

        /**
         * The LP {@code solve} (given its options: the limit and the commitments) rounded up,
         * re-split and evaluated, within the time left; null (why on the step log) where it is not
         * started or ends without a plan.
         */
        private StartingPlans.Candidate attempt(double asked, String name, Function<LpOptions, LpResult> solve) {
            long began = System.nanoTime();
            Duration left = deadline.left(Deadline.STARTS);
            if (!Planner.isOn(polish)) {
                return skipped(name, "the LP polish is off");
            }
            String tooLittle = tooLittleForATry(left, longestTryNanos);
            if (tooLittle != null) {
                return skipped(name, tooLittle);
            }
            // its re-split's floor kept back: an LP that took all that is left is lost
            Duration lpLeft = left == null ? null : MEASURED_TRIES ? left.minus(LEAST_RESPLIT) : left;
            Duration limit = lpLeft == null || lpLeft.compareTo(polish) > 0 ? polish : lpLeft;
            LpResult lp = solve.apply(LpOptions.relaxed().withTimeLimit(limit).withCommitments(commitments));
            long lpNanos = System.nanoTime() - began;
            if (!lp.status().hasSolution()) {
                return skipped(name, "its LP ended " + lp.status() + ": " + lp.message());
            }
            // the LP's time is spent: the re-split may have what is left, down to a floor
            Duration splitLeft = deadline.left(Deadline.STARTS);
            String tooLittleToSplit = tooLittleForAReSplit(splitLeft);
            if (tooLittleToSplit != null) {
                return skipped(name, tooLittleToSplit);
            }
            Duration splitLimit = splitLeft == null || splitLeft.compareTo(polish) > 0 ? polish : splitLeft;
            long splitBegan = System.nanoTime();
            LpResult split = RoundedRelaxation.reSplit(model, demand, lp, commitments, splitLimit);
            long splitNanos = System.nanoTime() - splitBegan;
            if (!split.status().hasSolution()) {
                return skipped(name, "its re-split ended " + split.status() + ": " + split.message());
            }
            Evaluation e = deadline.evaluation(() -> PlanEvaluator.evaluate(model, demand, split.plan(), commitments));
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: %s: the LP %,.0f USD serving %.9g (asked %.9g), the plan %s%,.0f USD serving %.9g (the start %,.0f USD serving %.9g), in %.1f s (the LP %.2f s, the re-split %.2f s; at %.1f s)%n",
                        name, lp.totalCostUsd(), lp.servedInferences(), asked, e.feasible() ? "" : "INFEASIBLE, ",
                        e.totalCostUsd(), e.servedInferences(), start.totalCostUsd(), start.servedInferences(),
                        (System.nanoTime() - began) / 1e9, lpNanos / 1e9, splitNanos / 1e9, deadline.elapsedNanos() / 1e9);
            }
            longestTryNanos = Math.max(longestTryNanos, System.nanoTime() - began);
            return new StartingPlans.Candidate(name, split.plan(), false, e, true);
        }

        /** No candidate, and why on the step log. */
        private StartingPlans.Candidate skipped(String name, String why) {
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: %s: skipped: %s (at %.1f s)%n", name, why,
                        deadline.elapsedNanos() / 1e9);
            }
            return null;
        }
    }
}
