package dcplan.solver.domain;

/**
 * What asks for servers of a route in a quarter: a routed {@link DemandChunk} (its load) or a
 * {@link ServerPurchase} (servers bought there, needed or not). One stream of both lets the score
 * derive the installed servers from the two at once (Bavet has no union of streams): installed
 * beyond the held ones = max(running max of the routed need, cumulative purchases).
 */
public interface CapacityClaim {

    /** The route claimed, or null (an unrouted chunk claims nothing). */
    SiteChip claimedRoute();

    QuarterSlot claimedQuarter();

    /** Load in millionths of a server at target utilisation (0 for a purchase). */
    long claimedLoadMicroServers();

    /** Servers bought in this quarter beyond the need (0 for a chunk). */
    long boughtServers();
}
