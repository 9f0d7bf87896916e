package dcplan.plan.evaluation;

import dcplan.model.Chip;
import dcplan.model.LeadTimes;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation.YearCapex;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;
import dcplan.plan.evaluation.ModelIndex.CellKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard constraints of the contract (shared/spec/planning-model.md, "Hard constraints" and
 * version 2's "Commitments and lead times"), one method each, plus the structural rules on the
 * plan's keys, flows, {@code I} and {@code M}. Each returns one line per violation, empty when
 * the rule holds. Without the version-2 fields the version-2 rules never fire.
 *
 * <p>Tolerances ({@link Sizing#leq}): float round-off in flows, MW and money is not a
 * violation; integer quantities (servers, supply) are compared exactly. Eligibility is strict:
 * any flow {@code > 0} at an ineligible option is a violation.
 */
public final class Feasibility {
    public static final String UNKNOWN_KEYS = "unknown_keys";
    public static final String FLOW_NON_NEGATIVE = "flow_non_negative";
    public static final String ELIGIBILITY = "eligibility";
    public static final String CAPACITY = "capacity";
    public static final String POWER = "power";
    public static final String PHASES = "phases";
    public static final String SUPPLY = "supply";
    public static final String ORDER_LEAD_TIME = "order_lead_time";
    public static final String BUDGET = "budget";
    public static final String NO_OVER_SERVING = "no_over_serving";
    public static final String INSTALLED_AT_LEAST_EXISTING = "installed_at_least_existing";
    public static final String INSTALLED_NON_DECREASING = "installed_non_decreasing";
    public static final String IT_MW_AT_LEAST_EXISTING = "it_mw_at_least_existing";
    public static final String IT_MW_NON_DECREASING = "it_mw_non_decreasing";
    public static final String COMMITMENTS = "commitments";

    /** Violation groups, in report order. */
    public static final List<String> CONSTRAINTS = List.of(
            UNKNOWN_KEYS, FLOW_NON_NEGATIVE, ELIGIBILITY, CAPACITY, POWER, PHASES, SUPPLY, ORDER_LEAD_TIME, BUDGET,
            NO_OVER_SERVING, INSTALLED_AT_LEAST_EXISTING, INSTALLED_NON_DECREASING,
            IT_MW_AT_LEAST_EXISTING, IT_MW_NON_DECREASING, COMMITMENTS);

    private Feasibility() {
    }

    /** As {@link #violations(Plan, PlanArrays, List, Commitments)} for a plan made with nothing committed. */
    public static Map<String, List<String>> violations(Plan plan, PlanArrays a, List<YearCapex> capexByYear) {
        return violations(plan, a, capexByYear, Commitments.NONE);
    }

    /**
     * Every rule's violations, keyed by the names of {@link #CONSTRAINTS}, in that order;
     * {@code commitments} is what the plan must keep of a baseline ({@link Commitments#NONE}: nothing).
     */
    public static Map<String, List<String>> violations(Plan plan, PlanArrays a, List<YearCapex> capexByYear,
                                                       Commitments commitments) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put(UNKNOWN_KEYS, unknownKeys(plan, a.index()));
        v.put(FLOW_NON_NEGATIVE, flowNonNegative(plan, a.index()));
        v.put(ELIGIBILITY, eligibility(a));
        v.put(CAPACITY, capacity(a));
        v.put(POWER, power(a));
        v.put(PHASES, phases(a));
        v.put(SUPPLY, supply(a));
        v.put(ORDER_LEAD_TIME, orderLeadTime(a));
        v.put(BUDGET, budget(capexByYear));
        v.put(NO_OVER_SERVING, noOverServing(a));
        v.put(INSTALLED_AT_LEAST_EXISTING, installedAtLeastExisting(a));
        v.put(INSTALLED_NON_DECREASING, installedNonDecreasing(a));
        v.put(IT_MW_AT_LEAST_EXISTING, itMwAtLeastExisting(a));
        v.put(IT_MW_NON_DECREASING, itMwNonDecreasing(a));
        v.put(COMMITMENTS, commitments(a, commitments));
        return v;
    }

    /**
     * Every flow, installed and MW entry names a region, workload, site and chip of the model
     * and a quarter of the horizon.
     */
    public static List<String> unknownKeys(Plan plan, ModelIndex ix) {
        List<String> lines = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            List<String> unknown = ix.unknownKeys(f);
            if (!unknown.isEmpty()) {
                lines.add(flowAt(f) + ": unknown " + String.join(", ", unknown));
            }
        }
        for (Plan.SiteChipQuarter k : plan.installed().keySet()) {
            if (!ix.knows(k)) {
                lines.add("installed " + k.site() + "/" + k.chip() + "/" + k.quarter()
                        + ": unknown site, chip or quarter outside the horizon");
            }
        }
        for (Plan.SiteQuarter k : plan.itMwBuilt().keySet()) {
            if (!ix.knows(k)) {
                lines.add("it_mw_built " + k.site() + "/" + k.quarter() + ": unknown site or quarter outside the horizon");
            }
        }
        return lines;
    }

    /** {@code flow >= 0} and finite, for every flow with known keys. */
    public static List<String> flowNonNegative(Plan plan, ModelIndex ix) {
        List<String> lines = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            if (ix.unknownKeys(f).isEmpty() && !PlanArrays.finiteNonNegative(f.peakIps())) {
                lines.add(flowAt(f) + ": flow " + f.peakIps() + " ips must be finite and >= 0");
            }
        }
        return lines;
    }

    private static String flowAt(Plan.Flow f) {
        return "flow " + f.region() + "/" + f.workload() + "/" + f.quarter() + " at " + f.site() + "/" + f.chip();
    }

    /** 1. {@code flow > 0} only where the option is eligible ({@link Eligibility}). */
    public static List<String> eligibility(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (PlanArrays.Flow f : a.flows()) {
            if (f.peakIps() > 0) {
                List<String> whyNot = Eligibility.whyNot(ix.region(f.r()), ix.workload(f.key().workload()),
                        f.key().quarter(), ix.site(f.s()), ix.chip(f.c()));
                if (!whyNot.isEmpty()) {
                    lines.add("flow " + f.key().where() + " = " + f.peakIps() + " ips but the option is not eligible: "
                            + String.join(", ", whyNot));
                }
            }
        }
        return lines;
    }

    /** 2. For each (s, c, q): {@code sum_{r,w} flow / throughput_ips[c][w] <= u * I[s,c,q]}. */
    public static List<String> capacity(PlanArrays a) {
        ModelIndex ix = a.index();
        double u = ix.model().policy().targetUtilization();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 0; q < ix.quarters(); q++) {
                    int installed = a.installed(s, c, q);
                    if (!Sizing.fits(a.busyAtPeak(s, c, q), u, installed)) {
                        lines.add(ix.site(s).id() + "/" + ix.chip(c).id() + "/" + ix.quarter(q)
                                + ": flows need " + a.busyAtPeak(s, c, q) + " servers at peak > u * I = " + u + " * "
                                + installed + " = " + Sizing.capacity(u, installed));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * 3 and 3'. For each (s, q): {@code sum_c I * server_kw / 1000 <= M <= max_it_mw}, and
     * {@code M = existing_it_mw} before {@code max(expansion_ready, from + build_quarters)}
     * ({@link LeadTimes#firstExpansionQuarter}).
     */
    public static List<String> power(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int q = 0; q < ix.quarters(); q++) {
                Quarter quarter = ix.quarter(q);
                double m = a.built(s, q);
                if (!Sizing.leq(a.usedMw(s, q), m)) {
                    lines.add(site.id() + "/" + quarter + ": servers draw " + a.usedMw(s, q) + " MW > it_mw_built " + m + " MW");
                }
                if (!LeadTimes.canExpandIn(site, ix.model().policy(), quarter)) {
                    if (!Sizing.leq(m, site.existingItMw())) {
                        lines.add(site.id() + "/" + quarter + ": it_mw_built " + m + " MW must equal existing_it_mw "
                                + site.existingItMw() + " MW before " + LeadTimes.whyNoExpansionBefore(site, ix.model().policy()));
                    }
                } else if (!Sizing.leq(m, site.maxItMw())) {
                    lines.add(site.id() + "/" + quarter + ": it_mw_built " + m + " MW > max_it_mw " + site.maxItMw() + " MW");
                }
            }
        }
        return lines;
    }

    /**
     * Phases (version 2): at a site with {@code phase_mw}, {@code M[s,q] - existing_it_mw} is a
     * whole number of phases, up to round-off ({@link Sizing#isWholePhases}).
     */
    public static List<String> phases(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int q = 0; q < ix.quarters(); q++) {
                double m = a.built(s, q);
                if (!Sizing.isWholePhases(site, m)) {
                    lines.add(site.id() + "/" + ix.quarter(q) + ": it_mw_built " + m + " MW is existing_it_mw "
                            + site.existingItMw() + " MW plus " + (m - site.existingItMw()) / site.phaseMw()
                            + " phases of " + site.phaseMw() + " MW, not a whole number");
                }
            }
        }
        return lines;
    }

    /** 4. For each (c, q): {@code sum_s (I[s,c,q] - I[s,c,q-1]) <= supply[c,q]}, exactly. */
    public static List<String> supply(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < ix.chips(); c++) {
            Chip chip = ix.chip(c);
            for (int q = 0; q < ix.quarters(); q++) {
                long supply = chip.supply().in(ix.quarter(q));
                if (a.addedOfChip(c, q) > supply) {
                    lines.add(chip.id() + "/" + ix.quarter(q) + ": " + a.addedOfChip(c, q)
                            + " servers added over all sites > supply " + supply);
                }
            }
        }
        return lines;
    }

    /**
     * 4'. For each (s, c): no servers added ({@code I[s,c,q] - I[s,c,q-1] > 0}) before
     * {@code from + order_lead_quarters} ({@link LeadTimes#firstDeliveryQuarter}): an order placed
     * before the plan cannot be assumed. A fall of {@code I} is {@code installed_non_decreasing}'s.
     */
    public static List<String> orderLeadTime(PlanArrays a) {
        ModelIndex ix = a.index();
        Policy policy = ix.model().policy();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                Chip chip = ix.chip(c);
                for (int q = 0; q < ix.quarters() && !LeadTimes.canAddServersIn(chip, policy, ix.quarter(q)); q++) {
                    if (a.added(s, c, q) > 0) {
                        lines.add(ix.site(s).id() + "/" + chip.id() + "/" + ix.quarter(q) + ": " + a.added(s, c, q)
                                + " servers added before " + LeadTimes.firstDeliveryQuarter(chip, policy)
                                + " (the horizon's first quarter plus order_lead_quarters " + chip.orderLeadQuarters() + ")");
                    }
                }
            }
        }
        return lines;
    }

    /**
     * 5 and 5'. For each year: the capex cash PAID in its quarters (servers when installed,
     * facility MW over their construction quarters, {@link CapexCash}) {@code <= annual_capex_budget_usd}.
     */
    public static List<String> budget(List<YearCapex> capexByYear) {
        List<String> lines = new ArrayList<>();
        for (YearCapex y : capexByYear) {
            if (!Sizing.leq(y.capexUsd(), y.budgetUsd())) {
                lines.add(y.year() + ": capex " + y.capexUsd() + " USD (servers " + y.serverCapexUsd()
                        + ", facility " + y.facilityCapexUsd() + ") > budget " + y.budgetUsd() + " USD");
            }
        }
        return lines;
    }

    /** 6. For each (r, w, q): {@code sum_{s,c} flow <= peak_ips} (0 where the demand has no cell). */
    public static List<String> noOverServing(PlanArrays a) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<CellKey, Double> e : a.servedPeak().entrySet()) {
            DemandCell cell = a.index().cell(e.getKey());
            double peak = cell == null ? 0.0 : cell.peakIps();
            if (!Sizing.leq(e.getValue(), peak)) {
                CellKey k = e.getKey();
                lines.add(k.region() + "/" + k.workload() + "/" + k.quarter() + ": flows sum to "
                        + e.getValue() + " ips > peak_ips " + peak + (cell == null ? " (no demand cell)" : ""));
            }
        }
        return lines;
    }

    /** {@code I[s,c,q] >= existing_servers[s,c]}; an entry absent from the plan counts as 0. */
    public static List<String> installedAtLeastExisting(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                int existing = ix.site(s).existingServers(ix.chip(c).id());
                for (int q = 0; q < ix.quarters(); q++) {
                    int i = a.installed(s, c, q);
                    if (i < existing) {
                        lines.add("installed " + ix.site(s).id() + "/" + ix.chip(c).id() + "/" + ix.quarter(q)
                                + " = " + i + " < existing_servers " + existing
                                + (a.listed(s, c, q) ? "" : " (absent from the plan, counted as 0: a plan must list existing servers)"));
                    }
                }
            }
        }
        return lines;
    }

    /** {@code I[s,c,q] >= I[s,c,q-1]} within the horizon. */
    public static List<String> installedNonDecreasing(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int c = 0; c < ix.chips(); c++) {
                for (int q = 1; q < ix.quarters(); q++) {
                    int before = a.installed(s, c, q - 1);
                    if (a.installed(s, c, q) < before) {
                        lines.add("installed " + ix.site(s).id() + "/" + ix.chip(c).id() + " falls from "
                                + before + " in " + ix.quarter(q - 1) + " to " + a.installed(s, c, q) + " in " + ix.quarter(q));
                    }
                }
            }
        }
        return lines;
    }

    /** {@code M[s,q] >= existing_it_mw[s]}, up to round-off. */
    public static List<String> itMwAtLeastExisting(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int q = 0; q < ix.quarters(); q++) {
                double m = a.built(s, q);
                if (!Sizing.leq(site.existingItMw(), m)) {
                    lines.add("it_mw_built " + site.id() + "/" + ix.quarter(q) + " = " + m
                            + " MW < existing_it_mw " + site.existingItMw());
                }
            }
        }
        return lines;
    }

    /** {@code M[s,q] >= M[s,q-1]} within the horizon, up to round-off. */
    public static List<String> itMwNonDecreasing(PlanArrays a) {
        ModelIndex ix = a.index();
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < ix.sites(); s++) {
            for (int q = 1; q < ix.quarters(); q++) {
                double before = a.built(s, q - 1);
                if (!Sizing.leq(before, a.built(s, q))) {
                    lines.add("it_mw_built " + ix.site(s).id() + " falls from " + before + " MW in " + ix.quarter(q - 1)
                            + " to " + a.built(s, q) + " MW in " + ix.quarter(q));
                }
            }
        }
        return lines;
    }

    /**
     * What-ifs keep what was committed (version 2): every {@code added[s,c,q]} and {@code dM[s,q]}
     * that {@code commitments} holds equals the plan's ({@code dM} up to round-off of {@code M}),
     * and a commitment the model has no site or chip for ({@link Commitments#orphans}) cannot be
     * kept. A held server whose chip is now banned at its site is no violation here: it stays
     * installed, paid and idle (flows to it are {@code eligibility}'s).
     */
    public static List<String> commitments(PlanArrays a, Commitments commitments) {
        if (commitments.isNone()) {
            return List.of();
        }
        ModelIndex ix = a.index();
        Quarter d = commitments.decidedUntil();
        List<String> lines = new ArrayList<>(commitments.orphans());
        for (int s = 0; s < ix.sites(); s++) {
            Site site = ix.site(s);
            for (int c = 0; c < ix.chips(); c++) {
                Chip chip = ix.chip(c);
                for (int q = 0; q < ix.quarters() && commitments.holdsServers(chip, ix.quarter(q)); q++) {
                    int held = commitments.heldAdded(site, chip, ix.quarter(q));
                    if (a.added(s, c, q) != held) {
                        lines.add("added " + site.id() + "/" + chip.id() + "/" + ix.quarter(q) + " = " + a.added(s, c, q)
                                + " but " + held + " were committed (ordered in " + LeadTimes.orderQuarter(chip, ix.quarter(q))
                                + ", before decided_until " + d + ")");
                    }
                }
            }
            for (int q = 0; q < ix.quarters() && commitments.holdsMw(site, ix.quarter(q)); q++) {
                double previous = q == 0 ? site.existingItMw() : a.built(s, q - 1);
                double kept = previous + commitments.heldAddedMw(site, ix.quarter(q));
                if (!(Sizing.leq(a.built(s, q), kept) && Sizing.leq(kept, a.built(s, q)))) {
                    lines.add("it_mw_built " + site.id() + "/" + ix.quarter(q) + " adds " + a.addedMw(s, q) + " MW but "
                            + commitments.heldAddedMw(site, ix.quarter(q)) + " MW were committed (construction from "
                            + LeadTimes.constructionStart(site, ix.quarter(q)) + ", before decided_until " + d + ")");
                }
            }
        }
        return lines;
    }
}
