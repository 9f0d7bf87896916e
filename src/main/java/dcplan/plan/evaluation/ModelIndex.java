package dcplan.plan.evaluation;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.Plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's sites, chips, regions and quarters by position (the evaluation's arrays are
 * indexed {@code [s][c][q]}, {@code [r]...}), its workloads by id and the demand cells by
 * (region, workload, quarter). Also says which keys of a plan the model does not know.
 */
public final class ModelIndex {
    /** A demand cell's key: (region, workload, quarter). */
    public record CellKey(String region, String workload, Quarter quarter) {
    }

    private final PlanningModel model;
    private final Map<String, Integer> siteIx = new HashMap<>();
    private final Map<String, Integer> chipIx = new HashMap<>();
    private final Map<String, Integer> regionIx = new HashMap<>();
    private final Map<String, Integer> workloadIx = new HashMap<>();
    private final Map<Quarter, Integer> quarterIx = new HashMap<>();
    private final Map<String, Workload> workloads = new HashMap<>();
    private final Map<CellKey, DemandCell> cells = new LinkedHashMap<>();
    private final List<DemandCell> demand;
    /** The horizon's quarters, listed once: the model makes a new list on every call. */
    private final List<Quarter> quarters;

    public ModelIndex(PlanningModel model, List<DemandCell> demand) {
        this.model = model;
        this.demand = List.copyOf(demand);
        this.quarters = List.copyOf(model.quarters());
        positions(model.sites().stream().map(Site::id).toList(), siteIx);
        positions(model.chips().stream().map(Chip::id).toList(), chipIx);
        positions(model.regions().stream().map(Region::id).toList(), regionIx);
        positions(model.workloads().stream().map(Workload::id).toList(), workloadIx);
        positions(quarters, quarterIx);
        for (Workload w : model.workloads()) {
            workloads.put(w.id(), w);
        }
        for (DemandCell d : demand) {
            cells.put(new CellKey(d.region(), d.workload(), d.quarter()), d);
        }
    }

    private static <K> void positions(List<K> keys, Map<K, Integer> out) {
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), i);
        }
    }

    public PlanningModel model() {
        return model;
    }

    /** The demand table, in its own order. */
    public List<DemandCell> demand() {
        return demand;
    }

    public int sites() {
        return model.sites().size();
    }

    public int chips() {
        return model.chips().size();
    }

    public int quarters() {
        return quarters.size();
    }

    public int regions() {
        return model.regions().size();
    }

    public int workloads() {
        return model.workloads().size();
    }

    public Site site(int s) {
        return model.sites().get(s);
    }

    public Chip chip(int c) {
        return model.chips().get(c);
    }

    public Quarter quarter(int q) {
        return quarters.get(q);
    }

    public Region region(int r) {
        return model.regions().get(r);
    }

    /** The workload at position {@code w} (model order). */
    public Workload workloadAt(int w) {
        return model.workloads().get(w);
    }

    /** Position of a site id, or null when the model has no such site. */
    public Integer siteIndex(String id) {
        return siteIx.get(id);
    }

    public Integer chipIndex(String id) {
        return chipIx.get(id);
    }

    public Integer regionIndex(String id) {
        return regionIx.get(id);
    }

    public Integer workloadIndex(String id) {
        return workloadIx.get(id);
    }

    /** Position of a quarter in the horizon, or null when it is null or outside the horizon. */
    public Integer quarterIndex(Quarter q) {
        return q == null ? null : quarterIx.get(q);
    }

    public Workload workload(String id) {
        return workloads.get(id);
    }

    /** The demand cell of (region, workload, quarter), or null when the demand has none. */
    public DemandCell cell(CellKey key) {
        return cells.get(key);
    }

    /** What a flow names that the model does not know, in words; empty when every key is known. */
    public List<String> unknownKeys(Plan.Flow f) {
        List<String> unknown = new ArrayList<>();
        if (regionIndex(f.region()) == null) {
            unknown.add("region '" + f.region() + "'");
        }
        if (workload(f.workload()) == null) {
            unknown.add("workload '" + f.workload() + "'");
        }
        if (siteIndex(f.site()) == null) {
            unknown.add("site '" + f.site() + "'");
        }
        if (chipIndex(f.chip()) == null) {
            unknown.add("chip '" + f.chip() + "'");
        }
        if (quarterIndex(f.quarter()) == null) {
            unknown.add("quarter outside the horizon");
        }
        return unknown;
    }

    public boolean knows(Plan.SiteChipQuarter k) {
        return siteIndex(k.site()) != null && chipIndex(k.chip()) != null && quarterIndex(k.quarter()) != null;
    }

    public boolean knows(Plan.SiteQuarter k) {
        return siteIndex(k.site()) != null && quarterIndex(k.quarter()) != null;
    }
}
