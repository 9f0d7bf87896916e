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
import dcplan.solver.lp.PendingRules;

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
        trimToPowerAndFirstSupply(model, servers, exact, held);
        trimToBudgets(model, servers, exact, held);
        return asPlan(model, servers, relaxation.plan().flows(), held);
    }

    /** The servers with the least MW that powers them ({@link #leastMw}), and the given flows. */
    private static Plan asPlan(PlanningModel model, int[][][] servers, List<Plan.Flow> flows, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>();
        Map<Plan.SiteQuarter, Double> built = new HashMap<>();
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            double previousMw = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                double kw = 0;
                for (int c = 0; c < model.chips().size(); c++) {
                    if (servers[c][s][q] > 0) {
                        installed.put(new Plan.SiteChipQuarter(site.id(), model.chips().get(c).id(), quarters.get(q)), servers[c][s][q]);
                    }
                    kw += servers[c][s][q] * model.chips().get(c).serverKw();
                }
                previousMw = leastMw(site, s, q, kw, previousMw, held);
                built.put(new Plan.SiteQuarter(site.id(), quarters.get(q)), previousMw);
            }
        }
        return new Plan(flows, installed, built);
    }

    /**
     * The least MW at site s in quarter q for {@code kw} of servers: whole phases, never below the
     * previous quarter's MW nor the level {@link HeldLevels} holds (exactly the held MW where they
     * are fixed, unless the servers need more: then the evaluator rejects the plan).
     */
    static double leastMw(Site site, int s, int q, double kw, double previousMw, HeldLevels held) {
        return PendingRules.fewestMw(kw, site, Math.max(previousMw, held.mw(s, q)));
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
                int buyingHere = servers[s][q] - servers[s][q - 1];
                int moved = (int) Math.min(excess, buyingHere);
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
    static void trimToPowerAndFirstSupply(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held) {
        trimToPower(model, servers, exact, held);
        trimToFirstSupply(model, servers, exact, held);
    }

    private static void trimToPower(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        for (int s = 0; s < model.sites().size(); s++) {
            for (int q = 0; q < quarters.size(); q++) {
                double maxMw = ceilingMw(model, s, q, held);
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
     * Where rounding up pushes a year's capex over its budget, servers bought in that year are
     * taken back one at a time from the route whose rounding added the most, until it fits or
     * nothing rounded remains (then the evaluator rejects the candidate).
     */
    static void trimToBudgets(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        for (int guard = 0; guard < 100_000; guard++) {
            double[] capex = yearCapex(model, servers, held);
            int over = -1;
            for (int q = 0; q < quarters.size() && over < 0; q++) {
                if (!Sizing.leq(capex[q], model.policy().budgetUsd(quarters.get(q).year()))) {
                    over = quarters.get(q).year();
                }
            }
            if (over < 0) {
                return;
            }
            int[] csq = mostRoundedUpIn(model, servers, exact, over, held);
            if (csq == null) {
                return;
            }
            takeBack(servers[csq[0]][csq[1]], csq[2]);
        }
    }

    /**
     * The (c, s, q) buying in {@code year}, or whose MW are built with cash of {@code year}, whose
     * servers exceed the LP's the most and may be taken back; or null.
     */
    private static int[] mostRoundedUpIn(PlanningModel model, int[][][] servers, double[][][] exact, int year,
                                         HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        int[] best = null;
        double slack = 1e-9;
        for (int c = 0; c < servers.length; c++) {
            for (int s = 0; s < servers[c].length; s++) {
                Site site = model.sites().get(s);
                int existing = site.existingServers(model.chips().get(c).id());
                for (int q = 0; q < quarters.size(); q++) {
                    int before = q == 0 ? existing : servers[c][s][q - 1];
                    double extra = servers[c][s][q] - Math.max(exact[c][s][q], existing);
                    if (paysIn(site, quarters.get(q), year) && servers[c][s][q] > before && extra > slack
                            && canTakeBack(servers[c][s], q, held.fixedServerQuarters(s, c))) {
                        slack = extra;
                        best = new int[]{c, s, q};
                    }
                }
            }
        }
        return best;
    }

    /** Whether servers bought at the site in q are paid in {@code year}, or the MW they need are (rule 5'). */
    private static boolean paysIn(Site site, Quarter q, int year) {
        for (int k = 0; k <= site.buildQuarters(); k++) {
            if (Quarter.ofOrdinal(q.ordinal() - k).year() == year) {
                return true;
            }
        }
        return false;
    }

    /**
     * Cash capex of each quarter's year (servers bought plus MW built, {@link UnitCosts}; MW paid
     * over their construction quarters, rule 5'), indexed by quarter; MW as {@link #leastMw}.
     */
    private static double[] yearCapex(PlanningModel model, int[][][] servers, HeldLevels held) {
        List<Quarter> quarters = model.quarters();
        Map<Integer, Double> byYear = new HashMap<>();
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            double previousMw = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                double kw = 0;
                double spent = 0;
                for (int c = 0; c < servers.length; c++) {
                    Chip chip = model.chips().get(c);
                    int before = q == 0 ? site.existingServers(chip.id()) : servers[c][s][q - 1];
                    spent += UnitCosts.serverCashFor(chip, servers[c][s][q] - before);
                    kw += servers[c][s][q] * chip.serverKw();
                }
                double mw = leastMw(site, s, q, kw, previousMw, held);
                for (PendingRules.CashPart part : PendingRules.facilityCashSchedule(site, mw - previousMw, quarters.get(q))) {
                    if (part.quarter().equals(quarters.get(q))) {
                        spent += part.usd();
                    } else {
                        byYear.merge(part.quarter().year(), part.usd(), Double::sum);
                    }
                }
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
    private static void takeBack(int[] servers, int q) {
        int value = servers[q];
        for (int k = q; k >= 0 && servers[k] == value; k--) {
            servers[k]--;
        }
    }
}
