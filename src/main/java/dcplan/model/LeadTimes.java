package dcplan.model;

/**
 * When capacity can first be used, given that it is committed ahead (contract version 2,
 * "Commitments and lead times"): construction takes {@code build_quarters}, orders take
 * {@code order_lead_quarters}, and nothing is assumed to have been started or ordered before the
 * horizon's first quarter. With both lead times 0 these are the version-1 rules.
 */
public final class LeadTimes {
    private LeadTimes() {
    }

    /**
     * Rule 3': the first quarter in which MW beyond the existing ones may be used,
     * {@code max(expansion_ready, from + build_quarters)}.
     */
    public static Quarter firstExpansionQuarter(Site site, Policy policy) {
        Quarter earliestBuilt = Quarter.ofOrdinal(policy.horizonFrom().ordinal() + site.buildQuarters());
        Quarter ready = site.expansionReady();
        return ready == null || ready.isBefore(earliestBuilt) ? earliestBuilt : ready;
    }

    /** Names the first expansion quarter and its cause: "expansion_ready 2026Q3" or "2027Q1 (...)". */
    public static String whyNoExpansionBefore(Site site, Policy policy) {
        Quarter first = firstExpansionQuarter(site, policy);
        return first.equals(site.expansionReady()) ? "expansion_ready " + first
                : first + " (the horizon's first quarter plus build_quarters " + site.buildQuarters() + ")";
    }

    public static boolean canExpandIn(Site site, Policy policy, Quarter q) {
        return !q.isBefore(firstExpansionQuarter(site, policy));
    }

    /** The IT MW ceiling in q: the existing MW until expansion may be used, then the usable maximum. */
    public static double maxMwIn(Site site, Policy policy, Quarter q) {
        return canExpandIn(site, policy, q) ? site.usableMaxItMw() : site.existingItMw();
    }

    /** Rule 4': the first quarter in which servers of the chip may be added, {@code from + order_lead_quarters}. */
    public static Quarter firstDeliveryQuarter(Chip chip, Policy policy) {
        return Quarter.ofOrdinal(policy.horizonFrom().ordinal() + chip.orderLeadQuarters());
    }

    public static boolean canAddServersIn(Chip chip, Policy policy, Quarter q) {
        return !q.isBefore(firstDeliveryQuarter(chip, policy));
    }

    /** The quarter in which servers installed in {@code installed} were ordered. */
    public static Quarter orderQuarter(Chip chip, Quarter installed) {
        return Quarter.ofOrdinal(installed.ordinal() - chip.orderLeadQuarters());
    }

    /** The quarter in which construction of MW usable from {@code ready} started. */
    public static Quarter constructionStart(Site site, Quarter ready) {
        return Quarter.ofOrdinal(ready.ordinal() - site.buildQuarters());
    }
}
