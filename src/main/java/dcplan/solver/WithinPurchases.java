package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A plan's purchases as a box: the LP relaxation with every server and MW decision between none
 * (its held level) and the plan's own, serving the most and then cheapest, rounded up and re-split.
 * A cheaper plan that serves as much as the plan does, found with one LP. Where the MIP runs
 * beside the search (two cores, no commitments held), {@link MipBesideSearch} asks for it on
 * SCIP's served-phase plan and on the MIP's final plan.
 *
 * <p>Why: where SCIP's cost phase ends at its limit, its plan is its served phase's, which buys at
 * any price: most of it is not needed for what it serves. The trims ({@link PlanTrimming}) take
 * back servers one site at a time; the LP within the box chooses which of the plan's purchases to
 * keep all at once. Measured on long supply-bound v2 #1 at 30 s (docs/benchmarks.md, forty-third
 * session): SCIP's served-phase plan cost 12,698.6 M USD and its best trim 9,347.1 M; the LP
 * within its purchases 6,744.9 M, rounded up and re-split 6,896.1 M, serving as much. The other
 * plans at hand were cheaper but served 1.7e-5 of the demand less, so served first wrote the
 * trim's, 9,234.1 M after the search.
 *
 * <p>Rounding up stays within the box: every level the LP chose is at most the plan's, a whole
 * number of servers (and MW in whole phases), so its ceiling is too. The rounded plan then keeps
 * every supply, power and MW ceiling the plan keeps; servers only grew over the LP's, so its flows
 * still fit. Cash timing can differ (MW built later than the plan built it), and the evaluator,
 * which judges every candidate, rejects a plan that breaks a budget.
 */
final class WithinPurchases {
    private WithinPurchases() {
    }

    /**
     * {@code -Ddcplan.mip.withinPurchases=false}: MIP plans are not trimmed by the LP within
     * their purchases (for before/after measurements).
     */
    static final boolean ON = Boolean.parseBoolean(System.getProperty("dcplan.mip.withinPurchases", "true"));

    /** What a plan's name gets for its plan trimmed by the LP within its purchases. */
    static final String SUFFIX = ", LP within its purchases, rounded up";

    /**
     * The box of {@code plan}: each (site, chip, quarter)'s servers and each (site, quarter)'s MW
     * between none and the plan's level (the LP keeps held levels above these floors itself).
     */
    static LpWindow boxOf(PlanningModel model, Plan plan) {
        return box(model, key -> new LpWindow.Range(0, MipNeighbourhoods.serversOf(plan, key)),
                (site, sq) -> new LpWindow.Range(0, MipNeighbourhoods.mwOf(plan, site, sq)));
    }

    /**
     * Every purchase of {@code model} within a range: each (site, chip, quarter)'s servers within
     * {@code servers}' and each (site, quarter)'s MW within {@code mw}'s, every quarter integer in a
     * MIP ({@link LpWindow#between}; a crossover's box too).
     */
    static LpWindow box(PlanningModel model, Function<Plan.SiteChipQuarter, LpWindow.Range> servers,
                        BiFunction<Site, Plan.SiteQuarter, LpWindow.Range> mw) {
        Map<Plan.SiteChipQuarter, LpWindow.Range> serverRanges = new HashMap<>();
        Map<Plan.SiteQuarter, LpWindow.Range> mwRanges = new HashMap<>();
        for (Site site : model.sites()) {
            for (Quarter quarter : model.quarters()) {
                for (Chip chip : model.chips()) {
                    Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), chip.id(), quarter);
                    serverRanges.put(key, servers.apply(key));
                }
                Plan.SiteQuarter sq = new Plan.SiteQuarter(site.id(), quarter);
                mwRanges.put(sq, mw.apply(site, sq));
            }
        }
        return LpWindow.between(serverRanges, mwRanges);
    }

    /**
     * The LP relaxation within {@code plan}'s purchases ({@link #boxOf}), each LP within
     * {@code limit}.
     */
    static LpResult relaxation(PlanningModel model, List<DemandCell> demand, Plan plan, Duration limit,
                               Commitments commitments) {
        return PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(limit)
                .withCommitments(commitments).withWindow(boxOf(model, plan)));
    }

    /**
     * The least time worth giving the LP within a plan's purchases: what it took, re-split included,
     * on long and large instances (0.0-0.9 s, forty-third session), so that it is not started only to
     * be cut.
     */
    static final Duration LEAST_TIME = Duration.ofSeconds(1);

    /**
     * Each LP's limit: {@code polish}, cut to {@code left} (null: no clock); null (skip) where that
     * is under {@link #LEAST_TIME} or the LP polish is off.
     */
    static Duration limit(Duration polish, Duration left) {
        if (!Planner.isOn(polish)) {
            return null;
        }
        Duration limit = left != null && left.compareTo(polish) < 0 ? left : polish;
        return limit.compareTo(LEAST_TIME) < 0 ? null : limit;
    }

    /**
     * {@code plan} trimmed by the LP within its purchases: the box's relaxation rounded up
     * ({@link RoundedRelaxation#of}: {@link RelaxationRounding}'s rounding, flows clipped) and re-split by the LP, each LP within {@code limit},
     * named {@code name} with {@link #SUFFIX}; none where an LP found no solution in time, where
     * {@code limit} is null or where this is {@link #ON off}. Not trimmed further
     * ({@link PlanTrimming}): each candidate costs an evaluation when the starts are judged, and
     * none of those trims was the start chosen on long #1 at 30 s (forty-third session).
     */
    static Map<String, Plan> trimmed(PlanningModel model, List<DemandCell> demand, String name, Plan plan,
                                     Duration limit, Commitments commitments, Deadline deadline) {
        if (!ON || limit == null) {
            return Map.of();
        }
        long began = System.nanoTime();
        LpResult box = relaxation(model, demand, plan, limit, commitments);
        LpResult split = null;
        if (box.status().hasSolution()) {
            split = RoundedRelaxation.reSplit(model, demand, box, commitments, limit);
        }
        if (Deadline.LOG_STEPS) {
            System.err.printf(Locale.ROOT, "[dcplan] planning step: %s within its purchases: the LP %s (%,.0f USD), rounded up and re-split %s (%,.0f USD serving %.9g), in %.1f s (at %.1f s)%n",
                    name, box.status(), box.totalCostUsd(), split == null ? "not run" : split.status(),
                    split == null ? Double.NaN : split.totalCostUsd(), split == null ? Double.NaN : split.servedInferences(),
                    (System.nanoTime() - began) / 1e9, deadline.elapsedNanos() / 1e9);
        }
        return split != null && split.status().hasSolution() ? Map.of(name + SUFFIX + ", LP re-split", split.plan()) : Map.of();
    }
}
