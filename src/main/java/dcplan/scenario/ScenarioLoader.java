package dcplan.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.Chip;
import dcplan.model.DidYouMean;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.ModelValidator;
import dcplan.model.Node;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a scenario file ({@code models/scenarios/*.yaml}) against the base model it changes.
 * Every problem is collected and thrown at once as an {@link InputException}, each naming the
 * file and the key ("scenarios/x.yaml: chips.nvidia-h100: unknown chip 'nvidia-h100' (valid:
 * nvidia-h20, nvidia-h200, ppu)"): unknown keys list the valid keys, unknown ids the valid ids,
 * quarters must lie within the base model's horizon. Finally the scenario is applied and the
 * resolved model checked with {@link ModelValidator}, so a scenario that loads always resolves
 * to a valid model.
 */
public final class ScenarioLoader {
    static final Set<String> KEYS = Set.of("name", "description", "demand", "chips", "sites", "budget", "policy", "regions",
            "decided_until");
    static final Set<String> DEMAND_KEYS = Set.of("regions", "workloads", "from", "to", "multiplier");
    static final Set<String> CHIP_KEYS = Set.of("server_price_usd", "throughput_ips", "supply", "ban",
            Multipliers.SERVER_PRICE, Multipliers.THROUGHPUT, Multipliers.SUPPLY, LeadTimeChanges.ORDER_LEAD);
    static final Set<String> SUPPLY_KEYS = Set.of("from", "per_quarter");
    static final Set<String> BAN_KEYS = Set.of("jurisdiction", "jurisdictions", "from");
    static final Set<String> SITE_KEYS = Set.of("max_it_mw", "electricity_usd_per_mwh", "expansion_usd_per_mw",
            "expansion_ready", Multipliers.ELECTRICITY_PRICE, Multipliers.EXPANSION_PRICE, LeadTimeChanges.BUILD,
            LeadTimeChanges.PHASE);
    static final String ADD = "add";
    static final String REMOVE = "remove";
    static final Set<String> POLICY_KEYS = Set.of("planning_quantile", "rho", "target_utilization");
    static final String SCALE = "scale";
    /** A scenario name: lowercase letters and digits in hyphen-separated words (it becomes part of a folder name). */
    static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");


    private ScenarioLoader() {
    }

    /** Reads and checks {@code file} against {@code base}; throws InputException listing every problem. */
    public static Scenario load(Path file, PlanningModel base) {
        String where = file.toString();
        JsonNode json = ModelLoader.readYamlFile(file, "scenario file");
        if (json == null || !json.isObject()) {
            throw new InputException(where + ": must be a YAML map with the keys " + String.join(", ", new TreeSet<>(KEYS))
                    + " (see models/scenarios/README.md)");
        }
        List<String> problems = new ArrayList<>();
        Scenario scenario = parse(new Node(json, where + ":", problems), file, base);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        PlanningModel resolved = ScenarioResolver.resolve(base, List.of(), scenario).model();
        for (String p : ModelValidator.validate(resolved, "resolved model")) {
            problems.add(where + ": after applying the scenario: " + p);
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return scenario;
    }

    static Scenario parse(Node root, Path file, PlanningModel base) {
        root.onlyKeys(KEYS);
        String name = root.text("name");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            root.get("name").problem("must be lowercase letters and digits in hyphen-separated words "
                    + "(it names the run folder), got '" + name + "'");
        }
        String description = root.text("description");
        if (root.has("description") && description.isBlank()) {
            root.get("description").problem("must not be empty: say what the scenario assumes and why");
        }
        Policy horizon = base.policy();
        List<Scenario.DemandMultiplier> demand = new ArrayList<>();
        for (Node d : root.list("demand")) {
            demand.add(demandMultiplier(d, base));
        }
        Scenario.SiteChanges sites = siteChanges(root, base);
        Set<String> jurisdictions = new TreeSet<>();
        base.sites().stream().filter(s -> !sites.removed().contains(s.id())).forEach(s -> jurisdictions.add(s.jurisdiction()));
        sites.added().forEach(s -> jurisdictions.add(s.jurisdiction()));
        Map<String, Scenario.ChipChange> chips = new LinkedHashMap<>();
        Set<String> chipIds = ids(base.chips().stream().map(Chip::id).toList());
        Set<String> workloadIds = ids(base.workloads().stream().map(Workload::id).toList());
        for (Map.Entry<String, Node> e : root.map("chips").entrySet()) {
            if (e.getKey().equals(Scenario.ALL)) {
                chips.put(Scenario.ALL, Multipliers.allChips(e.getValue(), workloadIds));
                continue;
            }
            if (!chipIds.contains(e.getKey())) {
                Set<String> valid = new TreeSet<>(chipIds);
                valid.add(Scenario.ALL);
                e.getValue().problem(unknown("chip", e.getKey(), valid));
                continue;
            }
            chips.put(e.getKey(), chipChange(e.getValue(), base, jurisdictions));
        }
        return new Scenario(name, description.strip(), file, demand, chips, sites, budget(root, horizon), policy(root),
                RegionOverrides.read(root, base, jurisdictions), inHorizon(root, "decided_until", horizon),
                LeadTimeChanges.read(root, base));
    }

    private static Scenario.DemandMultiplier demandMultiplier(Node d, PlanningModel base) {
        d.onlyKeys(DEMAND_KEYS);
        List<String> regions = idList(d, "regions", "region", ids(base.regions().stream().map(Region::id).toList()));
        List<String> workloads = idList(d, "workloads", "workload", ids(base.workloads().stream().map(Workload::id).toList()));
        Quarter from = inHorizon(d, "from", base.policy());
        Quarter to = inHorizon(d, "to", base.policy());
        from = from == null ? base.policy().horizonFrom() : from;
        to = to == null ? base.policy().horizonTo() : to;
        if (from != null && to != null && to.isBefore(from)) {
            d.get("to").problem(to + " is before from " + from);
        }
        double multiplier = d.nonNegative("multiplier", null);
        return new Scenario.DemandMultiplier(regions, workloads, from, to, multiplier);
    }

    private static Scenario.ChipChange chipChange(Node c, PlanningModel base, Set<String> jurisdictions) {
        if (!c.isMissing() && !c.json().isObject()) {
            c.problem("must be a map of changes (valid keys: " + String.join(", ", new TreeSet<>(CHIP_KEYS)) + ")");
            return new Scenario.ChipChange(null, null, null, null);
        }
        c.onlyKeys(CHIP_KEYS);
        Double price = c.has("server_price_usd") ? c.get("server_price_usd").asNonNegative() : null;
        Set<String> workloadIds = ids(base.workloads().stream().map(Workload::id).toList());
        Map<String, Double> throughput = new LinkedHashMap<>();
        for (Map.Entry<String, Node> t : c.map("throughput_ips").entrySet()) {
            if (!workloadIds.contains(t.getKey())) {
                t.getValue().problem(unknown("workload", t.getKey(), workloadIds));
            } else {
                throughput.put(t.getKey(), t.getValue().asNonNegative());
            }
        }
        List<Scenario.SupplyStep> supply = new ArrayList<>();
        Node s = c.get("supply");
        if (!s.isMissing()) {
            List<Node> steps = s.json().isArray() ? c.list("supply") : List.of(s);
            Quarter previous = null;
            for (Node step : steps) {
                if (!step.json().isObject()) {
                    step.problem("must be a map {from: quarter, per_quarter: servers} or a list of them");
                    continue;
                }
                step.onlyKeys(SUPPLY_KEYS);
                Quarter from = inHorizon(step, "from", base.policy());
                if (!step.has("from")) {
                    step.get("from").missing();
                }
                long perQuarter = wholeCount(step, "per_quarter");
                if (from != null && previous != null && !previous.isBefore(from)) {
                    step.get("from").problem(from + " must be after the previous step's " + previous);
                }
                if (from != null) {
                    previous = from;
                    supply.add(new Scenario.SupplyStep(from, perQuarter));
                }
            }
        }
        List<Chip.Ban> bans = new ArrayList<>();
        for (Node b : c.list("ban")) {
            List<String> named = new ArrayList<>();
            Quarter from = null;
            if (b.json().isValueNode()) {
                named.add(b.json().asText());
            } else {
                b.onlyKeys(BAN_KEYS);
                if (b.has("jurisdiction") == b.has("jurisdictions")) {
                    b.problem("give exactly one of 'jurisdiction' (one code) or 'jurisdictions' (a list)");
                } else if (b.has("jurisdiction")) {
                    named.add(b.text("jurisdiction"));
                } else {
                    named.addAll(b.textList("jurisdictions"));
                }
                from = inHorizon(b, "from", base.policy());
            }
            for (String j : named) {
                if (!jurisdictions.contains(j)) {
                    b.problem("unknown jurisdiction '" + j + "': no site is there" + DidYouMean.suggestion(j, jurisdictions)
                            + " (valid: " + String.join(", ", jurisdictions) + ")");
                } else {
                    bans.add(new Chip.Ban(j, from));
                }
            }
        }
        return Multipliers.chip(new Scenario.ChipChange(price, throughput, supply, bans), c, workloadIds);
    }

    private static Scenario.SiteChanges siteChanges(Node root, PlanningModel base) {
        Set<String> siteIds = ids(base.sites().stream().map(Site::id).toList());
        Set<String> validKeys = new TreeSet<>(siteIds);
        validKeys.add(ADD);
        validKeys.add(REMOVE);
        validKeys.add(Scenario.ALL);
        Map<String, Node> entries = root.map("sites");
        List<String> removed = new ArrayList<>();
        if (entries.containsKey(REMOVE)) {
            for (String id : root.get("sites").textList(REMOVE)) {
                if (!siteIds.contains(id)) {
                    entries.get(REMOVE).problem(unknown("site", id, siteIds));
                } else if (removed.contains(id)) {
                    entries.get(REMOVE).problem("site '" + id + "' is listed twice");
                } else {
                    removed.add(id);
                }
            }
            if (!removed.isEmpty() && removed.size() == siteIds.size()) {
                entries.get(REMOVE).problem("removes every site: at least one must remain");
            }
        }
        Map<String, Scenario.SiteChange> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            String id = e.getKey();
            if (id.equals(ADD) || id.equals(REMOVE)) {
                continue;
            }
            if (id.equals(Scenario.ALL)) {
                changed.put(Scenario.ALL, Multipliers.allSites(e.getValue()));
                continue;
            }
            if (!siteIds.contains(id)) {
                e.getValue().problem(DidYouMean.unknown("site", id, validKeys));
            } else if (removed.contains(id)) {
                e.getValue().problem("site '" + id + "' is also removed: change it or remove it, not both");
            } else {
                changed.put(id, siteChange(e.getValue(), base.site(id).orElseThrow()));
            }
        }
        List<Site> added = new ArrayList<>();
        Set<String> regionIds = ids(base.regions().stream().map(Region::id).toList());
        Set<String> chipIds = ids(base.chips().stream().map(Chip::id).toList());
        Set<String> addedIds = new LinkedHashSet<>();
        for (Node n : root.get("sites").list(ADD)) {
            if (!n.json().isObject()) {
                n.problem("must be a full site as in sites.yaml (id, name, country, jurisdiction, latency_ms, ...)");
                continue;
            }
            Node labelled = n.has("id") ? n.relabel(n.where() + " (" + n.json().get("id").asText() + ")") : n;
            Site site = ModelLoader.site(labelled);
            if (siteIds.contains(site.id())) {
                labelled.get("id").problem("site '" + site.id() + "' is already in the base model: change it under "
                        + "sites." + site.id() + " instead");
            } else if (!site.id().isEmpty() && !addedIds.add(site.id())) {
                labelled.get("id").problem("site '" + site.id() + "' is added twice");
            }
            for (String r : site.latencyMs().keySet()) {
                if (!regionIds.contains(r)) {
                    labelled.get("latency_ms").problem(unknown("region", r, regionIds));
                }
            }
            for (String c : site.existingServers().keySet()) {
                if (!chipIds.contains(c)) {
                    labelled.get("existing_servers").problem(unknown("chip", c, chipIds));
                }
            }
            added.add(site);
        }
        return new Scenario.SiteChanges(changed, added, removed);
    }

    private static Scenario.SiteChange siteChange(Node n, Site site) {
        if (!n.isMissing() && !n.json().isObject()) {
            n.problem("must be a map of changes (valid keys: " + String.join(", ", new TreeSet<>(SITE_KEYS)) + ")");
            return new Scenario.SiteChange(null, null, null, null);
        }
        n.onlyKeys(SITE_KEYS);
        Double maxMw = n.has("max_it_mw") ? n.get("max_it_mw").asNonNegative() : null;
        if (maxMw != null && maxMw < site.existingItMw()) {
            n.get("max_it_mw").problem(maxMw + " is below the site's existing_it_mw " + site.existingItMw()
                    + " (built MW cannot be un-built; remove the site instead)");
        }
        if (opensExpansionWithoutPrice(site, maxMw, n.has("expansion_usd_per_mw"))) {
            n.get("expansion_usd_per_mw").problem(ModelLoader.MISSING_EXPANSION_PRICE.formatted(
                    ModelLoader.fmt(maxMw), ModelLoader.fmt(site.existingItMw())) + "; the base site cannot expand, so it has none");
        }
        return Multipliers.site(new Scenario.SiteChange(maxMw,
                n.has("electricity_usd_per_mwh") ? n.get("electricity_usd_per_mwh").asNonNegative() : null,
                n.has("expansion_usd_per_mw") ? n.get("expansion_usd_per_mw").asNonNegative() : null,
                n.quarter("expansion_ready", false)), n);
    }

    /**
     * Whether a change lets a site expand that could not (max_it_mw raised above existing_it_mw
     * where the base had no headroom) without giving the price: a base site that cannot expand
     * may leave its price out (it reads as 0), and that 0 must not become free expansion.
     */
    private static boolean opensExpansionWithoutPrice(Site site, Double maxMw, boolean priceGiven) {
        return maxMw != null && maxMw > site.existingItMw() && site.maxItMw() <= site.existingItMw()
                && site.expansionUsdPerMw() == 0 && !priceGiven;
    }

    private static Scenario.BudgetChange budget(Node root, Policy policy) {
        Node b = root.get("budget");
        if (b.isMissing()) {
            return null;
        }
        Set<String> valid = new LinkedHashSet<>();
        valid.add(SCALE);
        if (policy.horizonFrom() != null && policy.horizonTo() != null) {
            for (int y = policy.horizonFrom().year(); y <= policy.horizonTo().year(); y++) {
                valid.add(String.valueOf(y));
            }
        }
        Double scale = null;
        Map<Integer, Double> perYear = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : root.map("budget").entrySet()) {
            if (!valid.contains(e.getKey())) {
                e.getValue().problem(DidYouMean.unknown("key", e.getKey(), valid, "; a year sets that year's capex budget in USD"));
            } else if (e.getKey().equals(SCALE)) {
                scale = e.getValue().asNonNegative();
            } else {
                perYear.put(Integer.parseInt(e.getKey()), e.getValue().asNonNegative());
            }
        }
        return new Scenario.BudgetChange(scale, perYear);
    }

    private static Scenario.PolicyChange policy(Node root) {
        Node p = root.get("policy");
        if (p.isMissing()) {
            return null;
        }
        if (!p.json().isObject()) {
            p.problem("must be a map (valid keys: " + String.join(", ", new TreeSet<>(POLICY_KEYS)) + ")");
            return null;
        }
        p.onlyKeys(POLICY_KEYS);
        Double quantile = p.has("planning_quantile") ? p.get("planning_quantile").asNumber() : null;
        // range checks false for NaN: a value already reported as not a number is not reported again
        if (quantile != null && (quantile <= 0 || quantile >= 1)) {
            p.get("planning_quantile").problem("must be within (0, 1), got " + quantile);
        }
        Double rho = p.has("rho") ? p.get("rho").asNumber() : null;
        if (rho != null && (rho < 0 || rho > 1)) {
            p.get("rho").problem("must be within 0..1, got " + rho);
        }
        Double u = p.has("target_utilization") ? p.get("target_utilization").asNumber() : null;
        if (u != null && (u <= 0 || u > 1)) {
            p.get("target_utilization").problem("must be within (0, 1], got " + u);
        }
        return new Scenario.PolicyChange(quantile, rho, u);
    }

    /** A list of ids (or one id), each checked against {@code valid}; absent = empty (all). */
    private static List<String> idList(Node parent, String key, String kind, Set<String> valid) {
        Node n = parent.get(key);
        List<String> ids = n.isMissing() ? List.of()
                : n.json().isValueNode() ? List.of(n.json().asText()) : parent.textList(key);
        if (!n.isMissing() && !n.json().isValueNode() && n.json().isArray() && ids.isEmpty()) {
            n.problem("must not be an empty list (leave the key out to mean every " + kind + ")");
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!valid.contains(id)) {
                n.problem(unknown(kind, id, valid));
            } else {
                out.add(id);
            }
        }
        return out;
    }

    /** An optional quarter that must lie within the horizon. */
    private static Quarter inHorizon(Node parent, String key, Policy policy) {
        Quarter q = parent.quarter(key, false);
        if (q != null && policy.horizonFrom() != null && policy.horizonTo() != null
                && (q.isBefore(policy.horizonFrom()) || policy.horizonTo().isBefore(q))) {
            parent.get(key).problem(q + " is outside the horizon " + policy.horizonFrom() + ".." + policy.horizonTo());
            return null;
        }
        return q;
    }

    private static long wholeCount(Node parent, String key) {
        Node n = parent.get(key);
        if (n.isMissing()) {
            n.missing();
            return 0;
        }
        double d = n.asNonNegative();
        if (!Double.isNaN(d) && d != Math.rint(d)) {
            n.problem("must be a whole number of servers, got " + n.json().asText());
        }
        return Double.isNaN(d) ? 0 : (long) d;
    }

    private static String unknown(String kind, String id, Collection<String> valid) {
        return DidYouMean.unknown(kind, id, valid);
    }

    private static Set<String> ids(List<String> ids) {
        return new TreeSet<>(ids);
    }
}
