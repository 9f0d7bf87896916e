package dcplan.solver.domain;

/**
 * A route: servers of one chip at one site. The planning value of a {@link DemandChunk}.
 * Per-server costs are precomputed in cents so that the score is whole numbers.
 */
public final class SiteChip {
    private final SiteFact site;
    private final ChipFact chip;
    private final int existingServers;
    private final long serverWatts;
    private final long serverPriceUsd;
    private final long capexCentsPerServerQuarter;
    private final long idleEnergyCentsPerServerQuarter;
    private final double busyEnergyCentsPerServerQuarter;

    public SiteChip(SiteFact site, ChipFact chip, int existingServers, int amortizationQuarters) {
        this.site = site;
        this.chip = chip;
        this.existingServers = existingServers;
        double kw = chip.chip().serverKw();
        this.serverWatts = Math.round(kw * 1000.0);
        this.serverPriceUsd = Math.round(chip.chip().serverPriceUsd());
        this.capexCentsPerServerQuarter = Math.round(chip.chip().serverPriceUsd() * 100.0 / amortizationQuarters);
        double energyCentsPerServerQuarter = kw * site.site().energyUsdPerKwQuarter() * 100.0;
        this.idleEnergyCentsPerServerQuarter = Math.round(chip.chip().idleFraction() * energyCentsPerServerQuarter);
        this.busyEnergyCentsPerServerQuarter = (1.0 - chip.chip().idleFraction()) * energyCentsPerServerQuarter;
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

    public long serverPriceUsd() {
        return serverPriceUsd;
    }

    public long capexCentsPerServerQuarter() {
        return capexCentsPerServerQuarter;
    }

    public long idleEnergyCentsPerServerQuarter() {
        return idleEnergyCentsPerServerQuarter;
    }

    /** Energy cost above idle of one fully busy server for one quarter, in cents. */
    public double busyEnergyCentsPerServerQuarter() {
        return busyEnergyCentsPerServerQuarter;
    }

    /**
     * Servers to add beyond the existing ones so that {@code loadMicroServers} (millionths of a
     * server at target utilisation) fits: the least integer that covers it (hard constraint 2).
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
