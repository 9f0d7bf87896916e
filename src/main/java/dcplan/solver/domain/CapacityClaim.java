package dcplan.solver.domain;

/**
 * What asks for servers of a route in a quarter: a routed {@link DemandChunk} (its load), a
 * {@link ServerPurchase} (servers bought there, needed or not) or a {@link PhaseBuild} (MW built
 * ahead at the route's site). One stream of all lets the score derive the installed servers and MW
 * from them at once (Bavet has no union of streams): installed beyond the held ones = max(running
 * max of the routed need, cumulative purchases); MW beyond the held ones = max(fewest (whole phases
 * of) MW powering the servers, cumulative MW built ahead).
 */
public interface CapacityClaim {

    /** The route claimed, or null (an unrouted chunk claims nothing). */
    SiteChip claimedRoute();

    QuarterSlot claimedQuarter();

    /** Load in millionths of a server at target utilisation (0 for a purchase). */
    long claimedLoadMicroServers();

    /** Servers bought in this quarter beyond the need (0 for a chunk). */
    long boughtServers();

    /** Watts of MW built ahead, usable from this quarter at the route's site (0 but for a {@link PhaseBuild}). */
    default long builtAheadWatts() {
        return 0L;
    }
}
