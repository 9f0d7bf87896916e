package dcplan.hedge;

import dcplan.model.Quarter;
import dcplan.plan.Plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FutureTask} sends back to the driver: for an LP task the relaxation's own unmet
 * volume and cost, and the plan unless the task asked for the figures only
 * ({@link FutureTask.Kind#LP_FIGURES}). The driver evaluates a plan itself ({@code PlanEvaluator}),
 * so a Spark run's figures come from the same code as a local one.
 *
 * @param rows  the plan, compactly ({@link PlanRows}); null when it stayed on the executor or the task failed
 * @param error null when the task succeeded; else one line (the task's future name first)
 */
public record FutureOutcome(int index, String name, PlanRows rows, double unmetInferences, double totalCostUsd,
                            String note, String error, double seconds) implements Serializable {

    /**
     * A plan as primitive arrays over one table of its ids (regions, workloads, sites, chips) and
     * quarters as numbers: a plan is some hundreds of flows, and as one record of five Strings each
     * it cost the executor (serialising) and the driver (reading, on a core two executors need) far
     * more than its numbers. Doubles travel exactly.
     *
     * @param ids        the distinct ids the plan names, each once
     * @param flowKeys   five per flow: region, workload, site, chip (indices into {@code ids}) and quarter
     * @param flowIps    two per flow: peak and average ips
     * @param serverKeys three per installed entry: site, chip, quarter
     * @param servers    one per installed entry
     * @param mwKeys     two per built entry: site, quarter
     * @param mw         one per built entry
     */
    public record PlanRows(String[] ids, int[] flowKeys, double[] flowIps, int[] serverKeys, int[] servers,
                           int[] mwKeys, double[] mw) implements Serializable {

        static PlanRows of(Plan plan) {
            Map<String, Integer> index = new HashMap<>();
            List<String> ids = new ArrayList<>();
            int n = plan.flows().size();
            int[] flowKeys = new int[5 * n];
            double[] flowIps = new double[2 * n];
            for (int k = 0; k < n; k++) {
                Plan.Flow f = plan.flows().get(k);
                flowKeys[5 * k] = id(f.region(), index, ids);
                flowKeys[5 * k + 1] = id(f.workload(), index, ids);
                flowKeys[5 * k + 2] = id(f.site(), index, ids);
                flowKeys[5 * k + 3] = id(f.chip(), index, ids);
                flowKeys[5 * k + 4] = quarter(f.quarter());
                flowIps[2 * k] = f.peakIps();
                flowIps[2 * k + 1] = f.avgIps();
            }
            int[] serverKeys = new int[3 * plan.installed().size()];
            int[] servers = new int[plan.installed().size()];
            int k = 0;
            for (Map.Entry<Plan.SiteChipQuarter, Integer> e : plan.installed().entrySet()) {
                serverKeys[3 * k] = id(e.getKey().site(), index, ids);
                serverKeys[3 * k + 1] = id(e.getKey().chip(), index, ids);
                serverKeys[3 * k + 2] = quarter(e.getKey().quarter());
                servers[k++] = e.getValue();
            }
            int[] mwKeys = new int[2 * plan.itMwBuilt().size()];
            double[] mw = new double[plan.itMwBuilt().size()];
            k = 0;
            for (Map.Entry<Plan.SiteQuarter, Double> e : plan.itMwBuilt().entrySet()) {
                mwKeys[2 * k] = id(e.getKey().site(), index, ids);
                mwKeys[2 * k + 1] = quarter(e.getKey().quarter());
                mw[k++] = e.getValue();
            }
            return new PlanRows(ids.toArray(String[]::new), flowKeys, flowIps, serverKeys, servers, mwKeys, mw);
        }

        /** The plan, its flows in the order the solver returned them. */
        Plan plan() {
            Map<Integer, Quarter> quarters = new HashMap<>();
            int n = flowIps.length / 2;
            List<Plan.Flow> f = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                f.add(new Plan.Flow(ids[flowKeys[5 * k]], ids[flowKeys[5 * k + 1]],
                        quarters.computeIfAbsent(flowKeys[5 * k + 4], PlanRows::quarter), ids[flowKeys[5 * k + 2]],
                        ids[flowKeys[5 * k + 3]], flowIps[2 * k], flowIps[2 * k + 1]));
            }
            Map<Plan.SiteChipQuarter, Integer> i = new HashMap<>();
            for (int k = 0; k < servers.length; k++) {
                i.put(new Plan.SiteChipQuarter(ids[serverKeys[3 * k]], ids[serverKeys[3 * k + 1]],
                        quarters.computeIfAbsent(serverKeys[3 * k + 2], PlanRows::quarter)), servers[k]);
            }
            Map<Plan.SiteQuarter, Double> m = new HashMap<>();
            for (int k = 0; k < mw.length; k++) {
                m.put(new Plan.SiteQuarter(ids[mwKeys[2 * k]], quarters.computeIfAbsent(mwKeys[2 * k + 1],
                        PlanRows::quarter)), mw[k]);
            }
            return new Plan(f, i, m);
        }

        private static int id(String id, Map<String, Integer> index, List<String> ids) {
            return index.computeIfAbsent(id, k -> {
                ids.add(k);
                return ids.size() - 1;
            });
        }

        private static int quarter(Quarter q) {
            return 4 * q.year() + q.q() - 1;
        }

        private static Quarter quarter(int code) {
            return new Quarter(code / 4, code % 4 + 1);
        }
    }

    /** The task's outcome with its plan ({@code plan} null: the figures only). */
    static FutureOutcome of(FutureTask task, Plan plan, double unmet, double cost, String note, double seconds) {
        return new FutureOutcome(task.index(), task.name(), plan == null ? null : PlanRows.of(plan), unmet, cost, note,
                null, seconds);
    }

    static FutureOutcome failed(FutureTask task, String error, double seconds) {
        return new FutureOutcome(task.index(), task.name(), null, Double.NaN, Double.NaN, "",
                task.name() + ": " + error, seconds);
    }

    public boolean failed() {
        return error != null;
    }

    /** The same outcome with {@code seconds} as its time (tests that make some futures look longer). */
    FutureOutcome withSeconds(double seconds) {
        return new FutureOutcome(index, name, rows, unmetInferences, totalCostUsd, note, error, seconds);
    }

    /** The plan, in flow order as the solver returned it; only for a task that sent it back. */
    public Plan plan() {
        if (rows == null) {
            throw new IllegalStateException(failed() ? error : name + ": the task sent its figures only, not its plan");
        }
        return rows.plan();
    }
}
