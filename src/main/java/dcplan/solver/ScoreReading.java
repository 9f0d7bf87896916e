package dcplan.solver;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.Money;
import dcplan.solver.domain.QuarterSlot;
import dcplan.solver.domain.ServedTie;
import dcplan.solver.domain.SiteChip;
import dcplan.solver.domain.SiteFact;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Reads a score as planners' figures while the solver runs: the soft score is the cost that
 * depends on the plan, in micro-dollars, to which the constants are added (the idle draw of
 * existing servers; a what-if's held servers and MW); the medium score is the unmet volume, less
 * the served-first tie's credit ({@link ServedTie}), which is taken back out here. Figures are
 * approximate (the final ones come from the plan files), but good enough for a progress line.
 */
public final class ScoreReading {
    private final double totalInferences;
    private final double constantCostUsd;
    /** Read at each score: the planner seeds each search with its own start, and so its own tie. */
    private final CapacityPlan problem;

    public ScoreReading(CapacityPlan problem) {
        this.problem = problem;
        double total = 0;
        for (DemandChunk chunk : problem.getChunks()) {
            total += chunk.inferences();
        }
        this.totalInferences = total;
        double constant = 0;
        for (SiteChip route : problem.getRoutes()) {
            constant += route.existingServers() * route.idleEnergyUsdPerServerQuarter() * problem.getQuarters().size();
            for (QuarterSlot q : problem.getQuarters()) {
                long held = route.heldServers(q.index());
                constant += Money.usd(route.serverCapexMicros(held) + route.idleEnergyMicros(held));
            }
        }
        for (SiteFact site : problem.getSites()) {
            for (QuarterSlot q : problem.getQuarters()) {
                constant += Money.usd(site.facilityMicrosPerQuarter(site.heldExpansionWatts(q)));
            }
        }
        this.constantCostUsd = constant;
    }

    public double costUsd(HardMediumSoftLongScore score) {
        return Money.usd(-score.softScore()) + constantCostUsd;
    }

    public double servedInferences(HardMediumSoftLongScore score) {
        return totalInferences - unmetInferences(score);
    }

    /** The unmet volume behind the medium score, the served-first tie taken out ({@link ServedTie#unmetOf}). */
    private double unmetInferences(HardMediumSoftLongScore score) {
        ServedTie tie = problem.getServedTie();
        return tie == null ? -score.mediumScore() : tie.unmetOf(-score.mediumScore());
    }

    public double usdPerMillion(HardMediumSoftLongScore score) {
        double served = servedInferences(score);
        return served > 0 ? costUsd(score) / served * 1e6 : Double.NaN;
    }

    public double unmetShare(HardMediumSoftLongScore score) {
        return totalInferences > 0 ? unmetInferences(score) / totalInferences : 0.0;
    }
}
