package dcplan.hedge;

import dcplan.model.Quarter;
import dcplan.plan.Plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FutureTask} sends back to the driver: the plan as rows (doubles travel exactly),
 * and for an LP task the relaxation's own unmet volume and cost. The driver evaluates a plan
 * itself ({@code PlanEvaluator}), so a Spark run's figures come from the same code as a local one.
 *
 * @param error null when the task succeeded; else one line (the task's future name first)
 */
public record FutureOutcome(int index, String name, List<FlowRow> flows, List<InstalledRow> installed,
                            List<MwRow> itMw, double unmetInferences, double totalCostUsd, String note,
                            String error, double seconds) implements Serializable {

    public record FlowRow(String region, String workload, String quarter, String site, String chip, double peakIps,
                          double avgIps) implements Serializable {
    }

    public record InstalledRow(String site, String chip, String quarter, int servers) implements Serializable {
    }

    public record MwRow(String site, String quarter, double mw) implements Serializable {
    }

    public FutureOutcome {
        flows = List.copyOf(flows);
        installed = List.copyOf(installed);
        itMw = List.copyOf(itMw);
    }

    static FutureOutcome of(FutureTask task, Plan plan, double unmet, double cost, String note, double seconds) {
        List<FlowRow> flows = plan.flows().stream().map(f -> new FlowRow(f.region(), f.workload(),
                f.quarter().toString(), f.site(), f.chip(), f.peakIps(), f.avgIps())).toList();
        List<InstalledRow> installed = new ArrayList<>();
        plan.installed().forEach((k, v) -> installed.add(new InstalledRow(k.site(), k.chip(), k.quarter().toString(), v)));
        installed.sort(Comparator.comparing(InstalledRow::site).thenComparing(InstalledRow::chip)
                .thenComparing(InstalledRow::quarter));
        List<MwRow> mw = new ArrayList<>();
        plan.itMwBuilt().forEach((k, v) -> mw.add(new MwRow(k.site(), k.quarter().toString(), v)));
        mw.sort(Comparator.comparing(MwRow::site).thenComparing(MwRow::quarter));
        return new FutureOutcome(task.index(), task.name(), flows, installed, mw, unmet, cost, note, null, seconds);
    }

    static FutureOutcome failed(FutureTask task, String error, double seconds) {
        return new FutureOutcome(task.index(), task.name(), List.of(), List.of(), List.of(), Double.NaN, Double.NaN,
                "", task.name() + ": " + error, seconds);
    }

    public boolean failed() {
        return error != null;
    }

    /** The plan, in flow order as the solver returned it. */
    public Plan plan() {
        List<Plan.Flow> f = flows.stream().map(r -> new Plan.Flow(r.region(), r.workload(), Quarter.parse(r.quarter()),
                r.site(), r.chip(), r.peakIps(), r.avgIps())).toList();
        Map<Plan.SiteChipQuarter, Integer> i = new HashMap<>();
        installed.forEach(r -> i.put(new Plan.SiteChipQuarter(r.site(), r.chip(), Quarter.parse(r.quarter())), r.servers()));
        Map<Plan.SiteQuarter, Double> m = new HashMap<>();
        itMw.forEach(r -> m.put(new Plan.SiteQuarter(r.site(), Quarter.parse(r.quarter())), r.mw()));
        return new Plan(f, i, m);
    }
}
