package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole planning step: OptaPlanner decides the capex (which routes, hence how many servers
 * and MW where and when), then an LP re-splits the demand over the servers it bought (the
 * search moves demand in chunks; the LP moves it continuously) and the servers and MW are
 * trimmed to what the new flows need. Each refinement is kept only if the independent
 * {@link PlanEvaluator} finds it feasible and better (less unmet, then cheaper).
 */
public final class Planner {

    /** The planned result: the plan, its evaluation and how it was found. */
    public record Outcome(Plan plan, Evaluation evaluation, CapacitySolver.Result search,
                          boolean polished, String polishNote, LpResult relaxation) {
    }

    /** Time limits of the LP steps; a zero or null duration skips that step. */
    public record LpLimits(Duration relaxation, Duration polish) {
        public static final LpLimits NONE = new LpLimits(null, null);
    }

    static {
        OjAlgoQuiet.load();
    }

    private final CapacitySolver solver = new CapacitySolver();

    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacitySolver.Options options,
                        LpLimits lp) {
        return plan(model, demand, ProblemBuilder.build(model, demand, options.chunksPerCell()), options, lp);
    }

    /**
     * Plans from a problem built by the caller. With a relaxation time limit, the LP relaxation
     * is solved first and seeds the routes (unless the caller routed the problem already: a warm
     * start); its cost is also a lower bound (see {@link PlanLinearProgram#lowerBound}).
     */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp) {
        LpResult relaxation = null;
        if (isOn(lp.relaxation())) {
            relaxation = PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(lp.relaxation()));
            boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
            if (relaxation.status().hasSolution() && !warm) {
                FlowSeed.apply(problem, relaxation.plan().flows());
            }
        }
        CapacitySolver.Result search = solver.solve(problem, options);
        Plan best = search.plan();
        Evaluation bestEval = PlanEvaluator.evaluate(model, demand, best);
        if (!isOn(lp.polish())) {
            return new Outcome(best, bestEval, search, false, "LP polish off", relaxation);
        }
        Duration polishTimeLimit = lp.polish();
        LpResult polish = PlanLinearProgram.polishDispatch(model, demand, best,
                LpOptions.relaxed().withTimeLimit(polishTimeLimit));
        String note = "search plan";
        boolean polished = false;
        List<Candidate> candidates = new ArrayList<>();
        if (polish.status().hasSolution()) {
            candidates.add(new Candidate("search plan, LP re-split", polish.plan()));
            candidates.add(new Candidate("search plan, LP re-split, trimmed", trimmed(model, polish.plan())));
        }
        if (relaxation != null && relaxation.status().hasSolution()) {
            // The relaxation may buy servers ahead of need (for a later quarter's supply or
            // budget), which the search's derived servers never do; rounded up, it is a plan.
            Plan rounded = roundedUp(model, relaxation);
            LpResult split = PlanLinearProgram.polishDispatch(model, demand, rounded,
                    LpOptions.relaxed().withTimeLimit(polishTimeLimit));
            if (split.status().hasSolution()) {
                candidates.add(new Candidate("LP relaxation rounded up, LP re-split", split.plan()));
                candidates.add(new Candidate("LP relaxation rounded up, LP re-split, trimmed", trimmed(model, split.plan())));
            }
        }
        for (Candidate candidate : candidates) {
            Evaluation e = PlanEvaluator.evaluate(model, demand, candidate.plan());
            if (isBetter(e, bestEval)) {
                best = candidate.plan();
                bestEval = e;
                note = candidate.name();
                polished = true;
            }
        }
        return new Outcome(best, bestEval, search, polished, note, relaxation);
    }

    private static boolean isOn(Duration limit) {
        return limit != null && !limit.isZero() && !limit.isNegative();
    }

    /** Stops the search in progress (Ctrl-C); the plan is then finished from the best so far. */
    public void terminateEarly() {
        solver.terminateEarly();
    }

    private record Candidate(String name, Plan plan) {
    }

    /**
     * The relaxation's servers rounded up to whole servers (never decreasing, never below
     * existing) and the least MW that powers them; its flows fit, since servers only grew.
     * Rounding up may break a supply, power or budget limit: the evaluator then rejects it.
     */
    static Plan roundedUp(PlanningModel model, LpResult relaxation) {
        List<Quarter> quarters = model.quarters();
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (var site : model.sites()) {
            double[] kw = new double[quarters.size()];
            for (var chip : model.chips()) {
                int servers = site.existingServers(chip.id());
                for (int q = 0; q < quarters.size(); q++) {
                    Double exact = relaxation.installedExact().get(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)));
                    if (exact != null) {
                        // 1e-6: the LP's 12.0000001 servers are 12, not 13
                        servers = Math.max(servers, (int) Math.ceil(exact - 1e-6));
                    }
                    if (servers > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)), servers);
                    }
                    kw[q] += servers * chip.serverKw();
                }
            }
            for (int q = 0; q < quarters.size(); q++) {
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), Math.max(site.existingItMw(), kw[q] / 1000.0));
            }
        }
        return new Plan(relaxation.plan().flows(), installed, built);
    }

    /** Feasible beats infeasible; then less unmet (beyond rounding); then cheaper. */
    static boolean isBetter(Evaluation candidate, Evaluation incumbent) {
        if (candidate.feasible() != incumbent.feasible()) {
            return candidate.feasible();
        }
        double volume = Math.max(1.0, candidate.servedInferences() + candidate.unmetInferences());
        double unmetDiff = candidate.unmetInferences() - incumbent.unmetInferences();
        if (Math.abs(unmetDiff) > 1e-9 * volume) {
            return unmetDiff < 0;
        }
        return candidate.totalCostUsd() < incumbent.totalCostUsd() - 1e-6;
    }

    /**
     * The same flows on the fewest servers and MW that carry them: installed servers as the
     * running maximum of ceil(load / u), never below existing; MW as the least that powers them.
     */
    static Plan trimmed(PlanningModel model, Plan plan) {
        List<Quarter> quarters = model.quarters();
        double u = model.policy().targetUtilization();
        Map<String, double[]> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            int q = quarters.indexOf(f.quarter());
            if (throughput > 0 && q >= 0) {
                load.computeIfAbsent(f.site() + "\u0000" + f.chip(), k -> new double[quarters.size()])[q] += f.peakIps() / throughput;
            }
        }
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (var site : model.sites()) {
            double[] kw = new double[quarters.size()];
            for (var chip : model.chips()) {
                double[] l = load.getOrDefault(site.id() + "\u0000" + chip.id(), new double[quarters.size()]);
                int servers = site.existingServers(chip.id());
                for (int q = 0; q < quarters.size(); q++) {
                    // 1e-9 absorbs float noise in the LP's flows so 10.0000000001 servers is 10
                    servers = Math.max(servers, (int) Math.ceil(l[q] / u - 1e-9));
                    if (servers > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)), servers);
                    }
                    kw[q] += servers * chip.serverKw();
                }
            }
            for (int q = 0; q < quarters.size(); q++) {
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), Math.max(site.existingItMw(), kw[q] / 1000.0));
            }
        }
        return new Plan(new ArrayList<>(plan.flows()), installed, built);
    }
}
