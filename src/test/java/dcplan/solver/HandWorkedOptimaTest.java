package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole planner ({@link Planner#plan}: LP seed, OptaPlanner search, LP polish) on tiny
 * models whose optimum is worked out by hand.
 *
 * <p>Common ground (from {@link TinyModel}): region r, workload chat (SLO 100 ms, the sites are
 * 10 ms away), horizon 2026Q1-2026Q2, u = 0.8. Demand in both quarters: peak 8000 ips, avg
 * 4000 ips (avg / peak = 0.5). Chips are 10 kW, idle 0.5, amortised over 20 quarters unless
 * said otherwise:
 * <ul>
 *   <li>A: 100,000 USD, 100 ips -> 80 ips per installed server: 8000 / 80 = 100 servers,
 *       busy 4000 / 100 = 40;</li>
 *   <li>B: 50,000 USD (50 %), 80 ips (80 %) -> 64 ips per server: 8000 / 64 = 125 servers,
 *       busy 4000 / 80 = 50.</li>
 * </ul>
 * At PUE 1 and 100 USD/MWh one kW costs 2190 h x 0.1 USD/kWh = 219 USD a quarter, so a 10 kW
 * server costs 2190 USD a quarter at full load: idle 0.5 x 2190 = 1095 per installed server,
 * plus 1095 per busy server.
 *
 * <p>Cost is linear per ips served on one chip, so the optimum never mixes chips unless a limit
 * forces it. Cells are split into 40 chunks of 200 ips so that every hand optimum is reachable
 * in whole chunks (3200 ips = 16 chunks in case (c)). The LP relaxation and polish are on, as
 * in the CLI. The search is limited to 3 s of wall time, not by steps: a step-limited search
 * never ends on these models (no move is ever accepted once the seed is optimal; see
 * {@link DeterminismTest#stepLimitedSearchEndsEvenWhenNoMoveImproves}).
 */
class HandWorkedOptimaTest {
    static final Quarter Q1 = Quarter.parse("2026Q1");
    static final Quarter Q2 = Quarter.parse("2026Q2");
    static final List<DemandCell> DEMAND = List.of(TinyModel.cell("2026Q1", 8000, 4000), TinyModel.cell("2026Q2", 8000, 4000));
    static final CapacitySolver.Options OPTIONS = CapacitySolver.Options.timeLimited(Duration.ofSeconds(3), 1).withChunksPerCell(40);
    static final Planner.LpLimits LP = new Planner.LpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20));

    static Planner.Outcome plan(PlanningModel model) {
        return new Planner().plan(model, DEMAND, OPTIONS, LP);
    }

    /** Installed servers per (site/chip), quarter by quarter. */
    static Map<String, List<Integer>> installed(Planner.Outcome o, PlanningModel model) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Site s : model.sites()) {
            for (Chip c : model.chips()) {
                List<Integer> perQ = model.quarters().stream()
                        .map(q -> o.plan().installed().getOrDefault(new Plan.SiteChipQuarter(s.id(), c.id(), q), 0))
                        .toList();
                if (perQ.stream().anyMatch(n -> n > 0)) {
                    out.put(s.id() + "/" + c.id(), perQ);
                }
            }
        }
        return out;
    }

    static void assertOptimum(Planner.Outcome o, PlanningModel model, Map<String, List<Integer>> servers, double costUsd) {
        Evaluation e = o.evaluation();
        String context = "installed " + installed(o, model) + ", cost " + e.cost() + ", polish " + o.polishNote()
                + ", search score " + o.search().score() + ", violations " + e.violations();
        assertTrue(e.feasible(), "feasible; " + context);
        assertEquals(0.0, e.unmetInferences(), 1e-6, "unmet; " + context);
        assertEquals(2 * 8000 * 0.5 * Quarter.SECONDS, e.servedInferences(), 1e-9 * e.servedInferences(), "served; " + context);
        assertEquals(servers, installed(o, model), "installed servers; " + context);
        assertEquals(costUsd, e.totalCostUsd(), 1e-6 * costUsd, "total cost; " + context);
    }

    static TinyModel chipsAandB(double existingMw, double maxMw, double usdPerMw, Long bSupply, List<Chip.Ban> bBans) {
        return TinyModel.oneRegion().site("s", "XX", existingMw, maxMw, usdPerMw, Map.of())
                .chip("A", 100_000, 100, null, List.of())
                .chip("B", 50_000, 80, bSupply, bBans);
    }

    /**
     * (a) B at 80 % of A's throughput for 50 % of its price wins. The site has no MW yet and may
     * build up to 10 MW at 8 MUSD/MW, amortised over 60 quarters (133,333.33 USD per MW-quarter).
     * <pre>
     * B, per quarter: capex 125 x 50,000 / 20            = 312,500
     *                 facility 1.25 MW x 8e6 / 60         = 166,666.67
     *                 energy (0.5 x 125 + 0.5 x 50) x 2190 = 191,625
     *                 total                               = 670,791.67; two quarters 1,341,583.33
     * A, per quarter: 500,000 + 133,333.33 + (50 + 20) x 2190 = 786,633.33 (dearer)
     * </pre>
     */
    @Test
    void cheaperSlowerChipWinsOnCostPerInference() {
        PlanningModel m = chipsAandB(0, 10, 8e6, null, List.of()).build();
        Planner.Outcome o = plan(m);
        assertOptimum(o, m, Map.of("s/B", List.of(125, 125)), 2 * (312_500 + 1.25 * 8e6 / 60 + 191_625));
        assertEquals(1.25, o.plan().itMwBuilt().get(new Plan.SiteQuarter("s", Q2)), 1e-9, "MW built");
    }

    /** (b) The same with B banned in the site's jurisdiction XX: A, 2 x 786,633.33 = 1,573,266.67. */
    @Test
    void bannedChipIsNotUsedAndTheNextBestChipServes() {
        PlanningModel m = chipsAandB(0, 10, 8e6, null, List.of(new Chip.Ban("XX", null))).build();
        Planner.Outcome o = plan(m);
        assertOptimum(o, m, Map.of("s/A", List.of(100, 100)), 2 * (500_000 + 1.0 * 8e6 / 60 + 153_300));
    }

    /**
     * (c) B's supply capped at 50 servers a quarter. All capacity is needed in 2026Q1, so 50 B
     * (50 x 64 = 3200 ips) and the remaining 4800 ips on 4800 / 80 = 60 A; buying more B in
     * 2026Q2 would only add cost (A is already installed and cheaper per busy ips). 10 MW exist
     * (no facility cost). Per quarter:
     * <pre>
     * capex   50 x 2,500 + 60 x 5,000                       = 425,000
     * idle    (50 + 60) x 1095                               = 120,450
     * busy    B 1600 avg / 80 = 20, A 2400 / 100 = 24: 44 x 1095 = 48,180
     * total   593,630; two quarters 1,187,260
     * </pre>
     */
    @Test
    void supplyCapTakesTheCapOfTheCheapChipAndTheRestOnTheOther() {
        PlanningModel m = chipsAandB(10, 10, 0, 50L, List.of()).build();
        Planner.Outcome o = plan(m);
        assertOptimum(o, m, Map.of("s/A", List.of(60, 60), "s/B", List.of(50, 50)), 2 * 593_630.0);
    }

    /**
     * (d) A budget forces the cheaper capex. Electricity at 1000 USD/MWh (2190 USD per kW-quarter)
     * and A drawing only 2 kW make A cheaper to run; 10 MW exist.
     * <pre>
     * A: capex 500,000 + energy (50 + 20) x 2 kW x 2190 = 306,600 -> 806,600 a quarter
     * B: capex 312,500 + energy (62.5 + 25) x 10 kW x 2190 = 1,916,250 -> 2,228,750 a quarter
     * </pre>
     * Without a budget A wins (1,613,200 over two quarters). A 2026 budget of 6.28 MUSD: 100 A cost
     * 10 MUSD; 125 B cost 6.25 MUSD; any A at all (a A and ceil((8000 - 80a) / 64) B) costs at
     * least 100,000 + 124 x 50,000 = 6.3 MUSD > 6.28. So B only: 2 x 2,228,750 = 4,457,500.
     */
    @Test
    void tightBudgetForcesTheChipWithCheaperCapexDespiteDearerEnergy() {
        PlanningModel free = budgetModel(null);
        Planner.Outcome unconstrained = plan(free);
        assertOptimum(unconstrained, free, Map.of("s/A", List.of(100, 100)), 2 * 806_600.0);

        PlanningModel tight = budgetModel(6_280_000.0);
        Planner.Outcome budgeted = plan(tight);
        assertOptimum(budgeted, tight, Map.of("s/B", List.of(125, 125)), 2 * 2_228_750.0);
        assertEquals(6_250_000.0, budgeted.evaluation().capexByYear().get(0).capexUsd(), 1e-6, "2026 capex cash");
    }

    private static PlanningModel budgetModel(Double budget2026) {
        TinyModel m = TinyModel.oneRegion();
        m.sites.add(new Site("s", "s", "XX", "XX", Map.of("r", 10.0), 10, 10, 0, null, 1000.0, 1.0, Map.of()));
        m.chips.add(new Chip("A", "v", false, 100_000, 2.0, 0.5, 20, Map.of("chat", 100.0), null, null));
        m.chips.add(new Chip("B", "v", false, 50_000, 10.0, 0.5, 20, Map.of("chat", 80.0), null, null));
        if (budget2026 != null) {
            m.budgets.put(2026, budget2026);
        }
        return m.build();
    }

    /**
     * (e) Residency forbids the cheap site. Chip A only; site "cheap" in jurisdiction YY at
     * 50 USD/MWh (109.5 USD per kW-quarter), site "dear" in XX at 200 USD/MWh (438); 10 MW each.
     * 100 A servers either way (capex 500,000 a quarter), energy (50 + 20) x 10 kW x price:
     * <pre>
     * cheap: 500,000 + 700 x 109.5 = 576,650 a quarter -> 1,153,300
     * dear:  500,000 + 700 x 438   = 806,600 a quarter -> 1,613,200
     * </pre>
     * Without residency the cheap site wins; with residency [XX] the dear one must serve.
     */
    @Test
    void residencyForbidsTheCheapSiteInAnotherJurisdiction() {
        PlanningModel open = residencyModel(List.of());
        assertOptimum(plan(open), open, Map.of("cheap/A", List.of(100, 100)), 2 * 576_650.0);

        PlanningModel resident = residencyModel(List.of("XX"));
        Planner.Outcome o = plan(resident);
        assertOptimum(o, resident, Map.of("dear/A", List.of(100, 100)), 2 * 806_600.0);
        assertTrue(o.plan().flows().stream().allMatch(f -> f.site().equals("dear")), "every flow at the resident site");
    }

    private static PlanningModel residencyModel(List<String> residency) {
        TinyModel m = TinyModel.oneRegion();
        m.regions.clear();
        m.regions.add(new Region("r", "R", List.of("XX"), residency, Map.of()));
        m.sites.add(new Site("cheap", "cheap", "YY", "YY", Map.of("r", 10.0), 10, 10, 0, null, 50.0, 1.0, Map.of()));
        m.sites.add(new Site("dear", "dear", "XX", "XX", Map.of("r", 10.0), 10, 10, 0, null, 200.0, 1.0, Map.of()));
        m.chip("A", 100_000, 100, null, List.of());
        return m.build();
    }
}
