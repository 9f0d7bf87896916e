package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a {@link Scenario} to a base model and demand table: a pure function (no I/O, the
 * inputs are not changed) that returns the resolved model, the resolved demand and, in words,
 * every change made (for the run log and the report).
 *
 * <p>Order: regions, sites (removed, changed, added, then lead times and phases), chips (then
 * order lead times), budget, policy, demand. Within a chip or site the values apply first, then
 * its multipliers and those of {@code all} ({@link Multipliers}). Demand multipliers apply in
 * file order, so cells matched by several rules get the product of their multipliers.
 * The scenario must have been loaded against the same base ({@link ScenarioLoader} checks every
 * id); an unknown id here is a programming error (IllegalArgumentException).
 */
public final class ScenarioResolver {

    /** The resolved inputs and the changes, one sentence each, in the order applied. */
    public record Resolved(PlanningModel model, List<DemandCell> demand, List<String> changes) {
        public Resolved {
            demand = List.copyOf(demand);
            changes = List.copyOf(changes);
        }
    }

    /** Said of a quantile or rho change (see {@link Scenario#changesRollUp()}). */
    public static final String ROLL_UP_ONLY = "reach demand only through the forecast roll-up (--forecasts); "
            + "a given demand table is used as it is";

    private ScenarioResolver() {
    }

    public static Resolved resolve(PlanningModel base, List<DemandCell> demand, Scenario s) {
        List<String> changes = new ArrayList<>();
        List<Region> regions = RegionOverrides.apply(base, s.regions(), changes);
        List<Site> sites = s.leadTimes().applyToSites(base, sites(base, s.sites(), changes), changes);
        List<Chip> chips = s.leadTimes().applyToChips(base, chips(base, s.chips(), changes), changes);
        Policy policy = policy(budget(base.policy(), s.budget(), changes), s.policy(), changes);
        List<DemandCell> resolvedDemand = demand(demand, s.demand(), changes);
        if (changes.isEmpty()) {
            changes.add("no changes from the base model");
        }
        return new Resolved(new PlanningModel(regions, base.workloads(), sites, chips, policy), resolvedDemand, changes);
    }

    /** The base policy with the scenario's quantile, rho and utilisation (for the forecast roll-up, before demand exists). */
    public static Policy policy(Policy base, Scenario s) {
        return policy(base, s.policy(), new ArrayList<>());
    }

    private static List<Site> sites(PlanningModel base, Scenario.SiteChanges changes, List<String> out) {
        for (String id : changes.changed().keySet()) {
            require(id.equals(Scenario.ALL) || base.site(id).isPresent(), "site", id);
        }
        Scenario.SiteChange all = changes.changed().get(Scenario.ALL);
        List<Site> sites = new ArrayList<>();
        for (Site site : base.sites()) {
            if (changes.removed().contains(site.id())) {
                out.add(removal(site));
                continue;
            }
            Scenario.SiteChange c = changes.changed().get(site.id());
            sites.add(Multipliers.apply(c == null ? site : site(site, c, out), c, all, out));
        }
        for (String id : changes.removed()) {
            require(base.site(id).isPresent(), "site", id);
        }
        for (Site added : changes.added()) {
            sites.add(added);
            out.add("site " + added.id() + " added (" + added.name() + ", " + added.country() + ", jurisdiction "
                    + added.jurisdiction() + "): " + num(added.existingItMw()) + " MW built, up to " + num(added.maxItMw())
                    + " MW" + (added.expansionReady() != null ? " from " + added.expansionReady() : "")
                    + ", " + num(added.electricityUsdPerMwh()) + " USD/MWh"
                    + (added.existingServers().isEmpty() ? "" : ", " + servers(added.existingServers()) + " existing servers"));
        }
        return sites;
    }

    private static String removal(Site site) {
        int servers = site.existingServers().values().stream().mapToInt(Integer::intValue).sum();
        if (servers == 0 && site.existingItMw() == 0) {
            return "site " + site.id() + " removed (a candidate with nothing built)";
        }
        return "site " + site.id() + " removed with what is built there: " + num(site.existingItMw()) + " MW"
                + (servers == 0 ? "" : " and " + servers(site.existingServers()) + " existing servers")
                + " leave the plan; the demand they served is served elsewhere or goes unmet";
    }

    private static Site site(Site s, Scenario.SiteChange c, List<String> out) {
        double maxMw = changed(out, "site " + s.id() + ": max_it_mw", s.maxItMw(), c.maxItMw(), " MW");
        double price = changed(out, "site " + s.id() + ": electricity_usd_per_mwh", s.electricityUsdPerMwh(),
                c.electricityUsdPerMwh(), " USD/MWh");
        double expansion = changed(out, "site " + s.id() + ": expansion_usd_per_mw", s.expansionUsdPerMw(),
                c.expansionUsdPerMw(), " USD/MW");
        Quarter ready = s.expansionReady();
        if (c.expansionReady() != null) {
            out.add("site " + s.id() + ": expansion_ready " + (ready == null ? "(start of horizon)" : ready) + " -> "
                    + c.expansionReady());
            ready = c.expansionReady();
        }
        return new Site(s.id(), s.name(), s.country(), s.jurisdiction(), s.latencyMs(), s.existingItMw(), maxMw,
                expansion, ready, price, s.pue(), s.existingServers());
    }

    private static List<Chip> chips(PlanningModel base, Map<String, Scenario.ChipChange> changes, List<String> out) {
        for (String id : changes.keySet()) {
            require(id.equals(Scenario.ALL) || base.chip(id).isPresent(), "chip", id);
        }
        Scenario.ChipChange all = changes.get(Scenario.ALL);
        List<Chip> chips = new ArrayList<>();
        for (Chip chip : base.chips()) {
            Scenario.ChipChange c = changes.get(chip.id());
            chips.add(Multipliers.apply(c == null ? chip : chip(chip, c, base.policy(), out), c, all, base.policy(), out));
        }
        return chips;
    }

    private static Chip chip(Chip chip, Scenario.ChipChange c, Policy policy, List<String> out) {
        String at = "chip " + chip.id() + ": ";
        double price = changed(out, at + "server_price_usd", chip.serverPriceUsd(), c.serverPriceUsd(), " USD");
        Map<String, Double> throughput = new LinkedHashMap<>(chip.throughputIps());
        c.throughputIps().forEach((w, ips) -> {
            Double was = chip.throughputIps().get(w);
            out.add(at + "throughput_ips." + w + " " + (was == null ? "(cannot serve)" : num(was)) + " -> " + num(ips)
                    + (ips == 0 ? " (can no longer serve " + w + ")" : ""));
            throughput.put(w, ips);
        });
        Chip.Supply supply = chip.supply();
        if (!c.supply().isEmpty()) {
            Map<Quarter, Long> perQuarter = new LinkedHashMap<>(supply.perQuarter());
            List<String> steps = new ArrayList<>();
            for (Scenario.SupplyStep step : c.supply()) {
                for (Quarter q : Quarter.range(step.from(), policy.horizonTo())) {
                    perQuarter.put(q, step.perQuarter());
                }
                steps.add(step.perQuarter() + " from " + step.from());
            }
            Chip.Supply next = new Chip.Supply(supply.defaultPerQuarter(), perQuarter);
            out.add(at + "supply " + String.join(", ", steps) + " servers per quarter (horizon total "
                    + horizonTotal(supply, policy) + " -> " + horizonTotal(next, policy) + ")");
            supply = next;
        }
        List<Chip.Ban> bans = new ArrayList<>(chip.bannedJurisdictions());
        if (!c.bans().isEmpty()) {
            Map<String, List<String>> byFrom = new TreeMap<>();
            for (Chip.Ban b : c.bans()) {
                bans.add(b);
                byFrom.computeIfAbsent(b.from() == null ? "the start" : b.from().toString(), k -> new ArrayList<>())
                        .add(b.jurisdiction());
            }
            byFrom.forEach((from, js) -> out.add(at + "banned in " + String.join(", ", js) + " from " + from
                    + " (no flow from its servers there, installed ones included)"));
        }
        return new Chip(chip.id(), chip.vendor(), chip.domestic(), price, chip.serverKw(), chip.idleFraction(),
                chip.amortizationQuarters(), throughput, supply, bans);
    }

    private static Policy budget(Policy p, Scenario.BudgetChange b, List<String> out) {
        if (b == null) {
            return p;
        }
        Map<Integer, Double> budgets = new TreeMap<>(p.annualCapexBudgetUsd());
        if (b.scale() != null) {
            for (Map.Entry<Integer, Double> e : budgets.entrySet()) {
                if (!b.perYearUsd().containsKey(e.getKey())) {
                    double next = e.getValue() * b.scale();
                    out.add("budget " + e.getKey() + ": " + usd(e.getValue()) + " -> " + usd(next) + " USD (x" + num(b.scale()) + ")");
                    e.setValue(next);
                }
            }
        }
        b.perYearUsd().forEach((year, usd) -> {
            Double was = budgets.get(year);
            out.add("budget " + year + ": " + (was == null ? "unlimited" : usd(was)) + " -> " + usd(usd) + " USD");
            budgets.put(year, usd);
        });
        return new Policy(p.horizonFrom(), p.horizonTo(), p.planningQuantile(), p.rho(), p.targetUtilization(), budgets,
                p.facilityAmortizationQuarters());
    }

    private static Policy policy(Policy p, Scenario.PolicyChange c, List<String> out) {
        if (c == null) {
            return p;
        }
        double quantile = changed(out, "policy: planning_quantile", p.planningQuantile(), c.planningQuantile(), "");
        double rho = changed(out, "policy: rho", p.rho(), c.rho(), "");
        if (c.planningQuantile() != null || c.rho() != null) {
            out.add("policy: planning_quantile / rho " + ROLL_UP_ONLY);
        }
        double u = changed(out, "policy: target_utilization", p.targetUtilization(), c.targetUtilization(), "");
        return new Policy(p.horizonFrom(), p.horizonTo(), quantile, rho, u, p.annualCapexBudgetUsd(),
                p.facilityAmortizationQuarters());
    }

    private static List<DemandCell> demand(List<DemandCell> demand, List<Scenario.DemandMultiplier> rules, List<String> out) {
        List<DemandCell> cells = new ArrayList<>(demand);
        for (Scenario.DemandMultiplier rule : rules) {
            int n = 0;
            double peakBefore = 0;
            double peakAfter = 0;
            for (int i = 0; i < cells.size(); i++) {
                DemandCell c = cells.get(i);
                if (rule.matches(c.region(), c.workload(), c.quarter())) {
                    DemandCell next = new DemandCell(c.region(), c.workload(), c.quarter(),
                            c.peakIps() * rule.multiplier(), c.avgIps() * rule.multiplier());
                    cells.set(i, next);
                    n++;
                    peakBefore += c.peakIps();
                    peakAfter += next.peakIps();
                }
            }
            out.add("demand x" + num(rule.multiplier()) + " for "
                    + (rule.regions().isEmpty() ? "every region" : String.join(", ", rule.regions())) + " / "
                    + (rule.workloads().isEmpty() ? "every workload" : String.join(", ", rule.workloads())) + " / "
                    + rule.from() + ".." + rule.to() + ": " + n + " cells"
                    + (n == 0 ? " (none in the demand table)" : ", summed peak " + count(peakBefore) + " -> " + count(peakAfter) + " ips"));
        }
        return cells;
    }

    /** The new value when given (recording the change in words), else the old one. */
    private static double changed(List<String> out, String what, double was, Double next, String unit) {
        if (next == null) {
            return was;
        }
        out.add(what + " " + num(was) + " -> " + num(next) + unit);
        return next;
    }

    private static void require(boolean present, String kind, String id) {
        if (!present) {
            throw new IllegalArgumentException("scenario names " + kind + " '" + id + "', which the base model does not have");
        }
    }

    /** Servers deliverable over the horizon, "17,700" or "unlimited". */
    static String horizonTotal(Chip.Supply supply, Policy policy) {
        long total = 0;
        for (Quarter q : policy.quarters()) {
            total = plus(total, supply.in(q));
        }
        return count(total);
    }

    private static long plus(long a, long b) {
        return a == Long.MAX_VALUE || b == Long.MAX_VALUE ? Long.MAX_VALUE : a + b;
    }

    private static String count(long v) {
        return v == Long.MAX_VALUE ? "unlimited" : String.format("%,d", v);
    }

    private static String count(double v) {
        return String.format("%,.0f", v);
    }

    private static String usd(double v) {
        return String.format("%,.0f", v);
    }

    /** "3000 nvidia-h20, 40 ppu". */
    private static String servers(Map<String, Integer> byChip) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(byChip).forEach((chip, n) -> parts.add(n + " " + chip));
        return String.join(", ", parts);
    }

    /** A number as written in the YAML: 75, 0.95, 1.4 (no trailing .0). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }
}
