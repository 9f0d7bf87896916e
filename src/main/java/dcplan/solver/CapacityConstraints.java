package dcplan.solver;

import dcplan.solver.domain.AddedServers;
import dcplan.solver.domain.BudgetYear;
import dcplan.solver.domain.CapacityClaim;
import dcplan.solver.domain.CellFact;
import dcplan.solver.domain.ChipFact;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.ServedTie;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteBuild;
import dcplan.solver.domain.SiteChip;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintJustification;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;
import org.optaplanner.core.api.score.stream.uni.UniConstraintStream;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.compose;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.max;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

/**
 * The planning model of docs/spec as constraint streams (Bavet). Hard: the spec's limits;
 * medium: unmet demand in inferences; soft: total cost in micro-dollars. Installed servers and built
 * MW are derived from the routes (the least that covers the load, never decreasing) and the
 * purchases and MW built ahead the search made (floors), so the capacity constraint (2) holds by
 * construction, in the derived stream {@link #capacity}; see
 * docs/solver.md. Every cost comes from {@code dcplan.model.UnitCosts} through the
 * route and site facts.
 */
public class CapacityConstraints implements ConstraintProvider {
    public static final String ELIGIBILITY = "Eligibility";
    public static final String POWER = "Power";
    public static final String SUPPLY = "Supply";
    public static final String BUDGET = "Budget";
    public static final String NO_OVER_SERVING = "No over-serving";
    public static final String ORDER_LEAD_TIME = "Order lead time";
    public static final String COMMITMENTS = "Commitments";
    public static final String UNMET_DEMAND = "Unmet demand";
    public static final String SERVED_TIE = "Served within the tie above the start";
    public static final String SERVER_CAPEX = "Server capex (amortised)";
    public static final String FACILITY_CAPEX = "Facility capex (amortised)";
    public static final String BUSY_ENERGY = "Energy (busy)";
    public static final String IDLE_ENERGY = "Energy (idle, added servers)";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[]{
                // hard: what makes a plan feasible
                eligibility(factory),
                power(factory),
                supply(factory),
                budget(factory),
                noOverServing(factory),
                orderLeadTime(factory),
                commitments(factory),
                // medium: serve as much as possible
                unmetDemand(factory),
                servedWithinTheTieAboveTheStart(factory),
                // soft: at the lowest cost
                serverCapex(factory),
                facilityCapex(factory),
                busyEnergy(factory),
                idleEnergy(factory),
        };
    }

    // ---- derived streams (shared by Bavet: same lambdas, same nodes) ----

    /**
     * (2) Capacity, where it holds: the servers installed beyond the existing (and a what-if's
     * held) ones at each (site, chip, quarter), E[s,c,q], are the larger of the fewest that carry
     * the routed load at target utilisation ({@code sum flow / throughput <= u * I}), as a running
     * maximum over quarters so that I never decreases, and the servers bought up to q
     * ({@link ServerPurchase}: purchases are floors, so the search can buy ahead of need). Every
     * constraint that needs I reads it from here, so no plan the search makes can break capacity.
     * Held servers are constants of the facts ({@link SiteChip#heldServers}). The MW the search
     * builds ahead ({@link PhaseBuild}, in watts) ride along, cumulative in the same way.
     */
    static UniConstraintStream<AddedServers> capacity(ConstraintFactory factory) {
        return factory.forEach(CapacityClaim.class)
                .filter(claim -> claim.claimedRoute() != null)
                .groupBy(CapacityClaim::claimedRoute, CapacityClaim::claimedQuarter,
                        compose(sumLong(CapacityClaim::claimedLoadMicroServers), sumLong(CapacityClaim::boughtServers),
                                sumLong(CapacityClaim::builtAheadWatts), Claimed::new))
                .join(QuarterSlot.class,
                        Joiners.lessThanOrEqual((route, quarter, claimed) -> quarter.index(), QuarterSlot::index))
                .groupBy((route, quarter, claimed, later) -> route, (route, quarter, claimed, later) -> later,
                        max((SiteChip route, QuarterSlot quarter, Claimed claimed, QuarterSlot later) -> claimed.load()),
                        compose(sumLong((SiteChip route, QuarterSlot quarter, Claimed claimed, QuarterSlot later) -> claimed.bought()),
                                sumLong((SiteChip route, QuarterSlot quarter, Claimed claimed, QuarterSlot later) -> claimed.aheadWatts()),
                                Bought::new))
                .groupBy((route, quarter, maxLoad, bought) -> new AddedServers(route, quarter,
                        Math.max(route.addedServersFor(maxLoad, quarter.index()), bought.servers()), bought.aheadWatts()));
    }

    /** A (route, quarter)'s routed load (micro-servers), servers bought and watts built ahead. */
    record Claimed(long load, long bought, long aheadWatts) {
    }

    /** Servers bought and watts built ahead on a route up to a quarter. */
    record Bought(long servers, long aheadWatts) {
    }

    /**
     * Per (site, quarter): watts and cash value of the servers added there, and the watts built
     * ahead by then ({@link PhaseBuild}: claimed on one route of the site, summed here).
     */
    static UniConstraintStream<SiteBuild> siteBuilds(ConstraintFactory factory) {
        return capacity(factory)
                .groupBy(a -> a.route().site(), AddedServers::quarter,
                        compose(sumLong(a -> a.added() * a.route().serverWatts()),
                                sumLong(a -> a.added() * a.route().serverPriceUsd()),
                                sumLong(AddedServers::aheadWatts), SiteSums::new))
                .map((site, quarter, sums) -> new SiteBuild(site, quarter, sums.watts(), sums.valueUsd(), sums.aheadWatts()));
    }

    /** A site's added servers' watts and value, and its watts built ahead, in one quarter. */
    record SiteSums(long watts, long valueUsd, long aheadWatts) {
    }

    // ---- hard ----

    /** Watts by which the servers' draw or the MW built exceed the site's ceiling (<= 0: none). */
    private static long powerOverWatts(SiteBuild b) {
        long floor = b.aheadWatts() > 0 ? b.builtWatts() : 0L;
        return Math.max(b.usedWatts(), floor) - b.site().maxWatts(b.quarter());
    }

    /** (1) A chunk is served only where latency, residency, export rules and throughput allow. */
    Constraint eligibility(ConstraintFactory factory) {
        return factory.forEach(DemandChunk.class)
                .filter(chunk -> !chunk.cell().isEligible(chunk.getRoute()))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, chunk -> 1_000L)
                .justifyWith((chunk, score) -> new Why(chunk.getRoute() + " may not serve " + chunk.cell()))
                .asConstraint(ELIGIBILITY);
    }

    /**
     * (3) Servers' power fits the site's IT MW: existing MW until expansion may be used (rule 3'),
     * the held MW where a what-if's commitments fix them; per kW over. The MW the search
     * builds ahead ({@link PhaseBuild}) must fit under the same ceiling (M <= max_it_mw).
     */
    Constraint power(ConstraintFactory factory) {
        return siteBuilds(factory)
                .filter(b -> powerOverWatts(b) > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, b -> ceilDiv(powerOverWatts(b), 1000))
                .justifyWith((b, score) -> new Why("power at " + b.site() + " in " + b.quarter() + ": "
                        + b.usedWatts() / 1e6 + " MW used, " + b.site().maxWatts(b.quarter()) / 1e6 + " MW at most"))
                .asConstraint(POWER);
    }

    /** (4) Servers of a chip bought in a quarter, all sites together, within its supply. */
    Constraint supply(ConstraintFactory factory) {
        return capacity(factory)
                .flattenLast(AddedServers::supplyDeltas)
                .groupBy(AddedServers.SupplyDelta::chipQuarter, sumLong(AddedServers.SupplyDelta::servers))
                .filter((chipQuarter, bought) -> bought > chipQuarter.supply())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (chipQuarter, bought) -> bought - chipQuarter.supply())
                .justifyWith((chipQuarter, bought, score) -> new Why("supply of " + chipQuarter.chip()
                        + " in quarter #" + chipQuarter.quarterIndex() + ": " + bought + " bought, "
                        + chipQuarter.supply() + " deliverable"))
                .asConstraint(SUPPLY);
    }

    /**
     * (5) Cash capex paid in a year (servers when installed, MW over their construction quarters,
     * rule 5') within its budget (less what held commitments pay); per kUSD over.
     */
    Constraint budget(ConstraintFactory factory) {
        return siteBuilds(factory)
                .flattenLast(SiteBuild::budgetDeltas)
                .groupBy(SiteBuild.BudgetDelta::year, sumLong(SiteBuild.BudgetDelta::usd))
                .filter((year, spent) -> spent > year.budgetUsd())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (year, spent) -> ceilDiv(spent - year.budgetUsd(), 1000))
                .justifyWith((year, spent, score) -> new Why("budget " + year.year() + ": " + spent
                        + " USD of capex, " + year.budgetUsd() + " USD budgeted"))
                .asConstraint(BUDGET);
    }

    /** (6) A cell's chunks never serve more than its peak (guards the chunking arithmetic). */
    Constraint noOverServing(ConstraintFactory factory) {
        return factory.forEach(DemandChunk.class)
                .groupBy(DemandChunk::cell, sumLong(chunk -> (long) Math.floor(chunk.peakIps() * 1e3)))
                .filter((cell, servedMilli) -> servedMilli > allowedMilli(cell))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (cell, servedMilli) -> servedMilli - allowedMilli(cell))
                .justifyWith((cell, servedMilli, score) -> new Why(cell + " served beyond its peak"))
                .asConstraint(NO_OVER_SERVING);
    }

    /**
     * (4') No servers added before the chip's first delivery quarter (horizon start plus
     * order_lead_quarters): an order placed before the plan cannot be assumed. Per server and
     * quarter installed too early.
     */
    Constraint orderLeadTime(ConstraintFactory factory) {
        return capacity(factory)
                .filter(a -> a.quarter().index() < a.route().firstDeliveryIndex() && a.added() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, AddedServers::added)
                .justifyWith((a, score) -> new Why(a.added() + " servers of " + a.route() + " in " + a.quarter()
                        + ", before the first delivery of " + a.route().chip()))
                .asConstraint(ORDER_LEAD_TIME);
    }

    /**
     * A what-if keeps its baseline's commitments: where they fix the installed servers (orders
     * placed before decided_until, for quarters before it plus the order lead time), no server is
     * added beyond them. Per server and quarter. (Held MW are the power ceiling there, see
     * {@link #power}.)
     */
    Constraint commitments(ConstraintFactory factory) {
        return capacity(factory)
                .filter(a -> a.quarter().index() >= a.route().firstDeliveryIndex()
                        && a.quarter().index() < a.route().fixedQuarters() && a.added() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, AddedServers::added)
                .justifyWith((a, score) -> new Why(a.added() + " servers of " + a.route() + " in " + a.quarter()
                        + " beyond the commitments held"))
                .asConstraint(COMMITMENTS);
    }

    /** A cell's peak in milli-ips, with one milli-ips per chunk of slack for rounding. */
    static long allowedMilli(CellFact cell) {
        return (long) Math.floor(cell.cell().peakIps() * 1e3) + 64;
    }

    // ---- medium ----

    /** Unmet demand volume: inferences of the chunks left unrouted. */
    Constraint unmetDemand(ConstraintFactory factory) {
        return factory.forEachIncludingNullVars(DemandChunk.class)
                .filter(chunk -> chunk.getRoute() == null)
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, DemandChunk::inferences)
                .asConstraint(UNMET_DEMAND);
    }

    /**
     * The planner's tie ({@link ServedTie}): the unmet volume given back where the plan serves more
     * than the search's start by at most the tie, so that there cost decides, as it does for the
     * planner. No tie fact (a search without a start): nothing.
     */
    Constraint servedWithinTheTieAboveTheStart(ConstraintFactory factory) {
        return factory.forEachIncludingNullVars(DemandChunk.class)
                .filter(chunk -> chunk.getRoute() == null)
                .groupBy(sumLong(DemandChunk::inferences))
                .join(ServedTie.class)
                .rewardLong(HardMediumSoftLongScore.ONE_MEDIUM, (unmet, tie) -> tie.credit(unmet))
                .asConstraint(SERVED_TIE);
    }

    // ---- soft (micro-dollars over the horizon) ----

    /** Added servers' price spread over their amortisation quarters, every quarter installed. */
    Constraint serverCapex(ConstraintFactory factory) {
        return capacity(factory)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, a -> a.route().serverCapexMicros(a.added()))
                .asConstraint(SERVER_CAPEX);
    }

    /** MW built beyond the existing (and held) ones, spread over the facility amortisation quarters. */
    Constraint facilityCapex(ConstraintFactory factory) {
        return siteBuilds(factory)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, b -> b.site().facilityMicrosPerQuarter(b.addedExpansionWatts()))
                .asConstraint(FACILITY_CAPEX);
    }

    /** Energy above idle drawn by the servers busy with each chunk's average load. */
    Constraint busyEnergy(ConstraintFactory factory) {
        return factory.forEach(DemandChunk.class)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, DemandChunk::busyEnergyMicros)
                .asConstraint(BUSY_ENERGY);
    }

    /** Idle draw of added servers (existing servers' idle draw is a constant, not scored). */
    Constraint idleEnergy(ConstraintFactory factory) {
        return capacity(factory)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, a -> a.route().idleEnergyMicros(a.added()))
                .asConstraint(IDLE_ENERGY);
    }

    static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }

    /** A sentence saying why a constraint matched, for reports. */
    public record Why(String description) implements ConstraintJustification {
    }
}
