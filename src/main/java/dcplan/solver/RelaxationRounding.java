package dcplan.solver;

import dcplan.model.LeadTimes;
import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.Sizing;
import dcplan.solver.lp.LpResult;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LP relaxation made a plan: its fractional servers rounded up to whole ones, then the
 * repairs that keep the rounding within supply, power and budget. The relaxation may buy servers
 * ahead of need (for a later quarter's supply or budget), which the search's derived servers
 * never do, so its rounding is a candidate of its own (see {@link Planner}).
 *
 * <p>Version 2: the quarters {@link HeldLevels} fixes (before a chip's first delivery or a
 * site's first expansion; a what-if's commitments) are never changed by a repair: nothing is
 * bought earlier into them nor taken back out of them. MW come in whole phases, and the budget
 * counts construction cash when it is paid.
 *
 * <p>Servers are held as {@code servers[c][s][q]}, the LP's own values as {@code exact[c][s][q]}.
 */
final class RelaxationRounding {
    private RelaxationRounding() {
    }

    /**
     * The relaxation's servers as whole servers ({@link Sizing#wholeServers}; never decreasing,
     * never below existing) and the least MW that powers them; its flows fit, since servers only
     * grew. Rounding up may break a supply, power or budget limit: the repairs take back what
     * they can, and the evaluator rejects what remains.
     */
    static Plan roundedUp(PlanningModel model, LpResult relaxation, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        int nq = quarters.size();
        int ns = model.sites().size();
        int nc = model.chips().size();
        int[][][] servers = new int[nc][ns][nq];
        double[][][] exact = new double[nc][ns][nq];
        for (int c = 0; c < nc; c++) {
            Chip chip = model.chips().get(c);
            for (int s = 0; s < ns; s++) {
                Site site = model.sites().get(s);
                int running = site.existingServers(chip.id());
                for (int q = 0; q < nq; q++) {
                    Double x = relaxation.installedExact().get(new Plan.SiteChipQuarter(site.id(), chip.id(), quarters.get(q)));
                    exact[c][s][q] = x == null ? 0.0 : x;
                    if (x != null) {
                        running = Math.max(running, Sizing.wholeServers(x));
                    }
                    running = Math.max(running, held.servers(s, c, q)); // the LP's bounds, against its noise
                    servers[c][s][q] = running;
                }
            }
            buyEarlierWithinSupply(model, chip, servers[c], held, c);
        }
        double[][] mwFloor = mwFloors(model, relaxation, held);
        trimToPowerAndFirstSupply(model, servers, exact, held, mwFloor);
        trimToBudgetsAndSupply(model, servers, exact, held, mwFloor);
        return asPlan(model, servers, relaxation.plan().flows(), mwFloor);
    }

    /** At most this many rounds of {@link #trimToBudgetsAndSupply}: each is cheap, and one or two were enough where measured. */
    static final int BUDGET_AND_SUPPLY_ROUNDS = 10;

    /**
     * The budget's repair, then the supply's, again until every year is within its budget or a
     * round changes nothing: a server the supply's repair takes back is bought a quarter later,
     * which can put that year over its budget again, as the budget's repair can put a quarter
     * over its supply. Once through, the rounding's phases on long mixed v2 #2 left 2029 one
     * server (224 k USD) over its budget, and the evaluator rejected every rounded start.
     */
    static void trimToBudgetsAndSupply(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held,
                                       double[][] mwFloor) {
        for (int round = 0; round < BUDGET_AND_SUPPLY_ROUNDS; round++) {
            int[][][] before = copy(servers);
            RoundingBudgets.trimToBudgets(model, servers, exact, held, mwFloor);
            trimToSupply(model, servers, exact, held);
            if (RoundingBudgets.firstYearOverBudget(model, servers, mwFloor) < 0 || Arrays.deepEquals(before, servers)) {
                return;
            }
        }
    }

    private static int[][][] copy(int[][][] servers) {
        int[][][] out = new int[servers.length][][];
        for (int c = 0; c < servers.length; c++) {
            out[c] = new int[servers[c].length][];
            for (int s = 0; s < servers[c].length; s++) {
                out[c][s] = servers[c][s].clone();
            }
        }
        return out;
    }

    /**
     * The least MW each (site, quarter) keeps whatever its servers: the held MW, and at a site
     * with construction time or phases, or under a finite budget, the relaxation's own MW (in
     * whole phases where there are phases). There the LP may build ahead of need, so that the MW's
     * cash falls in a year with budget (rule 5'); the least MW for the servers would move it into
     * the servers' year and break its budget, and trimming to the budgets would then cut servers
     * (measured: a one-site budget case lost every server). Version-1 sites without a budget keep
     * their least MW (as their plans always did): there MW ahead of need only cost.
     */
    static double[][] mwFloors(PlanningModel model, LpResult relaxation, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        boolean budgeted = quarters.stream().map(Quarter::year).distinct()
                .anyMatch(y -> Double.isFinite(model.policy().budgetUsd(y)));
        double[][] floor = new double[model.sites().size()][quarters.size()];
        for (int s = 0; s < floor.length; s++) {
            Site site = model.sites().get(s);
            boolean timed = site.buildQuarters() > 0 || site.phaseMw() != null;
            for (int q = 0; q < quarters.size(); q++) {
                floor[s][q] = held.mw(s, q);
                Double lp = relaxation.itMwExact().get(new Plan.SiteQuarter(site.id(), quarters.get(q)));
                if ((timed || budgeted) && lp != null) {
                    floor[s][q] = Math.max(floor[s][q], Sizing.fewestMw(lp * 1000.0, site));
                }
            }
        }
        return floor;
    }

    /** The MW of {@code built} at the sites with phases (whole phases there), for {@code LpOptions.fixedMw}. */
    static Map<Plan.SiteQuarter, Double> wholePhases(PlanningModel model, Map<Plan.SiteQuarter, Double> built) {
        Map<Plan.SiteQuarter, Double> out = new HashMap<>();
        built.forEach((k, mw) -> {
            if (model.site(k.site()).map(s -> s.phaseMw() != null).orElse(false)) {
                out.put(k, mw);
            }
        });
        return out;
    }

    /**
     * The relaxation's MW at the sites with phases rounded down to whole phases (a load within
     * round-off of a boundary counts as on it), never below the held MW, never decreasing.
     */
    static Map<Plan.SiteQuarter, Double> phasesRoundedDown(PlanningModel model, LpResult relaxation, HeldLevels held) {
        Map<Plan.SiteQuarter, Double> out = new HashMap<>();
        List<Quarter> quarters = model.quarters();
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            if (site.phaseMw() == null) {
                continue;
            }
            double previous = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                Plan.SiteQuarter key = new Plan.SiteQuarter(site.id(), quarters.get(q));
                double lp = relaxation.itMwExact().getOrDefault(key, site.existingItMw());
                double whole = Sizing.fewestMw(lp * 1000.0, site);
                if (whole > lp && !Sizing.leq(whole, lp)) {
                    whole -= site.phaseMw(); // fewestMw rounded a fraction up: one phase fewer
                }
                previous = Math.max(previous, Math.max(whole, held.mw(s, q)));
                out.put(key, previous);
            }
        }
        return out;
    }

    /** The servers with the least MW that powers them ({@link #builtMw}), and the given flows. */
    private static Plan asPlan(PlanningModel model, int[][][] servers, List<Plan.Flow> flows, double[][] mwFloor) {
        List<Quarter> quarters = model.quarters();
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        double[][] mw = builtMw(model, servers, mwFloor);
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            for (int q = 0; q < quarters.size(); q++) {
                for (int c = 0; c < model.chips().size(); c++) {
                    if (servers[c][s][q] > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), model.chips().get(c).id(), quarters.get(q)), servers[c][s][q]);
                    }
                }
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), mw[s][q]);
            }
        }
        return new Plan(flows, installed, built);
    }

    /** M[s][q] for the servers: {@link #leastMw} quarter by quarter, never decreasing. */
    static double[][] builtMw(PlanningModel model, int[][][] servers, double[][] mwFloor) {
        int nq = model.quarters().size();
        double[][] mw = new double[model.sites().size()][nq];
        for (int s = 0; s < mw.length; s++) {
            Site site = model.sites().get(s);
            double previousMw = site.existingItMw();
            for (int q = 0; q < nq; q++) {
                double kw = 0;
                for (int c = 0; c < servers.length; c++) {
                    kw += servers[c][s][q] * model.chips().get(c).serverKw();
                }
                previousMw = leastMw(site, kw, previousMw, mwFloor[s][q]);
                mw[s][q] = previousMw;
            }
        }
        return mw;
    }

    /**
     * The least MW at a site for {@code kw} of servers: whole phases, never below the previous
     * quarter's MW nor {@code floorMw} (the held MW, exactly those where they are fixed unless the
     * servers need more: then the evaluator rejects the plan; see {@link #mwFloors}).
     */
    static double leastMw(Site site, double kw, double previousMw, double floorMw) {
        return Sizing.fewestMw(kw, site, Math.max(previousMw, floorMw));
    }

    /**
     * The IT MW ceiling at site s in quarter q: where M is fixed (before the first expansion
     * quarter, or held by commitments) its level, else {@link LeadTimes#maxMwIn}.
     */
    static double ceilingMw(PlanningModel model, int s, int q, HeldLevels held) {
        return held.mwFixed(s, q) ? held.mw(s, q)
                : LeadTimes.maxMwIn(model.sites().get(s), model.policy(), model.quarters().get(q));
    }

    /**
     * Whether one server fewer at (s, c) from quarter q back through its run of equal counts
     * ({@link #takeBack}) leaves every fixed quarter as it is.
     */
    static boolean canTakeBack(int[] servers, int q, int fixedQuarters) {
        int k = q;
        while (k > 0 && servers[k - 1] == servers[q]) {
            k--;
        }
        return k >= fixedQuarters;
    }

    /**
     * Rounding each site's servers up can ask for a few more servers in a quarter than the chip's
     * supply allows. Walking back from the last quarter, the excess of a quarter is bought one
     * quarter earlier instead (at the sites buying in that quarter), as the LP itself buys ahead
     * of need when supply binds. Servers only grow, so every flow still fits.
     */
    static void buyEarlierWithinSupply(PlanningModel model, Chip chip, int[][] servers, HeldLevels held, int c) {
        buyEarlierWithinSupply(model, chip, servers, held, c, null);
    }

    /**
     * {@link #buyEarlierWithinSupply(PlanningModel, Chip, int[][], HeldLevels, int)}, never raising
     * a site's servers in a quarter above {@code atMost[s][q]} (null: no cap). The trim within
     * supply ({@link PlanTrimming#trimmedWithinSupply}) caps them at the plan it trims.
     */
    static void buyEarlierWithinSupply(PlanningModel model, Chip chip, int[][] servers, HeldLevels held, int c,
                                       int[][] atMost) {
        List<Quarter> quarters = model.quarters();
        for (int q = quarters.size() - 1; q >= 1; q--) {
            long supply = chip.supply().in(quarters.get(q));
            long bought = 0;
            for (int[] site : servers) {
                bought += site[q] - site[q - 1];
            }
            long excess = bought - supply;
            for (int s = 0; s < servers.length && excess > 0; s++) {
                if (held.serversFixed(s, c, q - 1)) {
                    continue; // no delivery possible (lead time) or already decided (commitments)
                }
                int reach = atMost == null ? servers[s][q] : Math.min(servers[s][q], atMost[s][q - 1]);
                int moved = (int) Math.min(excess, Math.max(0, reach - servers[s][q - 1]));
                servers[s][q - 1] += moved; // still <= servers[s][q]: never decreasing
                excess -= moved;
            }
        }
    }

    /**
     * Where rounding up leaves a site over its power ceiling, or a chip's first quarter over its
     * supply (nothing earlier to buy in), one server is taken back at a time from the route whose
     * rounding added the most, down to the LP's own value at most. The LP re-split that follows
     * moves the sliver of demand those servers carried to routes with rounding slack.
     */
    static void trimToPowerAndFirstSupply(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held,
                                          double[][] mwFloor) {
        trimToPower(model, servers, exact, held, mwFloor);
        trimToFirstSupply(model, servers, exact, held);
    }

    /**
     * At a site with phases the ceiling is also the relaxation's MW in whole phases
     * ({@link #mwFloors}): rounding a fraction of a server up must not buy a whole phase the
     * relaxation did not pay for (where it used all its MW, the rounded server is taken back).
     */
    private static void trimToPower(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held,
                                    double[][] mwFloor) {
        List<Quarter> quarters = model.quarters();
        for (int s = 0; s < model.sites().size(); s++) {
            for (int q = 0; q < quarters.size(); q++) {
                double maxMw = ceilingMw(model, s, q, held);
                if (model.sites().get(s).phaseMw() != null) {
                    maxMw = Math.min(maxMw, Math.max(mwFloor[s][q], held.mw(s, q)));
                }
                while (true) {
                    double kw = 0;
                    for (int c = 0; c < servers.length; c++) {
                        kw += servers[c][s][q] * model.chips().get(c).serverKw();
                    }
                    int c = mostRoundedUp(model, servers, exact, s, q, held);
                    // the evaluator's tolerance: the servers' MW within the ceiling up to round-off
                    if (Sizing.leq(kw / 1000.0, maxMw) || c < 0) {
                        break;
                    }
                    takeBack(servers[c][s], q);
                }
            }
        }
    }

    /**
     * A server taken back in one quarter (for power or budget) is bought in the next instead,
     * which can put that quarter one server over its supply. Quarter by quarter, the excess is
     * taken back from the sites buying there, rounded-up servers first; it moves on to the next
     * quarter, and past the last one it is gone (the LP re-split moves its sliver of demand).
     */
    static void trimToSupply(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        for (int c = 0; c < servers.length; c++) {
            Chip chip = model.chips().get(c);
            for (int q = 0; q < quarters.size(); q++) {
                long supply = chip.supply().in(quarters.get(q));
                while (supply != Long.MAX_VALUE) {
                    long bought = 0;
                    int best = -1;
                    double slack = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < model.sites().size(); s++) {
                        int before = q == 0 ? model.sites().get(s).existingServers(chip.id()) : servers[c][s][q - 1];
                        bought += servers[c][s][q] - before;
                        double extra = servers[c][s][q] - exact[c][s][q];
                        if (servers[c][s][q] > before && extra > slack
                                && canTakeBack(servers[c][s], q, held.fixedServerQuarters(s, c))) {
                            slack = extra;
                            best = s;
                        }
                    }
                    if (bought <= supply || best < 0) {
                        break;
                    }
                    takeBack(servers[c][best], q);
                }
            }
        }
    }

    private static void trimToFirstSupply(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held) {
        for (int c = 0; c < servers.length; c++) {
            Chip chip = model.chips().get(c);
            long supply = chip.supply().in(model.quarters().get(0));
            while (true) {
                long bought = 0;
                int best = -1;
                double slack = 1e-9;
                for (int s = 0; s < model.sites().size(); s++) {
                    int existing = model.sites().get(s).existingServers(chip.id());
                    bought += servers[c][s][0] - existing;
                    double extra = servers[c][s][0] - Math.max(exact[c][s][0], existing);
                    if (extra > slack && canTakeBack(servers[c][s], 0, held.fixedServerQuarters(s, c))) {
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
     * The chip at (site, q) whose servers exceed the LP's the most (and exceed existing) and may
     * be taken back, or -1.
     */
    private static int mostRoundedUp(PlanningModel model, int[][][] servers, double[][][] exact, int s, int q,
                                     HeldLevels held) {
        Site site = model.sites().get(s);
        int best = -1;
        double slack = 1e-9;
        for (int c = 0; c < servers.length; c++) {
            double floor = Math.max(exact[c][s][q], site.existingServers(model.chips().get(c).id()));
            double extra = servers[c][s][q] - floor;
            if (extra > slack && canTakeBack(servers[c][s], q, held.fixedServerQuarters(s, c))) {
                slack = extra;
                best = c;
            }
        }
        return best;
    }

    /** One server fewer from quarter q back through the run of equal counts (stays never decreasing). */
    static void takeBack(int[] servers, int q) {
        int value = servers[q];
        for (int k = q; k >= 0 && servers[k] == value; k--) {
            servers[k]--;
        }
    }
}
