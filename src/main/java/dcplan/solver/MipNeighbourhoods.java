package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.MipStart;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Large-neighbourhood search with the MIP: from a plan, free the purchases (servers of every chip
 * and MW) of a few related sites over the whole horizon, or of every site over a window of
 * quarters; pin every other purchase at the plan's; and let SCIP re-plan the freed part, served
 * first and then cost, every flow re-split. A neighbourhood's plan replaces the incumbent when it
 * serves more, or serves as much for less; the next neighbourhood starts from it.
 *
 * <p>Why: on medium and large instances the whole MIP is not proven in any budget, and the
 * planner's first search beside it stalls within seconds and then finds nothing for minutes
 * (large supply-bound at 300 s: one new best in 230 s; docs/benchmarks.md, thirteenth session),
 * while SCIP alone given the same limit ends up to 0.18 % cheaper on medium. A neighbourhood
 * MIP moves many purchases at once (a site's whole build-out, a year's timing across sites),
 * which single moves cannot, and each is small enough for SCIP to solve in seconds.
 *
 * <p>Its plan is a start like the MIP's and relax-and-fix's: judged with them by the evaluator
 * (served first), and the best starts OptaPlanner's final search, whose best is the plan written.
 *
 * <p>The neighbourhood's size (freed server decisions) adapts: larger after one SCIP proved
 * quickly, smaller after one that ran out of time. Seeded: the same seed picks the same
 * neighbourhoods, though which ones finish in time depends on the clock.
 */
final class MipNeighbourhoods {

    /** Freed server decisions (sites x chips x quarters) of the first neighbourhood, at most all of them. */
    static final int FIRST_SIZE = 96;

    /** The least and most time of one neighbourhood's MIP. */
    static final Duration LEAST_TIME = Duration.ofSeconds(3);
    static final Duration MOST_TIME = Duration.ofSeconds(30);

    /**
     * How the neighbourhood's size grows after a quick proof, and shrinks after a time-out: slower
     * up than down, as a neighbourhood that runs out of time costs its whole time and rarely
     * improves (medium partly-unservable v2 #1 at 300 s: with 1.5 both ways, 7 of its 10 site
     * neighbourhoods ran out of their 26 s).
     */
    static final double GROWTH = 1.25;
    static final double SHRINK = 1.5;

    /** A neighbourhood: these sites' purchases in quarters [from, to) are free, all others pinned. */
    record Neighbourhood(Set<String> sites, int from, int to) {
        String describe(int allSites) {
            return (sites.size() == allSites ? "every site" : sites.size() + " related sites") + ", quarters " + from + "-" + (to - 1);
        }
    }

    /** The best plan found (the start when none beat it) and what the search did. */
    record Outcome(LpResult best, int tried, int improved, int proven, double seconds) {
        boolean improvedStart() {
            return improved > 0;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d neighbourhoods in %.1f s, %d proven, %d improved", tried, seconds, proven,
                    improved);
        }
    }

    private final PlanningModel model;
    private final List<DemandCell> demand;
    private final Commitments commitments;
    private final Random random;
    /** Per site, the regions it may serve (latency and residency): sites sharing regions are related. */
    private final Map<String, Set<String>> regionsOf;

    /** {@link #lastImprovedNanos()} until a neighbourhood has improved the plan. */
    static final long NEVER = Long.MIN_VALUE;

    /** See {@link #lastImprovedNanos()}: the thread beside the final search reads it. */
    private volatile long lastImprovedNanos = NEVER;

    MipNeighbourhoods(PlanningModel model, List<DemandCell> demand, Commitments commitments, long seed) {
        this.model = model;
        this.demand = demand;
        this.commitments = commitments;
        this.random = new Random(seed);
        this.regionsOf = regionsEachSiteMayServe(model);
    }

    /**
     * Improves {@code start} (a plan with its LP figures: a re-split or a MIP's result) until
     * {@code limit} has passed or {@code stopped} says so (checked between neighbourhoods; a
     * neighbourhood in progress is stopped by interrupting the thread's solve, see
     * {@link StoppableSpan}).
     */
    Outcome improve(LpResult start, Duration limit, BooleanSupplier stopped) {
        return improve(start, limit, stopped, () -> true);
    }

    /**
     * As {@link #improve(LpResult, Duration, BooleanSupplier)}, starting each neighbourhood only
     * while {@code another} says so (checked before each one; a neighbourhood started runs to its
     * end and is judged, unlike one {@code stopped} cuts short).
     */
    Outcome improve(LpResult start, Duration limit, BooleanSupplier stopped, BooleanSupplier another) {
        long began = System.nanoTime();
        long end = began + limit.toNanos();
        LpResult best = start;
        // one size per kind: every site over one quarter is proven in seconds where four sites
        // over the horizon run out of time (large supply-bound v2 #1 at 300 s)
        int[] sizes = {Math.min(FIRST_SIZE, allDecisions()), Math.min(FIRST_SIZE, allDecisions())};
        int tried = 0;
        int improved = 0;
        int proven = 0;
        while (!stopped.getAsBoolean() && another.getAsBoolean()) {
            Duration left = Duration.ofNanos(end - System.nanoTime());
            if (left.compareTo(LEAST_TIME) < 0) {
                break;
            }
            Duration each = timeOfOne(limit, left);
            int kind = tried % sizes.length;
            int size = sizes[kind];
            Neighbourhood n = pick(kind, size);
            LpResult r = solve(best.plan(), n, each);
            tried++;
            if (stopped.getAsBoolean()) {
                break; // stopped mid-solve: the answer may be cut short; the incumbent stands
            }
            if (r.provenOptimal()) {
                proven++;
            }
            boolean better = r.status().hasSolution() && isBetter(r, best);
            if (Deadline.LOG_STEPS) {
                System.err.printf(Locale.ROOT, "[dcplan] planning step: neighbourhood %d (%s, %d decisions): %s in %.1f s of %.1f, %,.0f USD serving %.9g%s%n",
                        tried, n.describe(model.sites().size()), size, r.status(), r.solveSeconds(), each.toMillis() / 1e3,
                        r.totalCostUsd(), r.servedInferences(), better ? ", kept" : "");
            }
            if (better) {
                best = r;
                improved++;
                lastImprovedNanos = System.nanoTime();
            }
            sizes[kind] = nextSize(size, r, each);
        }
        return new Outcome(best, tried, improved, proven, (System.nanoTime() - began) / 1e9);
    }

    /** When a neighbourhood last improved the plan ({@link System#nanoTime}); {@link #NEVER} until one has. */
    long lastImprovedNanos() {
        return lastImprovedNanos;
    }

    /** One neighbourhood's time: an eighth of the search's limit, between {@link #LEAST_TIME} and {@link #MOST_TIME}, within what is left. */
    static Duration timeOfOne(Duration limit, Duration left) {
        Duration each = limit.dividedBy(8);
        each = each.compareTo(LEAST_TIME) < 0 ? LEAST_TIME : each.compareTo(MOST_TIME) > 0 ? MOST_TIME : each;
        return each.compareTo(left) > 0 ? left : each;
    }

    /** Larger after a neighbourhood proven in a third of its time, smaller after one that ran out of it. */
    private int nextSize(int size, LpResult r, Duration each) {
        if (r.provenOptimal() && r.solveSeconds() < each.toNanos() / 3e9) {
            return (int) Math.min(allDecisions(), Math.ceil(size * GROWTH));
        }
        if (r.timeLimitHit() || !r.status().hasSolution()) {
            return Math.max(model.chips().size(), (int) Math.floor(size / SHRINK));
        }
        return size;
    }

    private int allDecisions() {
        return model.sites().size() * model.chips().size() * model.quarters().size();
    }

    /**
     * A neighbourhood of about {@code size} freed server decisions: of kind 0, related sites over
     * the whole horizon (a site's whole build-out, moved between sites); of kind 1, every site over
     * a window of quarters (the timing of purchases across sites). {@link #improve} takes them in turn.
     */
    Neighbourhood pick(int kind, int size) {
        int sites = model.sites().size();
        int chips = model.chips().size();
        int quarters = model.quarters().size();
        if (kind == 0 || sites == 1) {
            int k = Math.max(1, Math.min(sites, Math.round((float) size / (chips * quarters))));
            return new Neighbourhood(relatedSites(k), 0, quarters);
        }
        int width = Math.max(1, Math.min(quarters, Math.round((float) size / (sites * chips))));
        int from = random.nextInt(quarters - width + 1);
        Set<String> all = new HashSet<>();
        model.sites().forEach(s -> all.add(s.id()));
        return new Neighbourhood(all, from, from + width);
    }

    /** A random site and the {@code k - 1} sites sharing the most of its regions (ties at random). */
    private Set<String> relatedSites(int k) {
        List<Site> sites = new ArrayList<>(model.sites());
        Site seed = sites.get(random.nextInt(sites.size()));
        Set<String> seedRegions = regionsOf.get(seed.id());
        Map<String, Double> tieBreak = new HashMap<>();
        sites.forEach(s -> tieBreak.put(s.id(), random.nextDouble()));
        sites.remove(seed);
        sites.sort(Comparator.comparingDouble((Site s) -> -overlap(seedRegions, regionsOf.get(s.id())))
                .thenComparingDouble(s -> tieBreak.get(s.id())));
        Set<String> chosen = new HashSet<>();
        chosen.add(seed.id());
        for (int i = 0; i < k - 1 && i < sites.size(); i++) {
            chosen.add(sites.get(i).id());
        }
        return chosen;
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String r : a) {
            if (b.contains(r)) {
                common++;
            }
        }
        return common / (double) (a.size() + b.size() - common);
    }

    /** The MIP over {@code n}, every purchase outside it pinned at {@code incumbent}'s. */
    LpResult solve(Plan incumbent, Neighbourhood n, Duration limit) {
        Map<Plan.SiteChipQuarter, Double> servers = new HashMap<>();
        Map<Plan.SiteQuarter, Double> mw = new HashMap<>();
        List<Quarter> quarters = model.quarters();
        for (Site site : model.sites()) {
            boolean siteFree = n.sites().contains(site.id());
            for (int q = 0; q < quarters.size(); q++) {
                if (siteFree && q >= n.from() && q < n.to()) {
                    continue;
                }
                Quarter quarter = quarters.get(q);
                for (Chip chip : model.chips()) {
                    Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), chip.id(), quarter);
                    servers.put(key, (double) serversOf(incumbent, key));
                }
                Plan.SiteQuarter sq = new Plan.SiteQuarter(site.id(), quarter);
                mw.put(sq, mwOf(incumbent, site, sq));
            }
        }
        LpOptions options = LpOptions.integer().withTimeLimit(limit).withCommitments(commitments).withFixedMw(mw)
                .withWindow(new LpWindow(n.from(), n.to(), servers));
        return PlanLinearProgram.solve(model, demand, options);
    }

    /**
     * The crossover of two plans: the MIP with every purchase (servers per site, chip and quarter;
     * MW per site and quarter) kept between the two plans' levels, so pinned where they agree, and
     * SCIP re-plans what lies between, served first, then cost, every flow re-split. Both plans lie
     * in that box: its plan serves as much as the better of them (given the time), and where one
     * serves the most but buys at any price (the MIP's served phase) and the other is cheap but
     * serves a little less (relax-and-fix, the rounded relaxation), it keeps what the cheap one
     * bought wherever that costs nothing in served volume.
     *
     * <p>{@code startOfA}: {@code a} as the planning MIP's columns (its served phase's), the box's
     * served phase's first incumbent, so it serves at least as much as {@code a} however soon its
     * time runs out; null: none. Without it, medium budget-bound v2 #1 at 300 s: both crossovers
     * on the MIP's thread ended at their limits serving less than {@code a} (docs/benchmarks.md,
     * twenty-eighth session), their time spent for nothing the planner could keep. Its served
     * phase stops, as the planning MIP's does, within half the planner's tie of its bound
     * ({@link MipCandidates#SERVED_PHASE_GAP}): from that start the bound is all it has to close,
     * and the time left is the cost phase's.
     */
    LpResult crossover(Plan a, MipStart startOfA, Plan b, Duration limit) {
        LpWindow between = WithinPurchases.box(model,
                key -> LpWindow.Range.spanning(serversOf(a, key), serversOf(b, key)),
                (site, sq) -> LpWindow.Range.spanning(mwOf(a, site, sq), mwOf(b, site, sq)));
        LpOptions options = LpOptions.integer().withTimeLimit(limit).withCommitments(commitments)
                .withWindow(between).withServedPhaseStart(startOfA)
                .withServedPhaseGap(MipCandidates.SERVED_PHASE_GAP);
        return PlanLinearProgram.solve(model, demand, options);
    }

    /** A plan's installed servers at {@code key} (none where it lists none). */
    static int serversOf(Plan plan, Plan.SiteChipQuarter key) {
        return plan.installed().getOrDefault(key, 0);
    }

    /** A plan's MW at {@code sq}: a plan leaves out MW at existing_it_mw (the contract's plan files do). */
    static double mwOf(Plan plan, Site site, Plan.SiteQuarter sq) {
        return plan.itMwBuilt().getOrDefault(sq, site.existingItMw());
    }

    /**
     * Serves more (beyond {@link Planner#SAME_SERVED} of the demand), or serves no less (up to the
     * solvers' round-off, 1e-9 of the demand) and costs less. Never "as much within the tie for
     * less": neighbourhood after neighbourhood, that would let the served volume drift down.
     */
    static boolean isBetter(LpResult candidate, LpResult incumbent) {
        double volume = Math.max(1.0, incumbent.servedInferences() + incumbent.unmetInferences());
        double more = candidate.servedInferences() - incumbent.servedInferences();
        if (more > Planner.SAME_SERVED * volume) {
            return true;
        }
        return more >= -1e-9 * volume && candidate.totalCostUsd() < incumbent.totalCostUsd() * (1 - 1e-9);
    }

    /** Per site, the regions it may serve some workload of with some chip in some quarter. */
    private static Map<String, Set<String>> regionsEachSiteMayServe(PlanningModel model) {
        Map<String, Set<String>> regions = new HashMap<>();
        for (Site s : model.sites()) {
            Set<String> reach = new HashSet<>();
            for (Region r : model.regions()) {
                if (mayServe(model, r, s)) {
                    reach.add(r.id());
                }
            }
            regions.put(s.id(), reach);
        }
        return regions;
    }

    private static boolean mayServe(PlanningModel model, Region r, Site s) {
        for (Workload w : model.workloads()) {
            for (Chip c : model.chips()) {
                for (Quarter q : model.quarters()) {
                    if (Eligibility.eligible(r, w, q, s, c)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
