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
     * is solved first and seeds the routes, unless the caller routed the problem already (a warm
     * start), in which case it is solved after the search; either way its cost is a lower bound
     * (see {@link PlanLinearProgram#lowerBound}).
     */
    public Outcome plan(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                        CapacitySolver.Options options, LpLimits lp) {
        LpResult relaxation = null;
        boolean warm = problem.getChunks().stream().anyMatch(c -> c.getRoute() != null);
        if (isOn(lp.relaxation()) && !warm) {
            relaxation = PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(lp.relaxation()));
            if (relaxation.status().hasSolution()) {
                FlowSeed.apply(problem, relaxation.plan().flows());
            }
        }
        CapacitySolver.Result search = solver.solve(problem, options);
        if (isOn(lp.relaxation()) && warm) {
            // a warm start needs no seed: the relaxation comes after, for the bound and as a candidate
            relaxation = PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withTimeLimit(lp.relaxation()));
        }
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
            Plan rounded = clippedToCapacity(model, roundedUp(model, relaxation));
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
        int nq = quarters.size();
        int ns = model.sites().size();
        int nc = model.chips().size();
        int[][][] servers = new int[nc][ns][nq];
        double[][][] exact = new double[nc][ns][nq];
        for (int c = 0; c < nc; c++) {
            var chip = model.chips().get(c);
            for (int s = 0; s < ns; s++) {
                var site = model.sites().get(s);
                int running = site.existingServers(chip.id());
                for (int q = 0; q < nq; q++) {
                    Double x = relaxation.installedExact().get(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)));
                    exact[c][s][q] = x == null ? 0.0 : x;
                    if (x != null) {
                        // 1e-6: the LP's 12.0000001 servers are 12, not 13
                        running = Math.max(running, (int) Math.ceil(x - 1e-6));
                    }
                    servers[c][s][q] = running;
                }
            }
            buyEarlierWithinSupply(model, chip, servers[c]);
        }
        trimToPowerAndFirstSupply(model, servers, exact);
        trimToBudgets(model, servers, exact);
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (int s = 0; s < ns; s++) {
            var site = model.sites().get(s);
            for (int q = 0; q < nq; q++) {
                double kw = 0;
                for (int c = 0; c < nc; c++) {
                    if (servers[c][s][q] > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), model.chips().get(c).id(), quarters.get(q)), servers[c][s][q]);
                    }
                    kw += servers[c][s][q] * model.chips().get(c).serverKw();
                }
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), Math.max(site.existingItMw(), kw / 1000.0));
            }
        }
        return new Plan(relaxation.plan().flows(), installed, built);
    }

    /**
     * Where rounding up leaves a site over its power ceiling, or a chip's first quarter over its
     * supply (nothing earlier to buy in), one server is taken back at a time from the route whose
     * rounding added the most, down to the LP's own value at most. The LP re-split that follows
     * moves the sliver of demand those servers carried to routes with rounding slack.
     */
    static void trimToPowerAndFirstSupply(PlanningModel model, int[][][] servers, double[][][] exact) {
        List<Quarter> quarters = model.quarters();
        int nc = servers.length;
        int ns = model.sites().size();
        for (int s = 0; s < ns; s++) {
            var site = model.sites().get(s);
            for (int q = 0; q < quarters.size(); q++) {
                double maxKw = site.maxMwIn(quarters.get(q)) * 1000.0;
                while (true) {
                    double kw = 0;
                    for (int c = 0; c < nc; c++) {
                        kw += servers[c][s][q] * model.chips().get(c).serverKw();
                    }
                    int c = mostRoundedUp(servers, exact, s, q, model, site);
                    if (kw <= maxKw + 1e-9 || c < 0) {
                        break;
                    }
                    takeBack(servers[c][s], q);
                }
            }
        }
        for (int c = 0; c < nc; c++) {
            var chip = model.chips().get(c);
            long supply = chip.supply().in(quarters.get(0));
            while (true) {
                long bought = 0;
                int best = -1;
                double slack = 1e-9;
                for (int s = 0; s < ns; s++) {
                    var site = model.sites().get(s);
                    bought += servers[c][s][0] - site.existingServers(chip.id());
                    double extra = servers[c][s][0] - Math.max(exact[c][s][0], site.existingServers(chip.id()));
                    if (extra > slack) {
                        slack = extra;
                        best = s;
                    }
                }
                if (bought <= supply || best < 0) {
                    break;
                }
                takeBack(servers[c][best], 0);
            }
        }
    }

    /**
     * Where rounding up pushes a year's capex over its budget, servers bought in that year are
     * taken back one at a time from the route whose rounding added the most, until it fits or
     * nothing rounded remains (then the evaluator rejects the candidate).
     */
    static void trimToBudgets(PlanningModel model, int[][][] servers, double[][][] exact) {
        List<Quarter> quarters = model.quarters();
        for (int guard = 0; guard < 100_000; guard++) {
            double[] capex = yearCapex(model, servers);
            int over = -1;
            for (int q = 0; q < quarters.size() && over < 0; q++) {
                if (capex[q] > model.policy().budgetUsd(quarters.get(q).year()) + 1e-6) {
                    over = quarters.get(q).year();
                }
            }
            if (over < 0) {
                return;
            }
            int bestC = -1;
            int bestS = -1;
            int bestQ = -1;
            double slack = 1e-9;
            for (int c = 0; c < servers.length; c++) {
                for (int s = 0; s < servers[c].length; s++) {
                    int existing = model.sites().get(s).existingServers(model.chips().get(c).id());
                    for (int q = 0; q < quarters.size(); q++) {
                        int before = q == 0 ? existing : servers[c][s][q - 1];
                        double extra = servers[c][s][q] - Math.max(exact[c][s][q], existing);
                        if (quarters.get(q).year() == over && servers[c][s][q] > before && extra > slack) {
                            slack = extra;
                            bestC = c;
                            bestS = s;
                            bestQ = q;
                        }
                    }
                }
            }
            if (bestC < 0) {
                return;
            }
            takeBack(servers[bestC][bestS], bestQ);
        }
    }

    /** Cash capex of each quarter's year (servers bought plus MW built), indexed by quarter. */
    private static double[] yearCapex(PlanningModel model, int[][][] servers) {
        List<Quarter> quarters = model.quarters();
        Map<Integer, Double> byYear = new HashMap<>();
        for (int s = 0; s < model.sites().size(); s++) {
            var site = model.sites().get(s);
            double previousMw = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                double kw = 0;
                double spent = 0;
                for (int c = 0; c < servers.length; c++) {
                    var chip = model.chips().get(c);
                    int before = q == 0 ? site.existingServers(chip.id()) : servers[c][s][q - 1];
                    spent += (servers[c][s][q] - before) * chip.serverPriceUsd();
                    kw += servers[c][s][q] * chip.serverKw();
                }
                double mw = Math.max(previousMw, kw / 1000.0);
                spent += (mw - previousMw) * site.expansionUsdPerMw();
                previousMw = mw;
                byYear.merge(quarters.get(q).year(), spent, Double::sum);
            }
        }
        double[] out = new double[quarters.size()];
        for (int q = 0; q < quarters.size(); q++) {
            out[q] = byYear.get(quarters.get(q).year());
        }
        return out;
    }

    /** The chip at (site, q) whose servers exceed the LP's the most (and exceed existing), or -1. */
    private static int mostRoundedUp(int[][][] servers, double[][][] exact, int s, int q, PlanningModel model,
                                     dcplan.model.Site site) {
        int best = -1;
        double slack = 1e-9;
        for (int c = 0; c < servers.length; c++) {
            double floor = Math.max(exact[c][s][q], site.existingServers(model.chips().get(c).id()));
            double extra = servers[c][s][q] - floor;
            if (extra > slack) {
                slack = extra;
                best = c;
            }
        }
        return best;
    }

    /**
     * Rounding each site's servers up can ask for a few more servers in a quarter than the chip's
     * supply allows. Walking back from the last quarter, the excess of a quarter is bought one
     * quarter earlier instead (at the sites buying in that quarter), as the LP itself buys ahead
     * of need when supply binds. Servers only grow, so every flow still fits.
     */
    static void buyEarlierWithinSupply(PlanningModel model, dcplan.model.Chip chip, int[][] servers) {
        List<Quarter> quarters = model.quarters();
        for (int q = quarters.size() - 1; q >= 1; q--) {
            long supply = chip.supply().in(quarters.get(q));
            long bought = 0;
            for (int[] site : servers) {
                bought += site[q] - site[q - 1];
            }
            long excess = bought - supply;
            for (int s = 0; s < servers.length && excess > 0; s++) {
                int buyingHere = servers[s][q] - servers[s][q - 1];
                int moved = (int) Math.min(excess, buyingHere);
                servers[s][q - 1] += moved; // still <= servers[s][q]: never decreasing
                excess -= moved;
            }
        }
    }

    /**
     * Flows scaled down, per (site, chip, quarter), to what the plan's servers carry at target
     * utilisation: after servers were trimmed, the flows are a feasible start for the re-split.
     */
    static Plan clippedToCapacity(PlanningModel model, Plan plan) {
        double u = model.policy().targetUtilization();
        Map<Plan.SiteChipQuarter, Double> load = new HashMap<>();
        for (Plan.Flow f : plan.flows()) {
            double throughput = model.chip(f.chip()).orElseThrow().throughput(f.workload());
            load.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()), f.peakIps() / throughput, Double::sum);
        }
        List<Plan.Flow> flows = new ArrayList<>();
        for (Plan.Flow f : plan.flows()) {
            Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter());
            double capacity = u * plan.installed().getOrDefault(key, 0);
            double need = load.get(key);
            // (1 - 1e-12): a hair under, so float round-off never puts the flows over
            double scale = need > capacity ? capacity / need * (1 - 1e-12) : 1.0;
            flows.add(new Plan.Flow(f.region(), f.workload(), f.quarter(), f.site(), f.chip(),
                    f.peakIps() * scale, f.avgIps() * scale));
        }
        return new Plan(flows, plan.installed(), plan.itMwBuilt());
    }

    /** One server fewer from quarter q back through the run of equal counts (stays never decreasing). */
    private static void takeBack(int[] servers, int q) {
        int value = servers[q];
        for (int k = q; k >= 0 && servers[k] == value; k--) {
            servers[k]--;
        }
    }

    /**
     * Served volumes closer than this share of all demand are the same: the LP solvers' own
     * tolerances (and the MIP's gap) leave differences of that order, and without it a plan
     * 7 % dearer won by serving 1e-7 more of the demand (measured on a seeded small instance).
     */
    static final double SAME_SERVED = 1e-6;

    /** Feasible beats infeasible; then less unmet (beyond {@link #SAME_SERVED}); then cheaper. */
    static boolean isBetter(Evaluation candidate, Evaluation incumbent) {
        if (candidate.feasible() != incumbent.feasible()) {
            return candidate.feasible();
        }
        double volume = Math.max(1.0, candidate.servedInferences() + candidate.unmetInferences());
        double unmetDiff = candidate.unmetInferences() - incumbent.unmetInferences();
        if (Math.abs(unmetDiff) > SAME_SERVED * volume) {
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
