package dcplan.sweep;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves or evaluates one case, inside a Spark task or anywhere else: no Spark, no files
 * beyond a private temporary folder. A case that fails becomes a result row with its error
 * (NaN numbers), so one bad case does not stop the sweep.
 */
public final class SweepTask {
    private SweepTask() {
    }

    public static SweepResult run(SweepInputs inputs, SweepCase c) {
        long start = System.nanoTime();
        try {
            PlanningModel model = inputs.model();
            return switch (c.kind()) {
                case SAMPLE -> {
                    List<DemandCell> demand = sampled(inputs, model, c);
                    yield solved(model, demand, inputs, c, "", start);
                }
                case SCENARIO -> {
                    ScenarioApplier.CaseDemandAndModel applied = inputs.scenarios()
                            .apply(c.scenarioYaml(), c.name(), model, inputs.demand());
                    List<DemandCell> demand = inHorizon(applied.model(), applied.demand());
                    List<String> problems = DemandTable.validate(demand, applied.model(), c.name());
                    if (!problems.isEmpty()) {
                        throw new InputException(problems);
                    }
                    yield solved(applied.model(), demand, inputs, c, applied.changes(), start);
                }
                case FIXED_PLAN_EVAL -> evaluated(model, sampled(inputs, model, c), inputs, c, start);
            };
        } catch (RuntimeException e) {
            String message = e instanceof InputException bad ? String.join("; ", bad.problems()) : e.toString();
            return new SweepResult(c.id(), c.kind().label(), c.name(), c.seed(), c.sampleIndex(), false,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    seconds(start), "", message, List.of());
        }
    }

    private static List<DemandCell> sampled(SweepInputs inputs, PlanningModel model, SweepCase c) {
        DemandDistribution d = inputs.distribution(model);
        return MonteCarlo.sample(d, d.rho(), inputs.sampleSeed(), c.sampleIndex());
    }

    /** OptaPlanner (step- or time-limited) with the LP seed and polish, as {@code dcplan plan} does. */
    private static SweepResult solved(PlanningModel model, List<DemandCell> demand, SweepInputs inputs, SweepCase c,
                                      String note, long start) {
        Duration time = c.timeLimitMs() == null ? null : Duration.ofMillis(c.timeLimitMs());
        CapacitySolver.Options options = CapacitySolver.Options.of(time, c.steps(), c.seed())
                .withChunksPerCell(inputs.chunksPerCell())
                .withUnimprovedLimit(Duration.ofMillis(inputs.unimprovedMs())).withGap(inputs.gap());
        Planner.Outcome outcome = new Planner().plan(model, demand, options,
                new Planner.LpLimits(inputs.relaxation(), inputs.polish()));
        String kept = "plan kept: " + outcome.polishNote();
        return result(c, model, outcome.plan(), outcome.evaluation(), note.isEmpty() ? kept : note + "; " + kept, start);
    }

    /**
     * The plan's servers and MW held; its flows first cut to the sampled demand (a cell's flows
     * scaled down so they never exceed its peak), then re-split by the LP over the fixed servers
     * (serve the most, then the least energy); the evaluator says what it serves and costs.
     */
    private static SweepResult evaluated(PlanningModel model, List<DemandCell> demand, SweepInputs inputs,
                                         SweepCase c, long start) {
        Plan clipped = clip(inputs.plan(), demand);
        Plan plan = clipped;
        String note = "plan's flows cut to the sample";
        if (inputs.polishMs() > 0) {
            LpResult polish = PlanLinearProgram.polishDispatch(model, demand, clipped,
                    LpOptions.relaxed().withTimeLimit(inputs.polish()));
            if (polish.status().hasSolution()) {
                plan = polish.plan();
                note = "flows re-split by LP over the plan's servers";
            } else {
                note += " (LP re-split failed: " + polish.status() + ")";
            }
        }
        return result(c, model, plan, PlanEvaluator.evaluate(model, demand, plan), note, start);
    }

    /** The plan's flows scaled down per demand cell to at most its peak; servers and MW unchanged. */
    static Plan clip(Plan plan, List<DemandCell> demand) {
        Map<String, DemandCell> cells = new HashMap<>();
        demand.forEach(d -> cells.put(key(d.region(), d.workload(), d.quarter()), d));
        Map<String, Double> routed = new HashMap<>();
        plan.flows().forEach(f -> routed.merge(key(f.region(), f.workload(), f.quarter()), f.peakIps(), Double::sum));
        List<Plan.Flow> flows = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            String k = key(f.region(), f.workload(), f.quarter());
            DemandCell d = cells.get(k);
            if (d == null || d.peakIps() <= 0) {
                continue;
            }
            double factor = Math.min(1.0, d.peakIps() / routed.get(k));
            double peak = f.peakIps() * factor;
            if (peak > 0) {
                flows.add(new Plan.Flow(f.region(), f.workload(), f.quarter(), f.site(), f.chip(), peak,
                        peak * d.avgPerPeak()));
            }
        }
        return new Plan(flows, plan.installed(), plan.itMwBuilt());
    }

    private static String key(String region, String workload, Quarter q) {
        return region + "\u0000" + workload + "\u0000" + q;
    }

    static List<DemandCell> inHorizon(PlanningModel model, List<DemandCell> demand) {
        List<Quarter> horizon = model.quarters();
        return demand.stream().filter(d -> horizon.contains(d.quarter())).toList();
    }

    private static SweepResult result(SweepCase c, PlanningModel model, Plan plan, Evaluation ev, String note,
                                      long start) {
        Evaluation.CostTerms cost = ev.cost();
        return new SweepResult(c.id(), c.kind().label(), c.name(), c.seed(), c.sampleIndex(), ev.feasible(),
                ev.servedInferences(), ev.unmetInferences(), ev.totalCostUsd(),
                ev.usdPerMillionInferences() == null ? Double.NaN : ev.usdPerMillionInferences(),
                cost.serverCapexAmortized(), cost.facilityCapexAmortized(), cost.energy(), seconds(start), note, null,
                builds(model, plan));
    }

    /** Servers added per (site, chip) and MW added per site by the horizon's last quarter. */
    static List<SweepResult.Build> builds(PlanningModel model, Plan plan) {
        List<Quarter> quarters = model.quarters();
        Quarter last = quarters.get(quarters.size() - 1);
        List<SweepResult.Build> out = new ArrayList<>();
        for (Site s : model.sites()) {
            for (var chip : model.chips()) {
                int installed = plan.installed().getOrDefault(new Plan.SiteChipQuarter(s.id(), chip.id(), last), 0);
                out.add(new SweepResult.Build(s.id(), chip.id(), Math.max(0, installed - s.existingServers(chip.id())), 0.0));
            }
            double built = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(s.id(), last), s.existingItMw());
            out.add(new SweepResult.Build(s.id(), "", 0, Math.max(0.0, built - s.existingItMw())));
        }
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
