package dcplan;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small planning models built in code for hand-worked tests. Defaults: one region "r"
 * (country XX), workload "chat" (SLO 100 ms), horizon 2026Q1-2026Q2, u = 0.8, no budgets.
 * Chips and sites are added by the test; figures are chosen so the arithmetic is easy.
 */
public final class TinyModel {
    public final List<Region> regions = new ArrayList<>();
    public final List<Workload> workloads = new ArrayList<>();
    public final List<Site> sites = new ArrayList<>();
    public final List<Chip> chips = new ArrayList<>();
    public Quarter from = Quarter.parse("2026Q1");
    public Quarter to = Quarter.parse("2026Q2");
    public double utilization = 0.8;
    public final Map<Integer, Double> budgets = new LinkedHashMap<>();
    public int facilityAmortization = 60;

    public static TinyModel oneRegion() {
        TinyModel m = new TinyModel();
        m.regions.add(new Region("r", "R", List.of("XX"), List.of(), Map.of()));
        m.workloads.add(new Workload("chat", 100.0));
        return m;
    }

    /** A site 10 ms from region r, PUE 1, 100 USD/MWh (219 USD per kW-quarter), no expansion. */
    public TinyModel site(String id, String jurisdiction, double existingMw, double maxMw,
                          double usdPerMw, Map<String, Integer> existingServers) {
        sites.add(new Site(id, id, jurisdiction, jurisdiction, Map.of("r", 10.0), existingMw, maxMw,
                usdPerMw, null, 100.0, 1.0, existingServers));
        return this;
    }

    /** A chip of 10 kW, idle 0.5, 20-quarter amortisation, serving only "chat". */
    public TinyModel chip(String id, double price, double chatIps, Long supplyPerQuarter, List<Chip.Ban> bans) {
        chips.add(new Chip(id, "v", false, price, 10.0, 0.5, 20, Map.of("chat", chatIps),
                new Chip.Supply(supplyPerQuarter, Map.of()), bans));
        return this;
    }

    public PlanningModel build() {
        return new PlanningModel(regions, workloads, sites, chips,
                new Policy(from, to, 0.9, 0.0, utilization, budgets, facilityAmortization));
    }

    public static DemandCell cell(String quarter, double peak, double avg) {
        return new DemandCell("r", "chat", Quarter.parse(quarter), peak, avg);
    }
}
