package dcplan.solver.domain;

import dcplan.model.UnitCosts;

/**
 * A route: servers of one chip at one site. The planning value of a {@link DemandChunk}.
 * Unit costs are the contract's ({@link UnitCosts}), in USD; the score turns a whole quantity
 * times a unit cost into micro-dollars once ({@link Money#micros}), so summed penalties stay
 * within a millionth of a dollar per match of the evaluator's figures.
 */
public final class SiteChip {
    private final SiteFact site;
    private final ChipFact chip;
    private final int existingServers;
    private final long serverWatts;
    private final long serverPriceUsd;
    private final double serverCapexUsdPerQuarter;
    private final double idleEnergyUsdPerServerQuarter;
    private final double busyEnergyUsdPerServerQuarter;

    public SiteChip(SiteFact site, ChipFact chip, int existingServers) {
        this.site = site;
        this.chip = chip;
        this.existingServers = existingServers;
        this.serverWatts = Math.round(chip.chip().serverKw() * 1000.0);
        this.serverPriceUsd = Math.round(UnitCosts.serverCash(chip.chip()));
        this.serverCapexUsdPerQuarter = UnitCosts.serverCapexPerServerQuarter(chip.chip());
        this.idleEnergyUsdPerServerQuarter = UnitCosts.idleEnergyPerServerQuarter(site.site(), chip.chip());
        this.busyEnergyUsdPerServerQuarter = UnitCosts.busyEnergyPerServerQuarter(site.site(), chip.chip());
    }

    public SiteFact site() {
        return site;
    }

    public ChipFact chip() {
        return chip;
    }

    public int existingServers() {
        return existingServers;
    }

    public long serverWatts() {
        return serverWatts;
    }

    /** Cash price of one server in whole USD, for the budget. */
    public long serverPriceUsd() {
        return serverPriceUsd;
    }

    /** Amortised capex of {@code servers} added servers for one quarter, in micro-dollars. */
    public long serverCapexMicros(long servers) {
        return Money.micros(servers * serverCapexUsdPerQuarter);
    }

    /** Idle draw of {@code servers} servers for one quarter, in micro-dollars. */
    public long idleEnergyMicros(long servers) {
        return Money.micros(servers * idleEnergyUsdPerServerQuarter);
    }

    /** Idle draw of one server for one quarter, in USD. */
    public double idleEnergyUsdPerServerQuarter() {
        return idleEnergyUsdPerServerQuarter;
    }

    /** Draw above idle of {@code busyServers} fully busy servers for one quarter, in micro-dollars. */
    public long busyEnergyMicros(double busyServers) {
        return Money.micros(busyServers * busyEnergyUsdPerServerQuarter);
    }

    /**
     * Servers to add beyond the existing ones so that {@code loadMicroServers} (millionths of a
     * server needed at target utilisation, {@link DemandChunk#loadMicroServers}) fits: the least
     * integer that covers it (hard constraint 2). Whole micro-servers keep the score exact and
     * incremental; the division by u happened once, in {@code Sizing.serversNeeded}.
     */
    public long addedServersFor(long loadMicroServers) {
        long needed = Math.floorDiv(loadMicroServers + 999_999L, 1_000_000L);
        return Math.max(0L, needed - existingServers);
    }

    @Override
    public String toString() {
        return site.id() + "/" + chip.id();
    }
}
