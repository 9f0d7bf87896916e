package dcplan.solver.lp;

/**
 * Total cost over the horizon in USD, split in the spec's three terms (objective level 2).
 * Constant terms are included: idle energy of existing servers that no flow can use, and
 * facility MW forced by existing servers, so the total is comparable to a full plan's cost.
 */
public record CostBreakdown(double serverCapexAmortizedUsd, double facilityCapexAmortizedUsd, double energyUsd) {

    public double totalUsd() {
        return serverCapexAmortizedUsd + facilityCapexAmortizedUsd + energyUsd;
    }
}
