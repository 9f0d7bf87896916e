package dcplan.hedge.domain;

import dcplan.model.Quarter;
import dcplan.solver.domain.IntegerDecision;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * One shared commitment before the decision quarter, the planning entity of the commitment
 * search: the servers of a chip ordered at a site for a quarter ({@code added[s,c,q]}), or the
 * whole phases a site starts building for a quarter ({@code dM[s,q]} in units of its phase MW).
 * The amount is a whole number either way: the futures share what is bought, and what is bought
 * comes in whole servers and whole phases.
 */
@PlanningEntity
public class HeldAmount implements IntegerDecision {
    /** What the amount counts. */
    public enum Kind { SERVERS, PHASES }

    @PlanningId
    private Long id;
    private Kind kind;
    private String site;
    private String chip;
    private Quarter quarter;
    private double phaseMw;
    private int max;
    private int start;

    @PlanningVariable(valueRangeProviderRefs = "heldRange")
    private Integer amount;

    public HeldAmount() {
        // for OptaPlanner's cloning
    }

    private HeldAmount(long id, Kind kind, String site, String chip, Quarter quarter, double phaseMw, int amount, int max) {
        this.id = id;
        this.kind = kind;
        this.site = site;
        this.chip = chip;
        this.quarter = quarter;
        this.phaseMw = phaseMw;
        this.amount = amount;
        this.start = amount;
        this.max = Math.max(max, amount);
    }

    /** Servers of {@code chip} at {@code site} added in {@code quarter}, starting at {@code amount}. */
    public static HeldAmount servers(long id, String site, String chip, Quarter quarter, int amount, int max) {
        return new HeldAmount(id, Kind.SERVERS, site, chip, quarter, 0, amount, max);
    }

    /** Whole phases of {@code phaseMw} usable at {@code site} from {@code quarter}, starting at {@code amount}. */
    public static HeldAmount phases(long id, String site, Quarter quarter, double phaseMw, int amount, int max) {
        return new HeldAmount(id, Kind.PHASES, site, null, quarter, phaseMw, amount, max);
    }

    @ValueRangeProvider(id = "heldRange")
    public CountableValueRange<Integer> heldRange() {
        return ValueRangeFactory.createIntValueRange(0, max + 1);
    }

    public Long getId() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String site() {
        return site;
    }

    /** The chip for servers; null for phases. */
    public String chip() {
        return chip;
    }

    public Quarter quarter() {
        return quarter;
    }

    public double phaseMw() {
        return phaseMw;
    }

    public int max() {
        return max;
    }

    public Integer getAmount() {
        return amount;
    }

    public void setAmount(Integer amount) {
        this.amount = amount;
    }

    /** The amount, 0 when unset. */
    public int amount() {
        return amount == null ? 0 : amount;
    }

    @Override
    public int value() {
        return amount();
    }

    @Override
    public void setValue(int value) {
        this.amount = value;
    }

    @Override
    public int maxValue() {
        return max;
    }

    /** The amount it was made with (the search's start). */
    @Override
    public int startValue() {
        return start;
    }

    @Override
    public String variableName() {
        return "amount";
    }

    /** Whether {@code other} is the same kind of commitment at the same site (and chip), so amounts may move between them. */
    public boolean sameLine(HeldAmount other) {
        return kind == other.kind && site.equals(other.site) && java.util.Objects.equals(chip, other.chip);
    }

    @Override
    public String toString() {
        return kind == Kind.SERVERS ? site + "/" + chip + "/" + quarter + "=" + amount : site + "/" + quarter + "=" + amount + " phases";
    }
}
