package dcplan.solver.domain;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * MW built ahead of the servers at one site, usable from one quarter, beyond the held MW: a
 * planning variable, so the search can build MW before its servers need them (their cash then
 * falls in an earlier quarter, possibly in an earlier year's budget). At a site with phases
 * (contract version 2, {@code phase_mw}) the value counts whole phases; at a site whose MW are
 * continuous it counts watts ({@link #unitWatts} 1), which is how a start that built MW ahead in
 * a year with budget to spare (relax-and-fix's plans do) is read at its cost: derived from the
 * servers alone, its MW would move that cash into the year the servers arrive. MW built by
 * quarter q are the larger of the fewest (whole phases of) MW that power the servers and the held
 * MW plus the cumulative MW built ahead ({@link SiteBuild#expansionWatts}): a floor, like a
 * {@link ServerPurchase}, so a chunk moved onto the site still derives the MW it needs without a
 * move here first. Created only where MW may still be added (past the quarters lead times and
 * commitments fix) and the site's ceiling leaves room; at continuous sites only where a year's
 * budget is finite (ahead of need, MW only ever pay for moving cash into another year).
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
    /** Watts per unit of the value: a phase's, or 1 at a site whose MW are continuous. */
    private long unitWatts;
    /** What the construction phase loads ({@code StartingPurchases}). */
    private int startPhases;

    @PlanningVariable(valueRangeProviderRefs = "phaseRange")
    private Integer phases;

    public PhaseBuild() {
        // for OptaPlanner's cloning
    }

    /** {@code maxPhases}: the most units the ceiling leaves room for; {@code unitWatts}: see {@link #unitWatts()}. */
    public PhaseBuild(long id, SiteFact site, SiteChip anchor, QuarterSlot quarter, int maxPhases, long unitWatts) {
        this.id = id;
        this.site = site;
        this.anchor = anchor;
        this.quarter = quarter;
        this.maxPhases = maxPhases;
        this.unitWatts = unitWatts;
        this.phases = 0;
    }

    /** Watts per unit of the value: the site's phase, or 1 where its MW are continuous. */
    public long unitWatts() {
        return unitWatts;
    }

    /**
     * The units a move builds, drops or shifts at once: a phase, or {@link #CONTINUOUS_STEP_WATTS}
     * at a site whose MW are continuous (a watt at a time would never move a budget's cash).
     */
    public int stepUnits() {
        return phased() ? 1 : (int) (CONTINUOUS_STEP_WATTS / unitWatts);
    }

    /** Whether the value counts whole phases (the site has {@code phase_mw}), not watts. */
    private boolean phased() {
        return site.phaseWatts() > 0;
    }

    /** A move's step at a site whose MW are continuous: 1 MW. */
    public static final long CONTINUOUS_STEP_WATTS = 1_000_000L;

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
    public long builtAheadWatts() {
        return value() * unitWatts;
    }

    @Override
    public String toString() {
        return site + "@" + quarter + "+" + phases + (phased() ? " phases" : " W");
    }
}
