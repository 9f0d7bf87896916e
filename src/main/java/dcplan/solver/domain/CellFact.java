package dcplan.solver.domain;

import dcplan.model.DemandCell;

import java.util.List;
import java.util.Set;

/**
 * One demand cell (region, workload, quarter) and the routes eligible to serve it (hard
 * constraint 1 is decided here, once, from the model).
 */
public final class CellFact {
    private final int index;
    private final DemandCell cell;
    private final int workloadIndex;
    private final QuarterSlot quarter;
    private final List<SiteChip> eligibleRoutes;
    private final Set<SiteChip> eligibleSet;
    private final double targetUtilization;

    public CellFact(int index, DemandCell cell, int workloadIndex, QuarterSlot quarter,
                    List<SiteChip> eligibleRoutes, double targetUtilization) {
        this.index = index;
        this.cell = cell;
        this.workloadIndex = workloadIndex;
        this.quarter = quarter;
        this.eligibleRoutes = List.copyOf(eligibleRoutes);
        this.eligibleSet = Set.copyOf(eligibleRoutes);
        this.targetUtilization = targetUtilization;
    }

    public int index() {
        return index;
    }

    public DemandCell cell() {
        return cell;
    }

    public int workloadIndex() {
        return workloadIndex;
    }

    public QuarterSlot quarter() {
        return quarter;
    }

    public List<SiteChip> eligibleRoutes() {
        return eligibleRoutes;
    }

    public boolean isEligible(SiteChip route) {
        return eligibleSet.contains(route);
    }

    public double targetUtilization() {
        return targetUtilization;
    }

    @Override
    public String toString() {
        return cell.region() + "/" + cell.workload() + "/" + cell.quarter();
    }
}
