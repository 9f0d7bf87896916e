package dcplan.plan.evaluation;

import dcplan.model.Workload;
import dcplan.plan.Evaluation.CellResult;
import dcplan.plan.Evaluation.WorkloadCost;

import java.util.ArrayList;
import java.util.List;

/**
 * Cost per workload, and per region and workload: the cost {@link Costs} attributes to each
 * (region, workload), what it served ({@link PlanArrays}) and left unmet ({@link Shortfalls}),
 * per million inferences and, for workloads with {@code tokens_per_inference}, per million
 * tokens ({@code cost / (served * tokens_per_inference) * 1e6}).
 */
public final class WorkloadCosts {
    private WorkloadCosts() {
    }

    /** One line per workload of the model, in model order, over every region. */
    public static List<WorkloadCost> byWorkload(PlanArrays a, Costs costs, List<CellResult> cells) {
        ModelIndex ix = a.index();
        double[][] unmet = unmet(ix, cells);
        List<WorkloadCost> out = new ArrayList<>();
        for (int w = 0; w < ix.workloads(); w++) {
            double cost = 0;
            double served = 0;
            double unmetW = 0;
            for (int r = 0; r < ix.regions(); r++) {
                cost += costs.ofDemand(r, w);
                served += a.servedOfDemand(r, w);
                unmetW += unmet[r][w];
            }
            out.add(line(ix.workloadAt(w), null, cost, served, unmetW));
        }
        return out;
    }

    /** One line per (region, workload) served or charged something, region by region in model order. */
    public static List<WorkloadCost> byRegionAndWorkload(PlanArrays a, Costs costs, List<CellResult> cells) {
        ModelIndex ix = a.index();
        double[][] unmet = unmet(ix, cells);
        List<WorkloadCost> out = new ArrayList<>();
        for (int r = 0; r < ix.regions(); r++) {
            for (int w = 0; w < ix.workloads(); w++) {
                if (a.servedOfDemand(r, w) > 0 || costs.ofDemand(r, w) != 0) {
                    out.add(line(ix.workloadAt(w), ix.region(r).id(), costs.ofDemand(r, w), a.servedOfDemand(r, w),
                            unmet[r][w]));
                }
            }
        }
        return out;
    }

    private static WorkloadCost line(Workload w, String region, double cost, double served, double unmet) {
        Double tokens = w.tokensPerInference();
        Double perMillionTokens = tokens == null ? null : Costs.perMillion(cost, served * tokens);
        return new WorkloadCost(w.id(), region, cost, served, unmet, Costs.perMillion(cost, served), tokens,
                perMillionTokens);
    }

    /** Unmet inferences per [region][workload] from the cells. */
    private static double[][] unmet(ModelIndex ix, List<CellResult> cells) {
        double[][] unmet = new double[ix.regions()][ix.workloads()];
        for (CellResult c : cells) {
            unmet[ix.regionIndex(c.region())][ix.workloadIndex(c.workload())] += c.unmetInferences();
        }
        return unmet;
    }
}
