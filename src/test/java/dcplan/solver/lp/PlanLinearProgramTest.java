package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;
import dcplan.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiny models with optima worked out by hand. Common ground (one quarter, 2026Q1):
 * region r, workload chat (no SLO), peak 8000 ips, avg 4000 ips, u = 0.8, PUE 1.
 * <ul>
 *   <li>chip A: 100k USD, 100 ips/server, 10 kW, idle 0.5, amortised over 10 quarters;</li>
 *   <li>chip B: 50k USD (half), 80 ips/server (80 %), 10 kW, idle 0.5, 10 quarters.</li>
 * </ul>
 * A needs 8000 / (100 * 0.8) = 100 servers, B 8000 / (80 * 0.8) = 125. Busy servers:
 * A 4000 / 100 = 40, B 4000 / 80 = 50. Energy USD per kW-quarter at p USD/MWh and PUE 1:
 * 2190 * p / 1000.
 */
class PlanLinearProgramTest {
    static final Quarter Q1 = new Quarter(2026, 1);
    static final double SECONDS = Quarter.SECONDS; // 7 884 000

    static Chip chipA() {
        return new Chip("A", "va", false, 100_000, 10, 0.5, 10, Map.of("chat", 100.0), null, null);
    }

    static Chip chipB(Chip.Supply supply, List<Chip.Ban> bans) {
        return new Chip("B", "vb", false, 50_000, 10, 0.5, 10, Map.of("chat", 80.0), supply, bans);
    }

    static Site site(String id, String jurisdiction, double existingMw, double maxMw, double usdPerMw, double usdPerMwh) {
        return new Site(id, id, "XX", jurisdiction, Map.of("r", 10.0), existingMw, maxMw, usdPerMw, null, usdPerMwh,
                1.0, Map.of());
    }

    static Policy policy(Map<Integer, Double> budgets) {
        return new Policy(Q1, Q1, 0.9, 0.3, 0.8, budgets, 40);
    }

    static Region region(List<String> residency) {
        return new Region("r", "r", List.of("XX"), residency, Map.of());
    }

    static final List<Workload> WORKLOADS = List.of(new Workload("chat", null));
    static final List<DemandCell> DEMAND = List.of(new DemandCell("r", "chat", Q1, 8000, 4000));

    static double installed(LpResult r, String site, String chip) {
        return r.installedExact().getOrDefault(new Plan.SiteChipQuarter(site, chip, Q1), 0.0);
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    /**
     * Facility 0 MW existing, up to 100 MW at 8 MUSD/MW amortised over 40 quarters
     * (200 000 USD per MW-quarter), 100 USD/MWh (219 USD per kW-quarter).
     * B: capex 125 * 5000 = 625 000; MW 1.25 -> 250 000; energy (0.5 * 125 + 0.5 * 50) * 10 * 219
     * = 191 625; total 1 066 625.
     * A: capex 100 * 10 000 = 1 000 000; MW 1.0 -> 200 000; energy (50 + 20) * 10 * 219 = 153 300;
     * total 1 353 300. B wins (cost is linear, so the LP does not mix).
     */
    static PlanningModel twoChips(Chip b, Map<Integer, Double> budgets) {
        return new PlanningModel(List.of(region(List.of())), WORKLOADS,
                List.of(site("s", "X", 0, 100, 8e6, 100)), List.of(chipA(), b), policy(budgets));
    }

    @Test
    void cheaperSlowerChipWins() {
        PlanningModel m = twoChips(chipB(null, null), Map.of());
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(m, DEMAND, o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertTrue(r.provenOptimal());
            assertClose(125, installed(r, "s", "B"), "I[B]");
            assertClose(0, installed(r, "s", "A"), "I[A]");
            assertClose(625_000, r.cost().serverCapexAmortizedUsd(), "server capex");
            assertClose(250_000, r.cost().facilityCapexAmortizedUsd(), "facility capex");
            assertClose(191_625, r.cost().energyUsd(), "energy");
            assertClose(1_066_625, r.totalCostUsd(), "total");
            assertClose(4000 * SECONDS, r.servedInferences(), "served");
            assertEquals(0.0, r.unmetInferences(), 1e-6 * 4000 * SECONDS);
        }
        LpResult mip = PlanLinearProgram.solve(m, DEMAND, LpOptions.integer());
        assertEquals(125, mip.plan().installed().get(new Plan.SiteChipQuarter("s", "B", Q1)));
    }

    @Test
    void bannedChipLeavesTheOther() {
        PlanningModel m = twoChips(chipB(null, List.of(new Chip.Ban("X", null))), Map.of());
        LpResult r = PlanLinearProgram.solve(m, DEMAND, LpOptions.relaxed());
        assertEquals(LpStatus.OPTIMAL, r.status());
        assertClose(100, installed(r, "s", "A"), "I[A]");
        assertClose(0, installed(r, "s", "B"), "I[B]");
        assertClose(1_353_300, r.totalCostUsd(), "total");
        assertTrue(r.plan().flows().stream().allMatch(f -> f.chip().equals("A")));
    }

    /**
     * Supply of B capped at 100: B serves 100 * 80 * 0.8 = 6400 peak, A the other 1600 with
     * 1600 / 80 = 20 servers. Capex 500 000 + 200 000; MW 1.2 -> 240 000; busy B 3200 / 80 = 40,
     * A 800 / 100 = 8; energy (0.5 * 120 + 0.5 * 48) * 10 * 219 = 183 960; total 1 123 960.
     */
    @Test
    void supplyCapGivesAMix() {
        PlanningModel m = twoChips(chipB(new Chip.Supply(100L, Map.of()), null), Map.of());
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(m, DEMAND, o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertClose(100, installed(r, "s", "B"), "I[B]");
            assertClose(20, installed(r, "s", "A"), "I[A]");
            assertClose(1_123_960, r.totalCostUsd(), "total");
        }
    }

    /**
     * Energy at 2000 USD/MWh (4380 USD per kW-quarter), 10 MW already built, no expansion.
     * Unbudgeted, A wins: 1 000 000 + (50 + 20) * 10 * 4380 = 4 066 000 against B's
     * 625 000 + (62.5 + 25) * 10 * 4380 = 4 457 500. A budget of 6.25 MUSD is exactly B's cash
     * (125 * 50k) and less than A's (10 MUSD); B is the cheapest cash per ips, so all-B is the
     * only plan that serves everything within it.
     */
    @Test
    void budgetForcesTheCheaperChip() {
        Chip b = chipB(null, null);
        Site s = site("s", "X", 10, 10, 0, 2000);
        PlanningModel free = new PlanningModel(List.of(region(List.of())), WORKLOADS, List.of(s),
                List.of(chipA(), b), policy(Map.of()));
        LpResult r0 = PlanLinearProgram.solve(free, DEMAND, LpOptions.relaxed());
        assertClose(100, installed(r0, "s", "A"), "I[A] without budget");
        assertClose(4_066_000, r0.totalCostUsd(), "total without budget");

        PlanningModel tight = new PlanningModel(List.of(region(List.of())), WORKLOADS, List.of(s),
                List.of(chipA(), b), policy(Map.of(2026, 6_250_000.0)));
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(tight, DEMAND, o);
            assertTrue(r.status().hasSolution(), r.status() + " " + r.message());
            assertEquals(125, installed(r, "s", "B"), 1e-4, "I[B]");
            assertEquals(0, installed(r, "s", "A"), 1e-4, "I[A]");
            assertEquals(4_457_500, r.totalCostUsd(), 1.0, "total");
            assertEquals(4000 * SECONDS, r.servedInferences(), 1e-6 * 4000 * SECONDS);
        }
    }

    /**
     * Chip B only; site "cheap" (jurisdiction X, 50 USD/MWh) and "dear" (Y, 200 USD/MWh), 10 MW
     * each already built. Free choice: cheap, 625 000 + 875 * 109.5 = 720 812.5. Residency [Y]:
     * dear, 625 000 + 875 * 438 = 1 008 250.
     */
    @Test
    void residencyForbidsTheCheapSite() {
        List<Site> sites = List.of(site("cheap", "X", 10, 10, 0, 50), site("dear", "Y", 10, 10, 0, 200));
        List<Chip> chips = List.of(chipB(null, null));
        LpResult free = PlanLinearProgram.solve(new PlanningModel(List.of(region(List.of())), WORKLOADS, sites, chips,
                policy(Map.of())), DEMAND, LpOptions.relaxed());
        assertClose(125, installed(free, "cheap", "B"), "I[cheap]");
        assertClose(720_812.5, free.totalCostUsd(), "total free");

        LpResult r = PlanLinearProgram.solve(new PlanningModel(List.of(region(List.of("Y"))), WORKLOADS, sites, chips,
                policy(Map.of())), DEMAND, LpOptions.relaxed());
        assertEquals(LpStatus.OPTIMAL, r.status());
        assertClose(0, installed(r, "cheap", "B"), "I[cheap]");
        assertClose(125, installed(r, "dear", "B"), "I[dear]");
        assertClose(1_008_250, r.totalCostUsd(), "total");
        assertTrue(r.plan().flows().stream().allMatch(f -> f.site().equals("dear")));
    }

    /**
     * One site capped at 1 MW, chip B (10 kW): at most 100 servers, 100 * 80 * 0.8 = 6400 peak
     * ips, 3200 avg. A second region r2 (SLO 50 ms, site 100 ms away) is never servable.
     * Served: 3200 * 7 884 000 = 2.52288e10; unmet: 800 * 7 884 000 (r) + 500 * 7 884 000 (r2).
     */
    @Test
    void demandBeyondEveryLimitServesTheMaximum() {
        Region r2 = new Region("r2", "r2", List.of("YY"), List.of(), Map.of("chat", 50.0));
        Site s = new Site("s", "s", "XX", "X", Map.of("r", 10.0, "r2", 100.0), 0, 1.0, 8e6, null, 100, 1.0, Map.of());
        PlanningModel m = new PlanningModel(List.of(region(List.of()), r2), WORKLOADS, List.of(s),
                List.of(chipB(null, null)), policy(Map.of()));
        List<DemandCell> demand = List.of(DEMAND.get(0), new DemandCell("r2", "chat", Q1, 1000, 500));
        for (LpOptions o : List.of(LpOptions.relaxed(), LpOptions.integer())) {
            LpResult r = PlanLinearProgram.solve(m, demand, o);
            assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
            assertClose(3200 * SECONDS, r.maxServedInferences(), "phase-1 maximum");
            assertClose(3200 * SECONDS, r.servedInferences(), "served");
            assertClose(1300 * SECONDS, r.unmetInferences(), "unmet");
            assertClose(100, installed(r, "s", "B"), "I[B]");
            assertClose(1.0, r.itMwExact().get(new Plan.SiteQuarter("s", Q1)), "M");
        }
    }

    /** Existing servers of a chip no flow can use: fixed, idle energy counted, forced MW built. */
    @Test
    void unusableExistingServersAreConstants() {
        // chip C serves no "chat"... it serves "other" only; 50 existing servers of 10 kW = 0.5 MW
        Chip c = new Chip("C", "vc", false, 70_000, 10, 0.4, 10, Map.of("other", 10.0), null, null);
        Site s = new Site("s", "s", "XX", "X", Map.of("r", 10.0), 0.2, 10, 8e6, null, 100, 1.0, Map.of("C", 50));
        PlanningModel m = new PlanningModel(List.of(region(List.of())),
                List.of(new Workload("chat", null), new Workload("other", null)), List.of(s),
                List.of(chipB(null, null), c), policy(Map.of()));
        LpResult r = PlanLinearProgram.solve(m, DEMAND, LpOptions.relaxed());
        assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
        // B as in cheaperSlowerChipWins but MW: 1.25 + 0.5 forced = 1.75 built, 0.2 existing -> 1.55 added
        double facility = 1.55 * 200_000;
        double energy = 191_625 + 0.4 * 50 * 10 * 219; // + idle of C's 50 servers
        assertClose(50, installed(r, "s", "C"), "I[C] fixed");
        assertClose(facility, r.cost().facilityCapexAmortizedUsd(), "facility");
        assertClose(energy, r.cost().energyUsd(), "energy");
        assertClose(625_000 + facility + energy, r.totalCostUsd(), "total");
    }

    /** Two quarters, growing demand, supply 110 per quarter: I non-decreasing and the supply respected. */
    @Test
    void supplyAcrossQuartersBuildsAhead() {
        Quarter q2 = Q1.next();
        PlanningModel m = new PlanningModel(List.of(region(List.of())), WORKLOADS,
                List.of(site("s", "X", 10, 10, 0, 100)), List.of(chipB(new Chip.Supply(110L, Map.of()), null)),
                new Policy(Q1, q2, 0.9, 0.3, 0.8, Map.of(), 40));
        // Q1 needs 50 servers (3200 peak), Q2 needs 160 (10240 peak): 110 can arrive in Q2, so 50 in Q1 suffice
        List<DemandCell> d = List.of(new DemandCell("r", "chat", Q1, 3200, 1600), new DemandCell("r", "chat", q2, 10240, 5120));
        LpResult r = PlanLinearProgram.solve(m, d, LpOptions.integer());
        assertEquals(LpStatus.OPTIMAL, r.status(), r.message());
        assertClose(50, r.installedExact().get(new Plan.SiteChipQuarter("s", "B", Q1)), "I[Q1]");
        assertClose(160, r.installedExact().get(new Plan.SiteChipQuarter("s", "B", q2)), "I[Q2]");
        // with supply 100, Q2 can reach only 150 servers unless Q1 builds ahead: 60 in Q1, 160 in Q2
        PlanningModel m2 = new PlanningModel(m.regions(), m.workloads(), m.sites(),
                List.of(chipB(new Chip.Supply(100L, Map.of()), null)), m.policy());
        LpResult r2 = PlanLinearProgram.solve(m2, d, LpOptions.integer());
        assertClose(60, r2.installedExact().get(new Plan.SiteChipQuarter("s", "B", Q1)), "I[Q1] ahead");
        assertClose(160, r2.installedExact().get(new Plan.SiteChipQuarter("s", "B", q2)), "I[Q2] ahead");
        assertEquals(0.0, r2.unmetInferences(), 1e-3 * SECONDS);
    }

    @Test
    void infeasibleWhenExistingServersExceedTheSite() {
        Site s = new Site("s", "s", "XX", "X", Map.of("r", 10.0), 0.5, 0.5, 8e6, null, 100, 1.0, Map.of("A", 100));
        PlanningModel m = new PlanningModel(List.of(region(List.of())), WORKLOADS, List.of(s),
                List.of(chipA(), chipB(null, null)), policy(Map.of()));
        LpResult r = PlanLinearProgram.solve(m, DEMAND, LpOptions.relaxed());
        assertEquals(LpStatus.INFEASIBLE, r.status(), r.message());
    }

    /**
     * A seeded instance small enough for ojAlgo's branch and bound, where a site's power binds:
     * the LP may serve a little more than the MIP (fractional servers), so costs are compared at
     * the MIP's served volume: lowerBound(served = MIP's) <= MIP cost, and close to it.
     */
    @Test
    void mipCostsAtLeastTheLpAndCloseToIt() {
        RandomInstances.Instance in = RandomInstances.generate(2, 3, 2, 2, 3, 7);
        LpResult lp = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed());
        LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)));
        assertEquals(LpStatus.OPTIMAL, lp.status(), lp.message());
        assertTrue(mip.status().hasSolution(), mip.status() + " " + mip.message());
        assertTrue(mip.servedInferences() <= lp.servedInferences() * (1 + 1e-9));
        assertEquals(lp.servedInferences(), mip.servedInferences(), 1e-3 * lp.servedInferences());
        LpResult bound = PlanLinearProgram.lowerBound(in.model(), in.demand(), mip.servedInferences());
        assertEquals(LpStatus.OPTIMAL, bound.status(), bound.message());
        assertTrue(mip.totalCostUsd() >= bound.totalCostUsd() * (1 - 1e-9),
                "MIP " + mip.totalCostUsd() + " < LP bound " + bound.totalCostUsd());
        assertTrue(mip.totalCostUsd() <= bound.totalCostUsd() * 1.02,
                "MIP " + mip.totalCostUsd() + " far above LP bound " + bound.totalCostUsd());
        for (Integer i : mip.plan().installed().values()) {
            assertTrue(i >= 0);
        }
        // the MIP's installed values are integers
        mip.installedExact().values().forEach(v -> assertEquals(Math.rint(v), v, 0.0));
    }

    @Test
    void lowerBoundForLessServedIsLower() {
        PlanningModel m = twoChips(chipB(null, null), Map.of());
        LpResult half = PlanLinearProgram.lowerBound(m, DEMAND, 2000 * SECONDS);
        assertEquals(LpStatus.OPTIMAL, half.status(), half.message());
        assertClose(1_066_625 / 2.0, half.totalCostUsd(), "half the demand, half the cost");
        LpResult tooMuch = PlanLinearProgram.lowerBound(m, DEMAND, 5000 * SECONDS);
        assertEquals(LpStatus.INFEASIBLE, tooMuch.status());
    }

    /** A small instance, its MIP plan, and a worse heuristic's: the same servers, half of every flow. */
    private record HalvedFlows(RandomInstances.Instance in, LpResult mip, Plan full, Plan weak) {
        static HalvedFlows ofASmallInstance() {
            RandomInstances.Instance in = RandomInstances.generate(3, 4, 3, 3, 4, 11);
            LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(),
                    LpOptions.integer().withTimeLimit(Duration.ofSeconds(20)));
            assertTrue(mip.status().hasSolution(), mip.message());
            Plan full = mip.plan();
            List<Plan.Flow> halved = new ArrayList<>();
            for (Plan.Flow f : full.flows()) {
                halved.add(new Plan.Flow(f.region(), f.workload(), f.quarter(), f.site(), f.chip(), f.peakIps() / 2, f.avgIps() / 2));
            }
            return new HalvedFlows(in, mip, full, new Plan(halved, full.installed(), full.itMwBuilt()));
        }
    }

    @Test
    void dispatchPolishNeverServesLess() {
        HalvedFlows h = HalvedFlows.ofASmallInstance();
        RandomInstances.Instance in = h.in();
        LpResult mip = h.mip();
        Plan full = h.full();
        Plan weak = h.weak();
        for (Plan given : List.of(weak, full)) {
            double givenServed = PlanCosts.servedInferences(given.flows());
            LpResult p = PlanLinearProgram.polishDispatch(in.model(), in.demand(), given, LpOptions.relaxed());
            assertTrue(p.servedInferences() >= givenServed * (1 - 1e-12),
                    "polished " + p.servedInferences() + " < given " + givenServed);
            assertEquals(given.installed(), p.plan().installed());
            assertCapacityRespected(in.model(), p.plan());
        }
        LpResult fromWeak = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed());
        assertEquals(mip.servedInferences(), fromWeak.servedInferences(), 1e-6 * mip.servedInferences());
        LpResult fromFull = PlanLinearProgram.polishDispatch(in.model(), in.demand(), full, LpOptions.relaxed());
        assertTrue(fromFull.cost().energyUsd() <= mip.cost().energyUsd() * (1 + 1e-9));
    }

    @Test
    void dispatchPolishWithAServedFloorServesTheFloorAtLessEnergyButNeverLessThanGiven() {
        HalvedFlows h = HalvedFlows.ofASmallInstance();
        RandomInstances.Instance in = h.in();
        Plan weak = h.weak();
        LpResult mostServed = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed());
        double most = mostServed.servedInferences();
        double weakServed = PlanCosts.servedInferences(weak.flows());
        // a floor between the given flows and the most, with a tie wider than the distance: served
        // down towards it (more only where it costs nothing: the LP is indifferent there), for
        // less busy energy
        double floor = weakServed + 0.5 * (most - weakServed);
        LpResult atFloor = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed(), floor, most);
        assertTrue(atFloor.servedInferences() >= floor * (1 - 1e-9), atFloor.servedInferences() + " below the floor " + floor);
        assertTrue(atFloor.servedInferences() < most * 0.9, "the floor, not the most: " + atFloor.servedInferences() + " of " + most);
        assertTrue(atFloor.cost().energyUsd() < mostServed.cost().energyUsd(), "serving less over the same servers draws less");
        assertEquals(h.full().installed(), atFloor.plan().installed());
        assertCapacityRespected(in.model(), atFloor.plan());
        // a tie wider than the floor's distance to the most: within the tie of the most, the floor
        // not reached down to (serving the floor would be below the most by more than the tie)
        double tie = 0.1 * (most - weakServed);
        LpResult withinTie = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed(), floor, tie);
        assertTrue(withinTie.servedInferences() >= (most - tie) * (1 - 1e-9), withinTie.servedInferences() + " below the most less the tie");
        // a floor below the given flows: never less than given
        LpResult belowGiven = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed(), weakServed / 2, most);
        assertTrue(belowGiven.servedInferences() >= weakServed * (1 - 1e-12));
        // a floor above the most: the most, as without one
        LpResult above = PlanLinearProgram.polishDispatch(in.model(), in.demand(), weak, LpOptions.relaxed(), most * 2, 0);
        assertEquals(most, above.servedInferences(), 1e-9 * most);
    }

    static void assertCapacityRespected(PlanningModel m, Plan p) {
        Map<Plan.SiteChipQuarter, Double> load = new java.util.HashMap<>();
        for (Plan.Flow f : p.flows()) {
            Chip c = m.chip(f.chip()).orElseThrow();
            load.merge(new Plan.SiteChipQuarter(f.site(), f.chip(), f.quarter()), f.peakIps() / c.throughput(f.workload()), Double::sum);
        }
        double u = m.policy().targetUtilization();
        load.forEach((k, l) -> assertTrue(l <= u * p.installed().getOrDefault(k, 0) * (1 + 1e-9), k + " load " + l));
    }

    /**
     * {@link LpResult#servedBoundInferences}: the relaxation's is its own maximum; the MIP's is its
     * served phase's dual bound, at least what its plan serves and, on small partly-unservable v2
     * #2, 2.0e-4 of the demand below the relaxation's (whole servers and phases serve less than
     * fractions); a restricted solve (a window of quarters) has none.
     */
    @Test
    void theMipsServedBoundLiesBetweenItsPlanAndTheRelaxationsMaximum() {
        HardInstances.Instance in = HardInstances.generate(HardInstances.Flavor.PARTLY_UNSERVABLE, HardInstances.Size.SMALL, 2, true);
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed());
        assertEquals(relaxation.servedInferences(), relaxation.servedBoundInferences(), 1e-9 * relaxation.servedInferences(),
                "the LP's maximum (phase 2 keeps it within its tolerance)");
        double volume = relaxation.servedInferences() + relaxation.unmetInferences();
        LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)));
        assertTrue(mip.status().hasSolution(), mip.status() + " " + mip.message());
        assertTrue(mip.servedBoundInferences() >= mip.servedInferences() * (1 - 1e-9),
                mip.servedBoundInferences() + " bounds the MIP's own plan, " + mip.servedInferences());
        assertTrue(mip.servedBoundInferences() < relaxation.servedInferences() - 1e-5 * volume,
                "whole servers and phases serve less: " + mip.servedBoundInferences() + " against " + relaxation.servedInferences());
        LpResult window = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)).withWindow(new LpWindow(0, 4, Map.of())));
        assertTrue(Double.isNaN(window.servedBoundInferences()), "a window's bound holds for the window only");
    }
}
