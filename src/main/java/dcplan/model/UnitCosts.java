package dcplan.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Every cost and cash figure of the contract per unit, in USD: the one place where the
 * objective's terms and the budget's cash are written. The score (in cents), the LP (in millions),
 * the evaluator and the repairs all call these; none spells out a formula of its own.
 *
 * <p>Objective, per quarter of the horizon (contract, "Objective"):
 * <ul>
 *   <li>server capex amortised: {@code (I - existing_servers) * server_price_usd / amortization_quarters};</li>
 *   <li>facility capex amortised: {@code (M - existing_it_mw) * expansion_usd_per_mw / facility_amortization_quarters};</li>
 *   <li>energy: {@code (idle_fraction * I + (1 - idle_fraction) * busy) * server_kw / 1000 * pue * 2190 * electricity_usd_per_mwh}.</li>
 * </ul>
 * Cash (constraint 5, rule 5'): a server is paid its price in the quarter it is installed; a MW
 * of expansion costs its {@code expansion_usd_per_mw}, paid in equal parts over the quarters it
 * is built in ({@link #facilityCashSchedule}).
 */
public final class UnitCosts {
    private UnitCosts() {
    }

    // ---- per unit

    /** Amortised capex of one server added beyond the existing ones, per quarter installed. */
    public static double serverCapexPerServerQuarter(Chip chip) {
        return chip.serverPriceUsd() / chip.amortizationQuarters();
    }

    /** Amortised capex of one MW built beyond the existing MW, per quarter. */
    public static double facilityCapexPerMwQuarter(Site site, Policy policy) {
        return site.expansionUsdPerMw() / policy.facilityAmortizationQuarters();
    }

    /** Energy of one kW drawn at the server for one quarter: PUE times price, over 2190 hours. */
    public static double energyPerKwQuarter(Site site) {
        return site.pue() * Quarter.HOURS * site.electricityUsdPerMwh() / 1000.0;
    }

    /** Idle draw of one installed server for one quarter ({@code idle_fraction} of full load). */
    public static double idleEnergyPerServerQuarter(Site site, Chip chip) {
        return chip.idleFraction() * chip.serverKw() * energyPerKwQuarter(site);
    }

    /** Draw above idle of one fully busy server for one quarter ({@code 1 - idle_fraction} of full load). */
    public static double busyEnergyPerServerQuarter(Site site, Chip chip) {
        return (1 - chip.idleFraction()) * chip.serverKw() * energyPerKwQuarter(site);
    }

    /** What an installed server costs per quarter whatever it serves: amortised capex plus idle draw. */
    public static double installedServerPerQuarter(Site site, Chip chip) {
        return serverCapexPerServerQuarter(chip) + idleEnergyPerServerQuarter(site, chip);
    }

    /** Cash paid for one server, in the quarter it is installed. */
    public static double serverCash(Chip chip) {
        return chip.serverPriceUsd();
    }

    /** Cash paid for one MW of expansion. */
    public static double facilityCashPerMw(Site site) {
        return site.expansionUsdPerMw();
    }

    // ---- the three terms of one quarter

    /** Server capex amortised of (s, c, q) with {@code installed} servers there. */
    public static double serverCapex(Site site, Chip chip, double installed) {
        return (installed - site.existingServers(chip.id())) * serverCapexPerServerQuarter(chip);
    }

    /** Facility capex amortised of (s, q) with {@code builtMw} MW built there. */
    public static double facilityCapex(Site site, Policy policy, double builtMw) {
        return (builtMw - site.existingItMw()) * facilityCapexPerMwQuarter(site, policy);
    }

    /**
     * Energy of (s, c, q): {@code installed} servers idle-draw, and {@code busyServers}
     * ({@code sum flow_avg / throughput}) draw above idle.
     */
    public static double energy(Site site, Chip chip, double installed, double busyServers) {
        return installed * idleEnergyPerServerQuarter(site, chip) + busyServers * busyEnergyPerServerQuarter(site, chip);
    }

    /** Cash of a quarter at (s, c): servers added times price. */
    public static double serverCashFor(Chip chip, double added) {
        return added * serverCash(chip);
    }

    /** Cash of an expansion of {@code addedMw} at a site: its whole cost, whenever it is paid. */
    public static double facilityCashFor(Site site, double addedMw) {
        return addedMw * facilityCashPerMw(site);
    }

    /** Cash paid in one quarter. */
    public record CashPart(Quarter quarter, double usd) {
    }

    /**
     * Rule 5': when the cash of a facility increment is paid. {@code addedMw} usable from
     * {@code ready} at a site with {@code build_quarters} {@code L} is paid in {@code L} equal parts
     * of {@code facilityCashFor(site, addedMw) / L}, in quarters {@code ready - L ... ready - 1}
     * (construction start first, as {@link LeadTimes#constructionStart}); with {@code L = 0} in one
     * part, in {@code ready} itself, equal to {@link #facilityCashFor} (so version-1 cash is
     * unchanged to the last bit). Quarters may lie before the horizon: callers decide what that
     * means (rule 3' forbids it).
     */
    public static List<CashPart> facilityCashSchedule(Site site, double addedMw, Quarter ready) {
        double whole = facilityCashFor(site, addedMw);
        int l = site.buildQuarters();
        if (l == 0) {
            return List.of(new CashPart(ready, whole));
        }
        List<CashPart> parts = new ArrayList<>(l);
        Quarter start = LeadTimes.constructionStart(site, ready);
        for (int k = 0; k < l; k++) {
            parts.add(new CashPart(Quarter.ofOrdinal(start.ordinal() + k), whole / l));
        }
        return parts;
    }
}
