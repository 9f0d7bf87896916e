package dcplan.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole planning model: the five input files of a model folder, resolved and validated. */
public record PlanningModel(List<Region> regions, List<Workload> workloads, List<Site> sites,
                            List<Chip> chips, Policy policy) {

    public PlanningModel {
        regions = List.copyOf(regions);
        workloads = List.copyOf(workloads);
        sites = List.copyOf(sites);
        chips = List.copyOf(chips);
    }

    public List<Quarter> quarters() {
        return policy.quarters();
    }

    public Optional<Region> region(String id) {
        return regions.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<Workload> workload(String id) {
        return workloads.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    public Optional<Site> site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Chip> chip(String id) {
        return chips.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Country code to region id, for the forecast roll-up. */
    public Map<String, String> countryToRegion() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Region r : regions) {
            for (String c : r.countries()) {
                out.put(c, r.id());
            }
        }
        return out;
    }
}
