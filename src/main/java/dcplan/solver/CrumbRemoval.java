package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Eligibility;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.ReportThresholds;
import dcplan.plan.Sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The planner's last step: economically meaningless crumbs tidied away where the contract allows
 * ({@link ReportThresholds}: crumb flows and crumb MW increments). Every step keeps the plan's
 * servers or lowers them (never below what lead times and commitments hold, {@link HeldLevels}),
 * moves load only onto servers already installed (eligible for the cell
 * and with room at target utilisation), and is kept only if the evaluator finds the result no
 * worse than the plan before it ({@code Planner.isNoWorse}: feasible, no cell served less beyond
 * round-off, cost not higher):
 * <ol>
 *   <li>a crumb MW increment (a few servers tipping a site over its built MW) is avoided by
 *   dropping those servers and keeping the site at its previous MW, their load moved onto idle
 *   capacity elsewhere in the same quarters ({@link #withoutMwCrumb}) or, where there is none
 *   for it, the whole demand re-split over the servers left ({@link #serversDropped}, then the
 *   LP's dispatch polish);</li>
 *   <li>crumb flows are merged into their cell's other flows where those have room
 *   ({@link #mergedCrumbs}), first to any of them, then only where the energy per inference does
 *   not rise; with and without trimming the servers the merge frees.</li>
 * </ol>
 */
final class CrumbRemoval {
    /** The tidied plan and its evaluation, and what was done ("" when nothing). */
    record Result(Plan plan, Evaluation evaluation, String note) {
    }

    /** A crumb MW increment: site s built {@code addedMw} more in quarter q. */
    record MwCrumb(String site, int quarter, double addedMw) {
    }

    private CrumbRemoval() {
    }

    /**
     * Tidies {@code plan} (evaluated as {@code evaluation}); {@code noWorse} decides whether a
     * tidied plan may replace the current one. {@code reSplit} re-splits demand over a plan's
     * servers (the LP's dispatch polish): where a crumb MW increment's load finds no room by moving
     * its own flows, the servers are dropped and the whole demand re-split over the rest, which
     * can move other cells' load out of the way.
     */
    static Result tidy(PlanningModel model, List<DemandCell> demand, Plan plan, Evaluation evaluation, HeldLevels held,
                       Function<Plan, Evaluation> evaluate, BiPredicate<Evaluation, Evaluation> noWorse,
                       UnaryOperator<Plan> reSplit) {
        return tidy(model, demand, plan, evaluation, held, evaluate, noWorse, reSplit, () -> false);
    }

    /**
     * {@link #tidy(PlanningModel, List, Plan, Evaluation, HeldLevels, Function, BiPredicate, UnaryOperator)}
     * until {@code stop} says so (the planner's {@link Deadline}): checked before each crumb MW
     * increment and before the merge of crumb flows, it ends the tidy keeping what was tidied
     * so far (each step is kept only when no worse, so any prefix of them is a valid result).
     */
    static Result tidy(PlanningModel model, List<DemandCell> demand, Plan plan, Evaluation evaluation, HeldLevels held,
                       Function<Plan, Evaluation> evaluate, BiPredicate<Evaluation, Evaluation> noWorse,
                       UnaryOperator<Plan> reSplit, BooleanSupplier stop) {
        Plan best = plan;
        Evaluation bestEval = evaluation;
        List<String> done = new ArrayList<>();
        for (MwCrumb crumb : mwCrumbs(model, best)) {
            if (stop.getAsBoolean()) {
                return stopped(best, bestEval, done);
            }
            Plan local = withoutMwCrumb(model, best, crumb, held);
            List<Plan> tries = new ArrayList<>();
            if (local != null) {
                tries.add(local);
            }
            Plan dropped = serversDropped(model, best, crumb, held);
            if (dropped != null) {
                Plan split = reSplit.apply(PlanTrimming.clippedToCapacity(model, dropped));
                if (split != null) {
                    tries.add(split);
                }
            }
            for (Plan p : tries) {
                Evaluation e = evaluate.apply(p);
                if (noWorse.test(e, bestEval)) {
                    best = p;
                    bestEval = e;
                    done.add(crumb.site() + " +" + String.format(java.util.Locale.ROOT, "%.4f", crumb.addedMw())
                            + " MW in " + model.quarters().get(crumb.quarter()) + " avoided");
                    break;
                }
            }
        }
        if (stop.getAsBoolean()) {
            return stopped(best, bestEval, done);
        }
        int crumbs = crumbFlows(demand, best);
        merge:
        for (boolean anywhere : new boolean[]{true, false}) {
            Plan merged = mergedCrumbs(model, demand, best, anywhere);
            List<Plan> tries = new ArrayList<>(PlanTrimming.trims(model, merged, held).values());
            tries.add(merged);
            for (Plan p : tries) {
                int left = crumbFlows(demand, p);
                if (left < crumbs && stop.getAsBoolean()) {
                    // each try is an evaluation: up to four of them took 2.6-3.5 s past the
                    // deadline's share on large under load (tenth session)
                    return stopped(best, bestEval, done);
                }
                if (left < crumbs) {
                    Evaluation e = evaluate.apply(p);
                    if (noWorse.test(e, bestEval)) {
                        done.add((crumbs - left) + " of " + crumbs + " crumb flows merged");
                        best = p;
                        bestEval = e;
                        break merge;
                    }
                }
            }
        }
        return new Result(best, bestEval, String.join(", ", done));
    }

    /** The tidy so far, ended by its deadline (said in the note). */
    private static Result stopped(Plan best, Evaluation bestEval, List<String> done) {
        done.add("stopped at the deadline");
        return new Result(best, bestEval, String.join(", ", done));
    }

    /** Flows that are crumbs of their cell ({@link ReportThresholds#isCrumbFlow}), zero flows left out. */
    static int crumbFlows(List<DemandCell> demand, Plan plan) {
        Map<String, Double> cellPeak = new HashMap<>();
        demand.forEach(d -> cellPeak.put(cellKey(d.region(), d.workload(), d.quarter()), d.peakIps()));
        int n = 0;
        for (Plan.Flow f : plan.flows()) {
            if (f.peakIps() > 0 && ReportThresholds.isCrumbFlow(f.peakIps(),
                    cellPeak.getOrDefault(cellKey(f.region(), f.workload(), f.quarter()), 0.0))) {
                n++;
            }
        }
        return n;
    }

    /** The crumb MW increments of a plan, site by site in model order, then by quarter. */
    static List<MwCrumb> mwCrumbs(PlanningModel model, Plan plan) {
        List<MwCrumb> out = new ArrayList<>();
        for (Site s : model.sites()) {
            double previous = s.existingItMw();
            for (int q = 0; q < model.quarters().size(); q++) {
                double m = plan.itMwBuilt().getOrDefault(new Plan.SiteQuarter(s.id(), model.quarters().get(q)), s.existingItMw());
                if (ReportThresholds.isCrumbMw(m - previous)) {
                    out.add(new MwCrumb(s.id(), q, m - previous));
                }
                previous = m;
            }
        }
        return out;
    }

    /**
     * The plan with the site held at its MW of the quarter before the crumb, for as long as the
     * crumb would have been all it built (the quarters whose MW stays within a crumb of that
     * level): in each of them, the fewest servers (largest draw first, never below the quarter
     * before) are dropped so the rest fit the MW, and the load they carried moves to eligible
     * servers with room elsewhere, cheapest energy per inference first. Null when that load finds
     * no room.
     */
    static Plan withoutMwCrumb(PlanningModel model, Plan plan, MwCrumb crumb, HeldLevels held) {
        CrumbEdits w = new CrumbEdits(model, plan, held);
        Site site = model.site(crumb.site()).orElseThrow();
        List<Quarter> qs = model.quarters();
        double level = crumb.quarter() == 0 ? site.existingItMw() : w.built(site, qs.get(crumb.quarter() - 1));
        for (int q = crumb.quarter(); q < qs.size() && w.built(site, qs.get(q)) - level < ReportThresholds.MIN_MW_INCREMENT; q++) {
            if (!w.mayHold(site, q, level) || !w.fitMw(site, q, level)) {
                return null;
            }
            w.built.put(new Plan.SiteQuarter(site.id(), qs.get(q)), level);
        }
        return w.plan();
    }

    /**
     * The plan with the site held at its MW of the quarter before the crumb, as in
     * {@link #withoutMwCrumb}, and the fewest servers dropped to fit it, but the flows left as they
     * are (over the servers that remain: to be clipped and re-split). Null when the servers cannot
     * be dropped (already at the quarter before's).
     */
    static Plan serversDropped(PlanningModel model, Plan plan, MwCrumb crumb, HeldLevels held) {
        CrumbEdits w = new CrumbEdits(model, plan, held);
        Site site = model.site(crumb.site()).orElseThrow();
        List<Quarter> qs = model.quarters();
        double level = crumb.quarter() == 0 ? site.existingItMw() : w.built(site, qs.get(crumb.quarter() - 1));
        for (int q = crumb.quarter(); q < qs.size() && w.built(site, qs.get(q)) - level < ReportThresholds.MIN_MW_INCREMENT; q++) {
            if (!w.mayHold(site, q, level)) {
                return null;
            }
            while (w.usedKw(site, qs.get(q)) > level * 1000.0 + Sizing.ABS_TOL) {
                Chip drop = w.droppable(site, q);
                if (drop == null) {
                    return null;
                }
                Plan.SiteChipQuarter key = new Plan.SiteChipQuarter(site.id(), drop.id(), qs.get(q));
                w.installed.put(key, w.installed.get(key) - 1);
            }
            w.built.put(new Plan.SiteQuarter(site.id(), qs.get(q)), level);
        }
        return w.plan();
    }

    /**
     * Each crumb flow (smallest first) moved whole into its cell's other flows where their servers
     * have room at target utilisation, cheapest energy per inference first; with
     * {@code anywhere} false only where the energy per inference is no higher than at the crumb's
     * own servers, unless the crumb is round-off of its cell. A crumb that does not fit whole stays
     * as it is. Servers and MW are unchanged.
     */
    static Plan mergedCrumbs(PlanningModel model, List<DemandCell> demand, Plan plan, boolean anywhere) {
        CrumbEdits w = new CrumbEdits(model, plan, HeldLevels.of(model, null));
        Map<String, Double> cellPeak = new HashMap<>();
        demand.forEach(d -> cellPeak.put(cellKey(d.region(), d.workload(), d.quarter()), d.peakIps()));
        List<FlowKey> crumbs = new ArrayList<>();
        w.flows.forEach((k, v) -> {
            if (v[0] > 0 && ReportThresholds.isCrumbFlow(v[0], cellPeak.getOrDefault(k.cell(), 0.0))) {
                crumbs.add(k);
            }
        });
        crumbs.sort(Comparator.comparingDouble(k -> w.flows.get(k)[0]));
        for (FlowKey crumb : crumbs) {
            List<FlowKey> others = new ArrayList<>();
            for (FlowKey k : w.flows.keySet()) {
                if (!k.equals(crumb) && k.cell().equals(crumb.cell()) && w.flows.get(k)[0] > 0) {
                    others.add(k);
                }
            }
            // round-off (a millionth of the cell) changes no cost wherever it goes
            boolean roundOff = ReportThresholds.isRoundOff(w.flows.get(crumb)[0], cellPeak.getOrDefault(crumb.cell(), 0.0));
            double ceiling = anywhere || roundOff ? Double.POSITIVE_INFINITY
                    : w.energyPerIps(crumb.site(), crumb.chip(), crumb.workload());
            w.moveWhole(crumb, others.stream().map(k -> new Route(k.site(), k.chip()))
                    .filter(r -> w.energyPerIps(r.site(), r.chip(), crumb.workload()) <= ceiling).toList());
        }
        return w.plan();
    }

    static String cellKey(String region, String workload, Quarter quarter) {
        return region + "\u0000" + workload + "\u0000" + quarter;
    }

    /** One aggregated flow's key. */
    record FlowKey(String region, String workload, Quarter quarter, String site, String chip) {
        String cell() {
            return cellKey(region, workload, quarter);
        }
    }

    /** Servers of one chip at one site. */
    record Route(String site, String chip) {
    }
}
