package dcplan.solver.domain;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.util.ArrayList;
import java.util.List;

/**
 * The search's view of a plan: demand chunks routed to (site, chip) pairs, servers bought per
 * (route, quarter) and whole phases of MW built per (site, quarter). Installed servers are the
 * larger of the routed need (the least that covers the load, never decreasing over quarters) and
 * the cumulative purchases; built MW the larger of the fewest whole phases that power them and
 * the cumulative phases built (see docs/solver.md).
 */
@PlanningSolution
public class CapacityPlan {
    @ProblemFactCollectionProperty
    private List<QuarterSlot> quarters;
    @ProblemFactCollectionProperty
    private List<BudgetYear> years;
    @ProblemFactCollectionProperty
    private List<SiteFact> sites;
    @ProblemFactCollectionProperty
    private List<ChipFact> chips;
    @ProblemFactCollectionProperty
    private List<SiteChip> routes;
    @ProblemFactCollectionProperty
    private List<CellFact> cells;
    @PlanningEntityCollectionProperty
    private List<DemandChunk> chunks;
    @PlanningEntityCollectionProperty
    private List<ServerPurchase> purchases;
    @PlanningEntityCollectionProperty
    private List<PhaseBuild> phaseBuilds;
    /** The planner's served-first tie around the search's start; null: none (no start). */
    @ProblemFactProperty
    private ServedTie servedTie;
    @PlanningScore
    private HardMediumSoftLongScore score;

    public CapacityPlan() {
        // for OptaPlanner's cloning
    }

    public CapacityPlan(List<QuarterSlot> quarters, List<BudgetYear> years, List<SiteFact> sites,
                        List<ChipFact> chips, List<SiteChip> routes, List<CellFact> cells,
                        List<DemandChunk> chunks) {
        this(quarters, years, sites, chips, routes, cells, chunks, new ArrayList<>());
    }

    public CapacityPlan(List<QuarterSlot> quarters, List<BudgetYear> years, List<SiteFact> sites,
                        List<ChipFact> chips, List<SiteChip> routes, List<CellFact> cells,
                        List<DemandChunk> chunks, List<ServerPurchase> purchases) {
        this(quarters, years, sites, chips, routes, cells, chunks, purchases, new ArrayList<>());
    }

    public CapacityPlan(List<QuarterSlot> quarters, List<BudgetYear> years, List<SiteFact> sites,
                        List<ChipFact> chips, List<SiteChip> routes, List<CellFact> cells,
                        List<DemandChunk> chunks, List<ServerPurchase> purchases, List<PhaseBuild> phaseBuilds) {
        this.purchases = purchases;
        this.phaseBuilds = phaseBuilds;
        this.quarters = quarters;
        this.years = years;
        this.sites = sites;
        this.chips = chips;
        this.routes = routes;
        this.cells = cells;
        this.chunks = chunks;
    }

    public List<QuarterSlot> getQuarters() {
        return quarters;
    }

    public List<BudgetYear> getYears() {
        return years;
    }

    public List<SiteFact> getSites() {
        return sites;
    }

    public List<ChipFact> getChips() {
        return chips;
    }

    public List<SiteChip> getRoutes() {
        return routes;
    }

    public List<CellFact> getCells() {
        return cells;
    }

    public List<DemandChunk> getChunks() {
        return chunks;
    }

    /** Servers bought per (route, quarter) beyond the need: the search's capex decisions. */
    public List<ServerPurchase> getPurchases() {
        return purchases;
    }

    /** Whole phases of MW made usable per (site, quarter) beyond the need: the search's MW decisions. */
    public List<PhaseBuild> getPhaseBuilds() {
        return phaseBuilds;
    }

    public ServedTie getServedTie() {
        return servedTie;
    }

    /** Set with the start the search is seeded from, before solving (a problem fact). */
    public void setServedTie(ServedTie servedTie) {
        this.servedTie = servedTie;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
