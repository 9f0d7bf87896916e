package dcplan.report;

import dcplan.model.Quarter;
import dcplan.plan.PlanTables;
import dcplan.plan.WhatIfTables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commitments of a plan as a timeline per site, from the plan tables: every facility
 * increment from construction start to the quarter its MW are ready ({@code plan/builds.csv}),
 * every server order from its order quarter to delivery ({@code plan/servers.csv},
 * {@code order_quarter} to {@code quarter}, rows with servers added). In a what-if, commitments
 * kept from the baseline ({@code held.csv}) are marked.
 *
 * <p>Orders of one chip at one site overlap when the lead time is more than a quarter (an order
 * every quarter, each taking two); each chip gets as many lanes as it needs, so no two bars of
 * one row overlap.
 */
record CommitmentTimeline(List<Quarter> quarters, Map<String, List<Bar>> bySite) {

    enum Kind { CONSTRUCTION, ORDER }

    /**
     * One commitment: made in quarter index {@code from} (construction start, order), arriving in
     * {@code to} (MW ready, servers installed), on row {@code row} of its site's chart.
     * {@code from} may lie before the horizon (index below 0) only in a what-if's baseline.
     */
    record Bar(String row, Kind kind, int from, int to, String label, boolean held) {
    }

    static CommitmentTimeline of(List<Quarter> quarters, List<String> sites, PlanTables t, WhatIfTables whatIf) {
        Set<String> held = new HashSet<>();
        if (whatIf != null) {
            whatIf.held().forEach(h -> held.add(key(h.kind(), h.site(), h.chip(), h.quarter())));
        }
        int first = quarters.get(0).ordinal();
        Map<String, List<Bar>> bySite = new LinkedHashMap<>();
        sites.forEach(s -> bySite.put(s, new ArrayList<>()));
        Map<String, List<List<Bar>>> lanes = new LinkedHashMap<>();
        for (PlanTables.BuildRow b : t.builds()) {
            if (b.mw() > 0 && bySite.containsKey(b.site())) {
                Bar bar = new Bar("builds", Kind.CONSTRUCTION, b.startQuarter().ordinal() - first,
                        b.readyQuarter().ordinal() - first, shortMw(b.mw()),
                        held.contains(key(WhatIfTables.FACILITY, b.site(), "", b.readyQuarter())));
                placeInLane(lanes.computeIfAbsent(b.site() + "|", k -> new ArrayList<>()), bar);
            }
        }
        for (PlanTables.ServerRow r : t.servers()) {
            if (r.added() <= 0 || !bySite.containsKey(r.site())) {
                continue;
            }
            Bar bar = new Bar(r.chip() + " orders", Kind.ORDER, r.orderQuarter().ordinal() - first, r.quarter().ordinal() - first,
                    ReportFormat.count(r.added()), held.contains(key(WhatIfTables.SERVER, r.site(), r.chip(), r.quarter())));
            placeInLane(lanes.computeIfAbsent(r.site() + "|" + r.chip(), k -> new ArrayList<>()), bar);
        }
        lanes.forEach((key, chipLanes) -> {
            String site = key.substring(0, key.indexOf('|'));
            for (int i = 0; i < chipLanes.size(); i++) {
                String suffix = i == 0 ? "" : " (" + (i + 1) + ")";
                for (Bar b : chipLanes.get(i)) {
                    bySite.get(site).add(new Bar(b.row() + suffix, b.kind(), b.from(), b.to(), b.label(), b.held()));
                }
            }
        });
        return new CommitmentTimeline(quarters, bySite);
    }

    /**
     * The first lane whose last bar has arrived (its arrival quarter included) before this one is
     * made, or a new lane.
     */
    private static void placeInLane(List<List<Bar>> lanes, Bar bar) {
        for (List<Bar> lane : lanes) {
            if (lane.get(lane.size() - 1).to() < bar.from()) {
                lane.add(bar);
                return;
            }
        }
        List<Bar> lane = new ArrayList<>();
        lane.add(bar);
        lanes.add(lane);
    }

    /** "20 MW", "18.5 MW": short enough for a quarter's bar. */
    static String shortMw(double mw) {
        return ReportFormat.grouped(mw, mw == Math.rint(mw) ? 0 : 1) + " MW";
    }

    private static String key(String kind, String site, String chip, Quarter q) {
        return kind + "|" + site + "|" + chip + "|" + q;
    }

    /** The rows of a site's chart, in order of first appearance (builds first, then each chip's lanes). */
    List<String> rows(String site) {
        List<String> rows = new ArrayList<>();
        for (Bar b : bySite.getOrDefault(site, List.of())) {
            if (!rows.contains(b.row())) {
                rows.add(b.row());
            }
        }
        return rows;
    }

    boolean isEmpty(String site) {
        return bySite.getOrDefault(site, List.of()).isEmpty();
    }
}
