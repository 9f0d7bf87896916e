package dcplan.solver.domain;

import dcplan.model.UnitCosts;

/**
 * A route: servers of one chip at one site. The planning value of a {@link DemandChunk}.
 * Unit costs are the contract's ({@link UnitCosts}), in USD; the score turns a whole quantity
 * times a unit cost into micro-dollars once ({@link Money#micros}), so summed penalties stay
 * within a millionth of a dollar per match of the evaluator's figures.
 *
 * <p>Version 2: {@code heldServers[q]} are servers beyond the existing ones that a what-if keeps
 * of its baseline (committed orders, cumulative); the search derives only the servers beyond
 * those ({@link #addedServersFor}), whose quarters before {@code fixedQuarters} must stay at 0:
 * there the installed servers are fixed, by the chip's order lead time (before
 * {@code firstDeliveryIndex}) or by the commitments.
 */
public final class SiteChip {
    private final SiteFact site;
    private final ChipFact chip;
    private final int existingServers;
    private final long[] heldServers;
    private final int firstDeliveryIndex;
    private final int fixedQuarters;
    private final long serverWatts;
    private final long serverPriceUsd;
    private final double serverCapexUsdPerQuarter;
    private final double idleEnergyUsdPerServerQuarter;
    private final double busyEnergyUsdPerServerQuarter;

    public SiteChip(SiteFact site, ChipFact chip, int existingServers, long[] heldServers, int firstDeliveryIndex,
                    int fixedQuarters) {
        this.site = site;
        this.chip = chip;
        this.existingServers = existingServers;
        this.heldServers = heldServers.clone();
        this.firstDeliveryIndex = firstDeliveryIndex;
        this.fixedQuarters = fixedQuarters;
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

    /** Servers beyond the existing ones held in quarter slot q (a what-if's commitments; 0 otherwise). */
    public long heldServers(int quarterIndex) {
        return heldServers[quarterIndex];
    }

    /** Rule 4': the first quarter slot in which servers of this chip may be added. */
    public int firstDeliveryIndex() {
        return firstDeliveryIndex;
    }

    /** Quarter slots 0 .. fixedQuarters-1 have their installed servers fixed (lead time, commitments). */
    public int fixedQuarters() {
        return fixedQuarters;
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
     * Servers to add in quarter slot q beyond the existing and the held ones so that
     * {@code loadMicroServers} (millionths of a server needed at target utilisation,
     * {@link DemandChunk#loadMicroServers}) fits: the least integer that covers it (hard
     * constraint 2). Whole micro-servers keep the score exact and incremental; the division by u
     * happened once, in {@code Sizing.serversNeeded}.
     */
    public long addedServersFor(long loadMicroServers, int quarterIndex) {
        long needed = Math.floorDiv(loadMicroServers + 999_999L, 1_000_000L);
        return Math.max(0L, needed - existingServers - heldServers[quarterIndex]);
    }

    @Override
    public String toString() {
        return site.id() + "/" + chip.id();
    }
}
