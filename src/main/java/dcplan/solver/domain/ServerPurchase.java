package dcplan.solver.domain;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * Servers of one route bought in one quarter, beyond the existing and the held ones: a planning
 * variable, so the search can buy ahead of need (for a later quarter's supply or budget). The
 * installed servers are the larger of the routed need and the cumulative purchases
 * ({@code CapacityConstraints.capacity}): a purchase is a floor, and a chunk moved onto a route
 * still derives the servers it needs without a purchase move first. Created only where servers
 * may be added (from the chip's first delivery and past the commitments held), with a range up
 * to what the quarter's supply and the site's power ceiling allow.
 */
@PlanningEntity
public class ServerPurchase implements CapacityClaim, IntegerDecision {
    static final String VARIABLE = "servers";

    @PlanningId
    private Long id;
    private SiteChip route;
    private QuarterSlot quarter;
    private int maxServers;
    /** What the construction phase loads ({@code StartingPlanLoader}). */
    private int startServers;

    @PlanningVariable(valueRangeProviderRefs = "purchaseRange")
    private Integer servers;

    public ServerPurchase() {
        // for OptaPlanner's cloning
    }

    public ServerPurchase(long id, SiteChip route, QuarterSlot quarter, int maxServers) {
        this.id = id;
        this.route = route;
        this.quarter = quarter;
        this.maxServers = maxServers;
        this.servers = 0;
    }

    @ValueRangeProvider(id = "purchaseRange")
    public CountableValueRange<Integer> purchaseRange() {
        return ValueRangeFactory.createIntValueRange(0, maxServers + 1);
    }

    public Long getId() {
        return id;
    }

    public SiteChip route() {
        return route;
    }

    public QuarterSlot quarter() {
        return quarter;
    }

    public int maxServers() {
        return maxServers;
    }

    public Integer getServers() {
        return servers;
    }

    public void setServers(Integer servers) {
        this.servers = servers;
    }

    public int startServers() {
        return startServers;
    }

    public void setStartServers(int startServers) {
        this.startServers = Math.max(0, Math.min(maxServers, startServers));
    }

    @Override
    public int value() {
        return servers == null ? 0 : servers;
    }

    @Override
    public void setValue(int value) {
        servers = value;
    }

    @Override
    public int maxValue() {
        return maxServers;
    }

    @Override
    public int startValue() {
        return startServers;
    }

    @Override
    public String variableName() {
        return VARIABLE;
    }

    @Override
    public SiteChip claimedRoute() {
        return route;
    }

    @Override
    public QuarterSlot claimedQuarter() {
        return quarter;
    }

    @Override
    public long claimedLoadMicroServers() {
        return 0L;
    }

    @Override
    public long boughtServers() {
        return servers == null ? 0L : servers;
    }

    @Override
    public String toString() {
        return route + "@" + quarter + "+" + servers;
    }
}
