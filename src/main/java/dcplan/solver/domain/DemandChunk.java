package dcplan.solver.domain;

import dcplan.model.Quarter;
import dcplan.plan.Sizing;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

import java.util.List;

/**
 * A share of one demand cell's peak ips, routed to one (site, chip) or left unmet (null).
 * A cell is split into equal chunks so that it can be spread over several routes; the final
 * flows are polished by an LP (see docs/solver.md).
 */
@PlanningEntity
public class DemandChunk implements CapacityClaim {
    @PlanningId
    private Long id;
    private CellFact cell;
    private double peakIps;
    private double avgIps;

    @PlanningVariable(valueRangeProviderRefs = "eligibleRoutes", nullable = true)
    private SiteChip route;

    public DemandChunk() {
        // for OptaPlanner's cloning
    }

    public DemandChunk(long id, CellFact cell, double peakIps, double avgIps) {
        this.id = id;
        this.cell = cell;
        this.peakIps = peakIps;
        this.avgIps = avgIps;
    }

    @ValueRangeProvider(id = "eligibleRoutes")
    public List<SiteChip> eligibleRoutes() {
        return cell.eligibleRoutes();
    }

    public Long getId() {
        return id;
    }

    public CellFact cell() {
        return cell;
    }

    public QuarterSlot quarter() {
        return cell.quarter();
    }

    public double peakIps() {
        return peakIps;
    }

    public double avgIps() {
        return avgIps;
    }

    public SiteChip getRoute() {
        return route;
    }

    public void setRoute(SiteChip route) {
        this.route = route;
    }

    /**
     * Servers this chunk needs on its route at target utilisation, in millionths of a server,
     * rounded up so that summed chunks never understate the servers needed (constraint 2).
     */
    public long loadMicroServers() {
        double busy = Sizing.busyServers(peakIps, route.chip().throughput(cell.workloadIndex()));
        return (long) Math.ceil(Sizing.serversNeeded(busy, cell.targetUtilization()) * 1e6);
    }

    /** Energy above idle of the servers busy with this chunk's average load, in micro-dollars per quarter. */
    public long busyEnergyMicros() {
        return route.busyEnergyMicros(Sizing.busyServers(avgIps, route.chip().throughput(cell.workloadIndex())));
    }

    /** Inferences this chunk would serve in its quarter (its unmet volume when unrouted). */
    public long inferences() {
        return Math.round(avgIps * Quarter.SECONDS);
    }

    @Override
    public SiteChip claimedRoute() {
        return route;
    }

    @Override
    public QuarterSlot claimedQuarter() {
        return cell.quarter();
    }

    @Override
    public long claimedLoadMicroServers() {
        return route == null ? 0L : loadMicroServers();
    }

    @Override
    public long boughtServers() {
        return 0L;
    }

    @Override
    public String toString() {
        return cell + "#" + id + "->" + route;
    }
}
