package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.ModelLoader;
import dcplan.model.Node;
import dcplan.model.PlanningModel;
import dcplan.model.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scenario's changes to the contract's version-2 fields (lead times and phases): a chip's
 * {@code order_lead_quarters}, a site's {@code build_quarters} and {@code phase_mw}. Read from
 * the same {@code chips.<id>} and {@code sites.<id>} entries as the other changes; applied last,
 * after every other site and chip change, so that each resolved site and chip carries its base
 * (or added) definition's lead times with the scenario's changes on top whatever the earlier
 * steps rebuilt.
 *
 * @param orderLeadQuarters chip id -> new order lead, in quarters
 * @param sites             site id -> new build time and phase size (null = unchanged)
 */
public record LeadTimeChanges(Map<String, Integer> orderLeadQuarters, Map<String, SiteLeadTime> sites) {
    static final String ORDER_LEAD = "order_lead_quarters";
    static final String BUILD = "build_quarters";
    static final String PHASE = "phase_mw";

    public static final LeadTimeChanges NONE = new LeadTimeChanges(Map.of(), Map.of());

    public LeadTimeChanges {
        orderLeadQuarters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(orderLeadQuarters));
        sites = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    }

    /** One site's new {@code build_quarters} and {@code phase_mw}; null = unchanged. */
    public record SiteLeadTime(Integer buildQuarters, Double phaseMw) {
    }

    public boolean isEmpty() {
        return orderLeadQuarters.isEmpty() && sites.isEmpty();
    }

    // ---- reading

    /**
     * The lead-time keys of {@code chips.<id>} and {@code sites.<id>} in {@code root}. Unknown ids,
     * unknown keys and non-map entries are the loader's to report; they are skipped here.
     */
    static LeadTimeChanges read(Node root, PlanningModel base) {
        Map<String, Integer> leads = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries(root, "chips").entrySet()) {
            Node n = e.getValue();
            if (base.chip(e.getKey()).isPresent() && n.has(ORDER_LEAD)) {
                leads.put(e.getKey(), ModelLoader.wholeCount(n.get(ORDER_LEAD)));
            }
        }
        Map<String, SiteLeadTime> sites = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries(root, "sites").entrySet()) {
            Node n = e.getValue();
            if (base.site(e.getKey()).isEmpty() || !(n.has(BUILD) || n.has(PHASE))) {
                continue;
            }
            Integer build = n.has(BUILD) ? ModelLoader.wholeCount(n.get(BUILD)) : null;
            Double phase = null;
            if (n.has(PHASE)) {
                phase = n.get(PHASE).asNonNegative();
                if (phase <= 0) {
                    n.get(PHASE).problem("must be above 0 MW (leave it out for MW added continuously)");
                }
            }
            sites.put(e.getKey(), new SiteLeadTime(build, phase));
        }
        return new LeadTimeChanges(leads, sites);
    }

    /** The entries of a section that is a map, else none (the loader reports a section of another shape). */
    private static Map<String, Node> entries(Node root, String section) {
        Node n = root.get(section);
        if (n.isMissing() || !n.json().isObject()) {
            return Map.of();
        }
        Map<String, Node> out = new LinkedHashMap<>();
        root.map(section).forEach((id, entry) -> {
            if (entry.json() != null && entry.json().isObject()) {
                out.put(id, entry);
            }
        });
        return out;
    }

    // ---- applying

    /**
     * {@code sites} (already resolved by the other changes) with their lead times: the base
     * site's, or an added site's own, then the scenario's. Each change is said in {@code out}.
     */
    List<Site> applyToSites(PlanningModel base, List<Site> sites, List<String> out) {
        List<Site> result = new ArrayList<>();
        for (Site s : sites) {
            Site from = base.site(s.id()).orElse(s);
            int build = from.buildQuarters();
            Double phase = from.phaseMw();
            SiteLeadTime change = this.sites.get(s.id());
            if (change != null && change.buildQuarters() != null) {
                out.add("site " + s.id() + ": build_quarters " + build + " -> " + change.buildQuarters());
                build = change.buildQuarters();
            }
            if (change != null && change.phaseMw() != null) {
                out.add("site " + s.id() + ": phase_mw " + (phase == null ? "(continuous)" : ScenarioResolver.num(phase))
                        + " -> " + ScenarioResolver.num(change.phaseMw()) + " MW");
                phase = change.phaseMw();
            }
            boolean same = build == s.buildQuarters() && Objects.equals(phase, s.phaseMw());
            result.add(same ? s : s.withCommitments(build, phase));
        }
        return result;
    }

    /** {@code chips} (already resolved) with the base chip's order lead, then the scenario's. */
    List<Chip> applyToChips(PlanningModel base, List<Chip> chips, List<String> out) {
        List<Chip> result = new ArrayList<>();
        for (Chip c : chips) {
            int lead = base.chip(c.id()).orElse(c).orderLeadQuarters();
            Integer change = orderLeadQuarters.get(c.id());
            if (change != null) {
                out.add("chip " + c.id() + ": order_lead_quarters " + lead + " -> " + change);
                lead = change;
            }
            result.add(lead == c.orderLeadQuarters() ? c : c.withOrderLead(lead));
        }
        return result;
    }
}
