package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.Node;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The relative changes of a scenario ("20 % dearer" as {@code server_price_multiplier: 1.2}):
 * reading them from a chip's or site's entry (or from {@code all}, for every chip or base site)
 * and applying them after the scenario's values. A chip or site under both its own entry and
 * {@code all} gets the product of the two factors. Demand ({@code demand[].multiplier}) and
 * budget ({@code budget.scale}) have their own keys.
 */
final class Multipliers {
    static final String SERVER_PRICE = "server_price_multiplier";
    static final String THROUGHPUT = "throughput_multiplier";
    static final String SUPPLY = "supply_multiplier";
    static final String ELECTRICITY_PRICE = "electricity_price_multiplier";
    static final String EXPANSION_PRICE = "expansion_price_multiplier";
    static final Set<String> CHIP_KEYS = Set.of(SERVER_PRICE, THROUGHPUT, SUPPLY);
    static final Set<String> SITE_KEYS = Set.of(ELECTRICITY_PRICE, EXPANSION_PRICE);

    private Multipliers() {
    }

    // ---- reading ----

    /** {@code values} with the multipliers of the chip entry {@code n}. */
    static Scenario.ChipChange chip(Scenario.ChipChange values, Node n, Set<String> workloads) {
        return new Scenario.ChipChange(values.serverPriceUsd(), values.throughputIps(), values.supply(), values.bans(),
                factor(n, SERVER_PRICE), throughput(n, workloads), factor(n, SUPPLY));
    }

    /** {@code chips.all}: multipliers only. */
    static Scenario.ChipChange allChips(Node n, Set<String> workloads) {
        if (!isMap(n, CHIP_KEYS, "every chip")) {
            return new Scenario.ChipChange(null, null, null, null);
        }
        n.onlyKeys(CHIP_KEYS);
        return chip(new Scenario.ChipChange(null, null, null, null), n, workloads);
    }

    /** {@code values} with the multipliers of the site entry {@code n}. */
    static Scenario.SiteChange site(Scenario.SiteChange values, Node n) {
        return new Scenario.SiteChange(values.maxItMw(), values.electricityUsdPerMwh(), values.expansionUsdPerMw(),
                values.expansionReady(), factor(n, ELECTRICITY_PRICE), factor(n, EXPANSION_PRICE));
    }

    /** {@code sites.all}: multipliers only, for every base site (added sites are written in full). */
    static Scenario.SiteChange allSites(Node n) {
        if (!isMap(n, SITE_KEYS, "every base site")) {
            return new Scenario.SiteChange(null, null, null, null);
        }
        n.onlyKeys(SITE_KEYS);
        return site(new Scenario.SiteChange(null, null, null, null), n);
    }

    private static boolean isMap(Node n, Set<String> keys, String what) {
        if (n.json() == null || !n.json().isObject()) {
            n.problem("must be a map of multipliers for " + what + " (valid keys: " + String.join(", ", new TreeSet<>(keys)) + ")");
            return false;
        }
        return true;
    }

    private static Double factor(Node parent, String key) {
        return parent.has(key) ? parent.get(key).asNonNegative() : null;
    }

    /** A number (every workload) or a map workload -> number. */
    private static Map<String, Double> throughput(Node parent, Set<String> workloads) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!parent.has(THROUGHPUT)) {
            return out;
        }
        Node n = parent.get(THROUGHPUT);
        if (n.json().isValueNode()) {
            double f = n.asNonNegative();
            workloads.forEach(w -> out.put(w, f));
            return out;
        }
        for (Map.Entry<String, Node> e : parent.map(THROUGHPUT).entrySet()) {
            if (!workloads.contains(e.getKey())) {
                e.getValue().problem("unknown workload '" + e.getKey() + "' (valid: " + String.join(", ", new TreeSet<>(workloads))
                        + "; or one number for every workload)");
            } else {
                out.put(e.getKey(), e.getValue().asNonNegative());
            }
        }
        return out;
    }

    // ---- applying ----

    /** The chip with its own multipliers and {@code all}'s applied (either may be null). */
    static Chip apply(Chip chip, Scenario.ChipChange own, Scenario.ChipChange all, Policy policy, List<String> out) {
        String at = "chip " + chip.id() + ": ";
        Factor price = Factor.of(own, all, Scenario.ChipChange::serverPriceMultiplier, "chips");
        double serverPrice = price.scale(out, at + "server_price_usd", chip.serverPriceUsd(), " USD");
        Map<String, Double> throughput = new LinkedHashMap<>(chip.throughputIps());
        List<String> scaled = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(chip.throughputIps()).entrySet()) {
            Factor f = Factor.of(own, all, c -> c.throughputMultiplier().get(e.getKey()), "chips");
            if (!f.isNone()) {
                throughput.put(e.getKey(), e.getValue() * f.value());
                scaled.add(e.getKey() + " " + ScenarioResolver.num(e.getValue()) + " -> "
                        + rounded(e.getValue() * f.value()) + " (" + f.label() + ")");
            }
        }
        if (!scaled.isEmpty()) {
            out.add(at + "throughput_ips " + String.join(", ", scaled));
        }
        Chip.Supply supply = supply(chip, Factor.of(own, all, Scenario.ChipChange::supplyMultiplier, "chips"), policy, out);
        return new Chip(chip.id(), chip.vendor(), chip.domestic(), serverPrice, chip.serverKw(), chip.idleFraction(),
                chip.amortizationQuarters(), throughput, supply, chip.bannedJurisdictions());
    }

    /** Every quarter's supply times the factor, to the nearest whole server; unlimited stays unlimited. */
    private static Chip.Supply supply(Chip chip, Factor f, Policy policy, List<String> out) {
        Chip.Supply s = chip.supply();
        if (f.isNone()) {
            return s;
        }
        Map<Quarter, Long> perQuarter = new LinkedHashMap<>();
        s.perQuarter().forEach((q, n) -> perQuarter.put(q, Math.round(n * f.value())));
        Long byDefault = s.defaultPerQuarter() == null ? null : Math.round(s.defaultPerQuarter() * f.value());
        Chip.Supply next = new Chip.Supply(byDefault, perQuarter);
        out.add("chip " + chip.id() + ": supply " + f.label() + " in every quarter, to whole servers (horizon total "
                + ScenarioResolver.horizonTotal(s, policy) + " -> " + ScenarioResolver.horizonTotal(next, policy) + ")");
        return next;
    }

    /** The site with its own multipliers and {@code all}'s applied (either may be null). */
    static Site apply(Site s, Scenario.SiteChange own, Scenario.SiteChange all, List<String> out) {
        String at = "site " + s.id() + ": ";
        double electricity = Factor.of(own, all, Scenario.SiteChange::electricityPriceMultiplier, "sites")
                .scale(out, at + "electricity_usd_per_mwh", s.electricityUsdPerMwh(), " USD/MWh");
        double expansion = Factor.of(own, all, Scenario.SiteChange::expansionPriceMultiplier, "sites")
                .scale(out, at + "expansion_usd_per_mw", s.expansionUsdPerMw(), " USD/MW");
        if (electricity == s.electricityUsdPerMwh() && expansion == s.expansionUsdPerMw()) {
            return s;
        }
        return new Site(s.id(), s.name(), s.country(), s.jurisdiction(), s.latencyMs(), s.existingItMw(), s.maxItMw(),
                expansion, s.expansionReady(), electricity, s.pue(), s.existingServers());
    }

    /** A value as the change lines show it: 6 decimals at most, so x1.2 reads 99600, not 99599.99999999999. */
    private static String rounded(double v) {
        return ScenarioResolver.num(Math.round(v * 1e6) / 1e6);
    }

    /** The product of an entry's own factor and {@code all}'s, with how it was made ("x1.2, x1.1 for all chips"). */
    private record Factor(double value, String label) {
        static <C> Factor of(C own, C all, Function<C, Double> get, String kind) {
            Double a = own == null ? null : get.apply(own);
            Double b = all == null ? null : get.apply(all);
            List<String> parts = new ArrayList<>();
            double value = 1.0;
            if (a != null) {
                value *= a;
                parts.add("x" + ScenarioResolver.num(a));
            }
            if (b != null) {
                value *= b;
                parts.add("x" + ScenarioResolver.num(b) + " for all " + kind);
            }
            return new Factor(value, parts.isEmpty() ? null : String.join(", ", parts));
        }

        boolean isNone() {
            return label == null;
        }

        /** {@code was} times the factor, with a change line; {@code was} itself when there is no factor. */
        double scale(List<String> out, String what, double was, String unit) {
            if (isNone()) {
                return was;
            }
            double next = was * value;
            out.add(what + " " + ScenarioResolver.num(was) + " -> " + rounded(next) + unit + " (" + label + ")");
            return next;
        }
    }
}
