package dcplan.solver.domain;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * Whole phases of MW (contract version 2, {@code phase_mw}) that become usable at one site in one
 * quarter, beyond the held MW: a planning variable, so the search can build a phase ahead of its
 * servers (its construction cash then falls a quarter earlier, possibly in an earlier year's
 * budget). MW built by quarter q are the larger of the fewest whole phases that power the servers
 * and the held MW plus the cumulative phases added ({@link SiteBuild#expansionWatts}): a phase is
 * a floor, like a {@link ServerPurchase}, so a chunk moved onto the site still derives the MW it
 * needs without a phase move first. Created only where MW may still be added (past the quarters
 * lead times and commitments fix) and the site's ceiling leaves room for a phase.
 *
 * <p>It enters the score's one stream of claims ({@link CapacityClaim}: Bavet has no union of
 * streams) as a claim on the site's first usable route ({@code anchor}), with no load and no
 * servers: the anchor only carries the phases into the per-site sums, and makes every quarter
 * from this one on appear in them, even where no server is added at the site.
 */
@PlanningEntity
public class PhaseBuild implements CapacityClaim, IntegerDecision {
    static final String VARIABLE = "phases";

    @PlanningId
    private Long id;
    private SiteFact site;
    private SiteChip anchor;
    private QuarterSlot quarter;
    private int maxPhases;
    /** What the construction phase loads ({@code StartingPurchases}). */
    private int startPhases;

    @PlanningVariable(valueRangeProviderRefs = "phaseRange")
    private Integer phases;

    public PhaseBuild() {
        // for OptaPlanner's cloning
    }

    public PhaseBuild(long id, SiteFact site, SiteChip anchor, QuarterSlot quarter, int maxPhases) {
        this.id = id;
        this.site = site;
        this.anchor = anchor;
        this.quarter = quarter;
        this.maxPhases = maxPhases;
        this.phases = 0;
    }

    @ValueRangeProvider(id = "phaseRange")
    public CountableValueRange<Integer> phaseRange() {
        return ValueRangeFactory.createIntValueRange(0, maxPhases + 1);
    }

    public Long getId() {
        return id;
    }

    public SiteFact site() {
        return site;
    }

    public QuarterSlot quarter() {
        return quarter;
    }

    public Integer getPhases() {
        return phases;
    }

    public void setPhases(Integer phases) {
        this.phases = phases;
    }

    public void setStartPhases(int startPhases) {
        this.startPhases = Math.max(0, Math.min(maxPhases, startPhases));
    }

    @Override
    public int value() {
        return phases == null ? 0 : phases;
    }

    @Override
    public void setValue(int value) {
        phases = value;
    }

    @Override
    public int maxValue() {
        return maxPhases;
    }

    @Override
    public int startValue() {
        return startPhases;
    }

    @Override
    public String variableName() {
        return VARIABLE;
    }

    @Override
    public SiteChip claimedRoute() {
        return anchor;
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
        return 0L;
    }

    @Override
    public long builtPhases() {
        return value();
    }

    @Override
    public String toString() {
        return site + "@" + quarter + "+" + phases + " phases";
    }
}
