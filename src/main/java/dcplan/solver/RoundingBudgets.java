package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.HeldLevels;
import dcplan.plan.Sizing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget repair of {@link RelaxationRounding}: rounding up may push a year's cash (rule 5':
 * servers when installed, MW over their construction quarters) over its budget; this takes back
 * what rounding added, and with whole phases delays increments, never touching what
 * {@link HeldLevels} fixes.
 */
final class RoundingBudgets {
    private RoundingBudgets() {
    }

    /**
     * Where rounding up pushes a year's capex over its budget, servers bought in that year (or
     * whose MW are paid in it) are taken back one at a time from the route whose rounding added
     * the most; when no rounded server is left, a MW increment paid in that year is delayed
     * ({@link #delayIncrement}); until the year fits or neither helps (then the evaluator rejects
     * the candidate).
     */
    static void trimToBudgets(PlanningModel model, int[][][] servers, double[][][] exact, HeldLevels held,
                              double[][] mwFloor) {
        for (int guard = 0; guard < 100_000; guard++) {
            int over = firstYearOverBudget(model, servers, mwFloor);
            if (over < 0) {
                return;
            }
            int[] csq = mostRoundedUpIn(model, servers, exact, over, held);
            if (csq != null) {
                RelaxationRounding.takeBack(servers[csq[0]][csq[1]], csq[2]);
            } else if (!delayIncrement(model, servers, held, mwFloor, over)) {
                return;
            }
        }
    }

    /** The first year whose cash capex is over its budget, or -1 when every year is within its budget. */
    static int firstYearOverBudget(PlanningModel model, int[][][] servers, double[][] mwFloor) {
        List<Quarter> quarters = model.quarters();
        double[] capex = yearCapex(model, servers, mwFloor);
        for (int q = 0; q < quarters.size(); q++) {
            if (!Sizing.leq(capex[q], model.policy().budgetUsd(quarters.get(q).year()))) {
                return quarters.get(q).year();
            }
        }
        return -1;
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
                            && RelaxationRounding.canTakeBack(servers[c][s], q, held.fixedServerQuarters(s, c))) {
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
     * over their construction quarters, rule 5'), indexed by quarter; MW as {@link RelaxationRounding#builtMw}.
     */
    private static double[] yearCapex(PlanningModel model, int[][][] servers, double[][] mwFloor) {
        List<Quarter> quarters = model.quarters();
        Map<Integer, Double> byYear = new HashMap<>();
        double[][] built = RelaxationRounding.builtMw(model, servers, mwFloor);
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            double previousMw = site.existingItMw();
            for (int q = 0; q < quarters.size(); q++) {
                double spent = 0;
                for (int c = 0; c < servers.length; c++) {
                    Chip chip = model.chips().get(c);
                    int before = q == 0 ? site.existingServers(chip.id()) : servers[c][s][q - 1];
                    spent += UnitCosts.serverCashFor(chip, servers[c][s][q] - before);
                }
                double mw = built[s][q];
                for (UnitCosts.CashPart part : UnitCosts.facilityCashSchedule(site, mw - previousMw, quarters.get(q))) {
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
     * Delays by a quarter the MW increment at one (site, quarter) whose construction pays the most
     * cash in {@code year}: the MW there stay at the previous quarter's, the servers there are
     * taken back to what those power, so the increment (and its cash) moves a quarter later. With
     * whole phases this is what relieves a budget when rounding a fraction of a phase up made it
     * a whole phase; the demand of that quarter is what it costs. False when no increment paying
     * in the year can be delayed.
     */
    static boolean delayIncrement(PlanningModel model, int[][][] servers, HeldLevels held, double[][] mwFloor, int year) {
        List<Quarter> quarters = model.quarters();
        double[][] built = RelaxationRounding.builtMw(model, servers, mwFloor);
        int bestS = -1;
        int bestQ = -1;
        double most = 0;
        for (int s = 0; s < built.length; s++) {
            Site site = model.sites().get(s);
            for (int q = 1; q < quarters.size(); q++) {
                double increment = built[s][q] - built[s][q - 1];
                if (increment <= 0 || held.mwFixed(s, q)) {
                    continue;
                }
                double cash = 0;
                for (UnitCosts.CashPart part : UnitCosts.facilityCashSchedule(site, increment, quarters.get(q))) {
                    cash += part.quarter().year() == year ? part.usd() : 0.0;
                }
                if (cash > most) {
                    most = cash;
                    bestS = s;
                    bestQ = q;
                }
            }
        }
        if (bestS < 0) {
            return false;
        }
        mwFloor[bestS][bestQ] = built[bestS][bestQ - 1];
        return fitServers(model, servers, held, bestS, bestQ, built[bestS][bestQ - 1]);
    }

    /** Takes servers back at (s, q), the chip with the most beyond the fixed ones first, until they fit {@code mw}. */
    private static boolean fitServers(PlanningModel model, int[][][] servers, HeldLevels held, int s, int q, double mw) {
        while (true) {
            double kw = 0;
            for (int c = 0; c < servers.length; c++) {
                kw += servers[c][s][q] * model.chips().get(c).serverKw();
            }
            if (Sizing.leq(kw / 1000.0, mw)) {
                return true;
            }
            int best = -1;
            int most = 0;
            for (int c = 0; c < servers.length; c++) {
                int beyond = servers[c][s][q] - held.servers(s, c, q);
                if (beyond > most && RelaxationRounding.canTakeBack(servers[c][s], q, held.fixedServerQuarters(s, c))) {
                    most = beyond;
                    best = c;
                }
            }
            if (best < 0) {
                return false;
            }
            RelaxationRounding.takeBack(servers[best][s], q);
        }
    }

}
