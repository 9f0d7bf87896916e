package dcplan.plan.evaluation;

import dcplan.model.LeadTimes;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Evaluation.BindingLimit;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The limits that bind in a plan (power, budget, supply; see {@link BindingLimit}) and, for a
 * short demand cell, the sentences saying why it is short. These explain a plan; they never
 * decide feasibility ({@link Feasibility} does).
 */
public final class BindingLimits {
    static final String NO_ELIGIBLE_SITE =
            "no eligible site: every (site, chip) fails latency, residency, an export ban or throughput";

    private BindingLimits() {
    }

    /**
     * Why a demand cell is short: its sentences, and the binding limit {@code no_eligible_site}
     * when no (site, chip) may serve it (null otherwise).
     */
    public record WhyShort(List<String> reasons, BindingLimit noEligibleSite) {
    }

    /** The power, budget and supply limits that bind, in that order. */
    public static List<BindingLimit> of(PlanArrays a, List<YearCapex> capexByYear) {
        List<BindingLimit> binding = new ArrayList<>(power(a));
        binding.addAll(budget(a.index(), capexByYear));
        binding.addAll(supply(a));
        return binding;
    }

    /** Power binds at (s, q) when servers draw there and the MW left under the ceiling hold less than the largest server. */
    static List<BindingLimit> power(PlanArrays a) {
        ModelIndex ix = a.index();
        double maxKw = 0;
        String maxKwChip = null;
        for (int c = 0; c < ix.chips(); c++) {
            if (ix.chip(c).serverKw() > maxKw) {
                maxKw = ix.chip(c).serverKw();
                maxKwChip = ix.chip(c).id();
            }
        }
        List<BindingLimit> binding = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int q = 0; q < ix.quarters(); q++) {
                Quarter quarter = ix.quarter(q);
                double used = a.usedMw(s, q);
                double ceiling = LeadTimes.maxMwIn(site, ix.model().policy(), quarter);
                double headroomKw = (ceiling - used) * 1000.0;
                if (used > 0 && headroomKw < maxKw) {
                    binding.add(new BindingLimit("power", site.id(), null, null, null, null, quarter,
                            "power at " + site.id() + " in " + quarter + ": servers draw " + human(used)
                                    + " MW of a " + human(ceiling) + " MW ceiling"
                                    + (LeadTimes.canExpandIn(site, ix.model().policy(), quarter) ? "" : " (expansion not usable until "
                                    + LeadTimes.firstExpansionQuarter(site, ix.model().policy()) + ")")
                                    + "; " + human(Math.max(0, headroomKw)) + " kW left, less than one "
                                    + maxKwChip + " server (" + human(maxKw) + " kW)"));
                }
            }
        }
        return binding;
    }

    /** The budget binds in a year when a finite budget leaves less than the cheapest server's cash. */
    static List<BindingLimit> budget(ModelIndex ix, List<YearCapex> capexByYear) {
        double minPrice = Double.POSITIVE_INFINITY;
        String minPriceChip = null;
        for (int c = 0; c < ix.chips(); c++) {
            if (UnitCosts.serverCash(ix.chip(c)) < minPrice) {
                minPrice = UnitCosts.serverCash(ix.chip(c));
                minPriceChip = ix.chip(c).id();
            }
        }
        List<BindingLimit> binding = new ArrayList<>();
        for (YearCapex y : capexByYear) {
            double left = y.budgetUsd() - y.capexUsd();
            if (Double.isFinite(y.budgetUsd()) && left < minPrice) {
                binding.add(new BindingLimit("budget", null, null, null, null, y.year(), null,
                        "budget " + y.year() + ": capex " + human(y.capexUsd()) + " of " + human(y.budgetUsd())
                                + " USD leaves " + human(Math.max(0, left))
                                + " USD, less than the cheapest server (" + minPriceChip
                                + ", " + human(minPrice) + " USD)"));
            }
        }
        return binding;
    }

    /**
     * Supply binds where a chip's finite supply is all added, or is zero (said once per run of zero
     * quarters), for the chips the plan buys: a chip the plan never adds a server of is not held
     * back by its supply (ReportThresholds: limits are reported only for what the plan uses).
     */
    static List<BindingLimit> supply(PlanArrays a) {
        ModelIndex ix = a.index();
        List<BindingLimit> binding = new ArrayList<>();
        for (int c = 0; c < ix.chips(); c++) {
            Chip chip = ix.chip(c);
            if (!bought(a, c)) {
                continue;
            }
            for (int q = 0; q < ix.quarters(); q++) {
                Quarter quarter = ix.quarter(q);
                long supply = chip.supply().in(quarter);
                if (supply == 0) {
                    // a run of zero-supply quarters is one fact, said once where it starts
                    if (q == 0 || chip.supply().in(ix.quarter(q - 1)) != 0) {
                        binding.add(new BindingLimit("supply", null, chip.id(), null, null, null, quarter,
                                "supply of " + chip.id() + ": no new servers deliverable from " + quarter));
                    }
                } else if (supply != Long.MAX_VALUE && a.addedOfChip(c, q) >= supply) {
                    binding.add(new BindingLimit("supply", null, chip.id(), null, null, null, quarter,
                            "supply of " + chip.id() + " in " + quarter + ": all " + supply
                                    + " servers deliverable were added (" + a.addedOfChip(c, q) + ")"));
                }
            }
        }
        return binding;
    }

    /** Whether the plan adds a server of chip c anywhere in the horizon. */
    private static boolean bought(PlanArrays a, int c) {
        ModelIndex ix = a.index();
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 0; q < ix.quarters(); q++) {
                if (a.added(s, c, q) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Why a cell is short: "no eligible site" when no (site, chip) may serve it, else one
     * sentence per eligible option naming the limits that keep it from serving more.
     * Adding one server of chip c at site s in quarter q is checked against: idle capacity
     * already there, the chip's order lead time (no deliveries before from + order_lead_quarters),
     * the site's power ceiling in q, the chip's supply in q and the budget of q's year (price plus
     * the cash paid in that year for any MW the server would need, whole phases where the site
     * has them). Later quarters are not checked.
     *
     * @param year the capex of the cell's year, null when the horizon has none
     */
    public static WhyShort whyShort(DemandCell d, PlanArrays a, YearCapex year) {
        ModelIndex ix = a.index();
        List<String> reasons = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                if (Eligibility.eligible(ix.region(ix.regionIndex(d.region())), ix.workload(d.workload()),
                        d.quarter(), ix.site(s), ix.chip(c))) {
                    reasons.add(ix.site(s).id() + "/" + ix.chip(c).id() + ": " + whyOptionShort(d, a, s, c, year));
                }
            }
        }
        if (reasons.isEmpty()) {
            return new WhyShort(List.of(NO_ELIGIBLE_SITE), new BindingLimit("no_eligible_site", null, null,
                    d.region(), d.workload(), null, d.quarter(),
                    d.region() + " " + d.workload() + " " + d.quarter() + ": " + NO_ELIGIBLE_SITE));
        }
        return new WhyShort(reasons, null);
    }

    /** What keeps the eligible option (s, c) from serving more of cell {@code d}, in one sentence. */
    private static String whyOptionShort(DemandCell d, PlanArrays a, int s, int c, YearCapex year) {
        Site site = a.index().site(s);
        Chip chip = a.index().chip(c);
        int q = a.index().quarterIndex(d.quarter());
        double u = a.index().model().policy().targetUtilization();
        double idleIps = (Sizing.capacity(u, a.installed(s, c, q)) - a.busyAtPeak(s, c, q)) * chip.throughput(d.workload());
        // spare capacity counts when it is more than round-off of the cell's peak
        if (idleIps > Sizing.ABS_TOL + Sizing.REL_TOL * d.peakIps()) {
            return "spare capacity for " + human(idleIps) + " ips left unused (no limit binds; the plan is not optimal)";
        }
        List<String> limits = new ArrayList<>();
        if (!LeadTimes.canAddServersIn(chip, a.index().model().policy(), d.quarter())) {
            limits.add("order lead time of " + chip.id() + " (no deliveries before "
                    + LeadTimes.firstDeliveryQuarter(chip, a.index().model().policy()) + ")");
        }
        double used = a.usedMw(s, q);
        double oneServerMw = chip.serverKw() / 1000.0;
        double ceiling = LeadTimes.maxMwIn(site, a.index().model().policy(), d.quarter());
        if (!Sizing.leq(used + oneServerMw, ceiling)) {
            limits.add("power at " + site.id() + " (" + human(used) + " of " + human(ceiling) + " MW used"
                    + (LeadTimes.canExpandIn(site, a.index().model().policy(), d.quarter()) ? ""
                    : ", expansion not usable until " + LeadTimes.firstExpansionQuarter(site, a.index().model().policy()))
                    + ")");
        }
        long supply = chip.supply().in(d.quarter());
        if (a.addedOfChip(c, q) >= supply) {
            limits.add("supply of " + chip.id() + " (" + supply + " servers in " + d.quarter() + ")");
        }
        if (year != null && Double.isFinite(year.budgetUsd())) {
            double extraMw = Math.max(0, used + oneServerMw - a.built(s, q));
            if (extraMw > 0 && site.phaseMw() != null) {
                extraMw = Sizing.fewestMw((used + oneServerMw) * 1000.0, site, a.built(s, q)) - a.built(s, q);
            }
            double need = UnitCosts.serverCash(chip) + facilityCashInYear(site, extraMw, d.quarter(), year.year());
            if (!Sizing.leq(year.capexUsd() + need, year.budgetUsd())) {
                limits.add("budget " + year.year() + " (" + human(Math.max(0, year.budgetUsd() - year.capexUsd()))
                        + " USD left, one more server needs " + human(need) + ")");
            }
        }
        return limits.isEmpty()
                ? "no limit binds in " + d.quarter() + ": more servers could be added (the plan is not optimal)"
                : String.join("; ", limits);
    }

    /** The part of the cash of {@code mw} usable from {@code ready} paid in {@code year} (rule 5'). */
    private static double facilityCashInYear(Site site, double mw, Quarter ready, int year) {
        double cash = 0;
        for (UnitCosts.CashPart part : UnitCosts.facilityCashSchedule(site, mw, ready)) {
            if (part.quarter().year() == year) {
                cash += part.usd();
            }
        }
        return cash;
    }

    /** A readable number for sentences (tables and violations use full precision). */
    static String human(double x) {
        if (Double.isInfinite(x) || Double.isNaN(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) x);
        }
        if (Math.abs(x) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
