package dcplan.solver.lp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The held MIP's cost phase solved phases first ({@link PhasesFirst}) on tiny version-2 hard
 * instances (whole phases): the plan is the MIP's optimum within the gap, serving as much, and
 * its bound is no higher than that optimum; when step 2 (phases fixed) finds no plan, the cost
 * phase is today's and still proven. About 2 s.
 */
class PhasesFirstTest {

    /**
     * Which steps a backend saw: "1" servers continuous with phases whole, "2" phases fixed, "2s"
     * phases fixed with a start (the served phase's phases), "3" started, "mip" otherwise.
     */
    static final class Recording extends ScipWithCostPhase {
        final List<String> costPhases = new ArrayList<>();
        /** Steps answered "no plan" instead of solved ("2", "2s"). */
        final List<String> failing = new ArrayList<>();
        /** Step 1's dual bound and gap, and the first step 2's stop and gap as the backend was given them. */
        double step1Bound = Double.NaN;
        double step1Gap = Double.NaN;
        double step2Stop = Double.NaN;
        double step2Gap = Double.NaN;
        /** Step 2's stops, one per call; with {@link #noPlanAtTheStop}, a call with a stop ends without a plan. */
        final List<Double> step2Stops = new ArrayList<>();
        boolean noPlanAtTheStop;
        /** The last whole MIP the cost phase was asked to solve ("mip", "3"), as given, and its plan's objective value. */
        LinearModel lastWholeMip;
        double lastPlanValue = Double.NaN;

        Recording() {
            super("SCIP, cost-phase steps recorded");
        }

        @Override
        Solution costPhase(LinearModel m, long budgetMillis, double relativeGap) {
            String step = step(m);
            costPhases.add(step);
            if (failing.contains(step)) {
                return new Solution(Outcome.INFEASIBLE, null, Double.NaN, 0, "no plan with these phases");
            }
            if (step.equals("2")) {
                step2Stops.add(m.stopAt());
                if (noPlanAtTheStop && Double.isFinite(m.stopAt())) {
                    // as SCIP at its dual limit before any plan: OR-Tools answers ABNORMAL
                    return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, "dual limit before a plan");
                }
            }
            if (step.equals("mip") || step.equals("3")) {
                lastWholeMip = m.copy();
                for (int j = 0; j < m.columns(); j++) {
                    lastWholeMip.branchFirst(j, m.branchingPriority(j));
                }
            }
            Solution r = scip.solve(m, false, budgetMillis, relativeGap);
            if (lastWholeMip != null && (step.equals("mip") || step.equals("3"))) {
                lastPlanValue = r.objectiveValue();
            }
            if (step.equals("1")) {
                step1Bound = r.bestBound();
                step1Gap = relativeGap;
            } else if (step.equals("2") && Double.isNaN(step2Gap)) { // the first step 2
                step2Stop = m.stopAt();
                step2Gap = relativeGap;
            }
            return r;
        }

        private static String step(LinearModel m) {
            boolean serversContinuous = false;
            boolean phasesFixed = false;
            boolean anyPhase = false;
            for (int j = 0; j < m.columns(); j++) {
                serversContinuous |= m.name(j).startsWith("I_") && !m.isInteger(j) && m.lower(j) < m.upper(j);
                if (m.name(j).startsWith("P_")) {
                    anyPhase = true;
                    phasesFixed |= m.lower(j) == m.upper(j) && m.upper(j) > 0;
                }
            }
            if (!anyPhase) {
                return "no phases";
            }
            return serversContinuous ? "1" : phasesFixed ? (m.start() != null ? "2s" : "2") : m.start() != null ? "3" : "mip";
        }
    }

    private static HardInstances.Instance instance(HardInstances.Flavor flavor) {
        return HardInstances.generate(flavor, HardInstances.Size.TINY, 1, true);
    }

    private static LpOptions held() {
        return LpOptions.integer().toBeProven().withTimeLimit(Duration.ofSeconds(60));
    }

    @Test
    void phasesFirstGivesTheMipsOptimumWithinTheGapAndABoundNoHigher() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        for (HardInstances.Flavor flavor : List.of(HardInstances.Flavor.POWER_BOUND, HardInstances.Flavor.MIXED)) {
            HardInstances.Instance in = instance(flavor);
            Recording backend = new Recording();
            LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
            assertTrue(backend.costPhases.contains("1") && backend.costPhases.contains("2"),
                    in.name() + ": steps 1 and 2 ran: " + backend.costPhases);
            // the plain MIP at a gap 100 times tighter: its optimum, to within 1e-6
            LpResult exact = new LexicographicSolve(LpBackends.of(new OrToolsBackend("GLOP", "SCIP"))).solve(in.model(),
                    in.demand(), LpOptions.integer().withMipRelativeGap(1e-6).withTimeLimit(Duration.ofSeconds(60)));
            assertTrue(exact.provenOptimal(), exact.message());
            assertTrue(r.provenOptimal(), in.name() + ": " + r.message());
            assertEquals(exact.servedInferences(), r.servedInferences(), 1e-6 * exact.servedInferences(), in.name() + " serves as much");
            assertTrue(r.totalCostUsd() <= exact.totalCostUsd() * (1 + LpOptions.DEFAULT_MIP_GAP + 1e-6),
                    in.name() + ": " + r.totalCostUsd() + " against the optimum " + exact.totalCostUsd());
            assertTrue(r.hasLowerBound(), r.message());
            assertTrue(r.lowerBoundUsd() <= exact.totalCostUsd() * (1 + 1e-9),
                    in.name() + ": bound " + r.lowerBoundUsd() + " above the optimum " + exact.totalCostUsd());
            assertTrue(r.totalCostUsd() <= r.lowerBoundUsd() * (1 + LpOptions.DEFAULT_MIP_GAP + 1e-9),
                    in.name() + ": proven within the gap of its bound " + r.lowerBoundUsd() + " (" + r.lowerBoundKind() + ")");
        }
    }

    @Test
    void withoutAPlanFromEitherStep2TheCostPhaseIsTodays() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        backend.failing.addAll(List.of("2", "2s"));
        LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertEquals(List.of("1", "2", "2s", "mip"), backend.costPhases,
                "step 1, step 2 without a plan with either phases, then the MIP alone");
        assertTrue(r.provenOptimal(), r.message());
        LpResult plain = new LexicographicSolve(LpBackends.of(new OrToolsBackend("GLOP", "SCIP"))).solve(in.model(),
                in.demand(), held());
        assertEquals(plain.totalCostUsd(), r.totalCostUsd(), 1e-4 * plain.totalCostUsd(), "the cost phase's optimum");
        assertTrue(r.lowerBoundUsd() <= r.totalCostUsd() * (1 + 1e-9), r.lowerBoundUsd() + " <= " + r.totalCostUsd());
    }

    @Test
    void withoutAPlanFromStep1sPhasesStep2TakesTheServedPhasesPhases() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        backend.failing.add("2");
        LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertEquals(List.of("1", "2", "2s"), backend.costPhases.subList(0, 3),
                "step 2 again with the served phase's phases: " + backend.costPhases);
        assertFalse(backend.costPhases.contains("mip"), "not the MIP alone: " + backend.costPhases);
        assertTrue(r.provenOptimal(), r.message());
        LpResult plain = new LexicographicSolve(LpBackends.of(new OrToolsBackend("GLOP", "SCIP"))).solve(in.model(),
                in.demand(), held());
        assertTrue(r.totalCostUsd() <= plain.totalCostUsd() * (1 + LpOptions.DEFAULT_MIP_GAP + 1e-6),
                r.totalCostUsd() + " within the gap of the cost phase's optimum " + plain.totalCostUsd());
        assertEquals(plain.servedInferences(), r.servedInferences(), 1e-6 * plain.servedInferences(), "serves as much");
    }

    /** {@link #oneSiteWhereStep1sPhaseIsTooFew}'s columns: its phases and its servers. */
    private static final int ONE_SITE_PHASE = 0;
    private static final int ONE_SITE_SERVERS = 1;

    /**
     * One site, one chip: a phase is 10 MW, a server draws 3 MW and serves 1; serve at least 3.2;
     * a phase costs 5, a server 1. With servers continuous one phase powers 3.2 servers (cost 8.2);
     * whole, 4 servers need a second phase: step 1's phases leave step 2 without a plan.
     */
    private static LinearModel oneSiteWhereStep1sPhaseIsTooFew() {
        LinearModel m = new LinearModel();
        int p = m.addColumn("P_site_1", 0, 2, true);
        int i = m.addColumn("I_site_chip_1", 0, 10, true);
        int f = m.addColumn("f_cell_site_chip", 0, Double.POSITIVE_INFINITY, false);
        if (p != ONE_SITE_PHASE || i != ONE_SITE_SERVERS) {
            throw new IllegalStateException("columns in another order: " + p + ", " + i);
        }
        m.addRow("power").upper(0).set(i, 3).set(p, -10);
        m.addRow("capacity").upper(0).set(f, 1).set(i, -1);
        m.addRow("served").lower(3.2).set(f, 1);
        m.objective(p, 5);
        m.objective(i, 1);
        return m;
    }

    /** {@link #oneSiteWhereStep1sPhaseIsTooFew}: step 2 again with the served phase's phases, then step 3, to the optimum. */
    @Test
    void step1sPhasesTooFewForWholeServersStillGiveTheOptimumFromTheServedPhasesPhases() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        LinearModel m = oneSiteWhereStep1sPhaseIsTooFew();
        int p = ONE_SITE_PHASE;
        int i = ONE_SITE_SERVERS;
        double[] servedPhasesPlan = {2, 4, 3.2}; // serves the target: feasible
        Recording backend = new Recording();
        PhasesFirst.Solved s = PhasesFirst.solve(LpBackends.of(backend), m, new int[]{i}, new int[]{p}, servedPhasesPlan,
                new LpClock(Duration.ofSeconds(30)), 1e-4);
        assertEquals(List.of("1", "2", "2s", "3"), backend.costPhases, "step 2 again from the served phase's phases, then step 3");
        assertEquals(LpStatus.OPTIMAL, s.phase().status(), s.phase().state());
        assertEquals(14.0, s.phase().result().objectiveValue(), 1e-6, "two phases and four servers");
    }

    /**
     * {@link #oneSiteWhereStep1sPhaseIsTooFew}, where step 3 runs: it is the whole MIP from step 2's plan with the
     * row {@code cost >= B} at step 1's bound and SCIP branching on the phase first, and its
     * optimum (two phases, four servers: 14) is the plan.
     */
    @Test
    void step3IsTheWholeMipFromStep2sPlanWithTheRowAtStep1sBoundAndThePhasesBranchedFirst() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assumeTrue(PhasesFirst.STEP3_HINTS, "the default");
        LinearModel m = oneSiteWhereStep1sPhaseIsTooFew();
        int p = ONE_SITE_PHASE;
        int i = ONE_SITE_SERVERS;
        Recording backend = new Recording();
        PhasesFirst.Solved s = PhasesFirst.solve(LpBackends.of(backend), m, new int[]{i}, new int[]{p}, new double[]{2, 4, 3.2},
                new LpClock(Duration.ofSeconds(30)), 1e-4);
        assertEquals("3", backend.costPhases.get(backend.costPhases.size() - 1), "step 3 ran: " + backend.costPhases);
        LinearModel step3 = backend.lastWholeMip;
        LinearModel.Row row = step3.rows.get(step3.rows.size() - 1);
        assertEquals("cost_at_least_phases_whole_bound", row.name);
        assertEquals(8.2, backend.step1Bound, 1e-6, "step 1: one phase, 3.2 servers");
        assertEquals(backend.step1Bound, row.lower, 0.0, "the row is at step 1's bound");
        assertEquals(PhasesFirst.PHASE_BRANCHING_PRIORITY, step3.branchingPriority(p), "the phase first");
        assertEquals(0, step3.branchingPriority(i), "the servers after");
        assertEquals(m.rows.size() + 1, step3.rows.size(), "one row more, the MIP's own unchanged");
        assertEquals(LpStatus.OPTIMAL, s.phase().status(), s.phase().state());
        assertEquals(14.0, s.phase().result().objectiveValue(), 1e-6, "two phases and four servers");
    }

    @Test
    void step2StopsAtTheFirstPlanStep1sBoundProves() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assumeTrue(PhasesFirst.STOP_AT_BOUND, "the default");
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertTrue(backend.costPhases.contains("2"), "step 2 ran: " + backend.costPhases);
        assertTrue(Double.isFinite(backend.step1Bound), "step 1's bound " + backend.step1Bound);
        // the stop is step 1's bound plus the gap on the total: above the bound, by less than the gap of the bound's objective
        assertTrue(backend.step2Stop > backend.step1Bound, backend.step2Stop + " above step 1's bound " + backend.step1Bound);
        assertEquals(LpOptions.DEFAULT_MIP_GAP * PhasesFirst.STEP2_GAP_FACTOR, backend.step2Gap, 1e-15,
                "step 2's own gap tighter than the cost phase's");
    }

    /**
     * Step 2 stops at step 1's bound plus the gap, so a loose bound moves the stop down past the
     * plans step 2 finds quickly: at the cost phase's gap, SCIP ended step 1 of the held Brazil
     * surge with bounds 5.3e-5 apart from run to run, and in the lower ones step 2 ran its whole
     * share and step 3 followed (16-18 s held against 2.6-3.7 s).
     */
    @Test
    void step1IsSolvedToATighterGapThanTheCostPhaseSoThatStep2sStopIsReachable() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertTrue(backend.costPhases.contains("1"), "step 1 ran: " + backend.costPhases);
        assertEquals(LpOptions.DEFAULT_MIP_GAP * PhasesFirst.STEP1_GAP_FACTOR, backend.step1Gap, 1e-15,
                "step 1's own gap");
        assertTrue(backend.step1Gap < LpOptions.DEFAULT_MIP_GAP, "tighter than the cost phase's " + backend.step1Gap);
    }

    @Test
    void step2StoppedBeforeAnyPlanRunsAgainWithoutItsStop() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assumeTrue(PhasesFirst.STOP_AT_BOUND, "the default");
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        Recording backend = new Recording();
        backend.noPlanAtTheStop = true;
        LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), held());
        assertEquals(List.of("1", "2", "2"), backend.costPhases.subList(0, 3), "step 2 again: " + backend.costPhases);
        assertTrue(Double.isFinite(backend.step2Stops.get(0)) && Double.isNaN(backend.step2Stops.get(1)),
                "the second step 2 without the stop: " + backend.step2Stops);
        assertFalse(backend.costPhases.contains("2s") || backend.costPhases.contains("mip"),
                "not the served phase's phases nor the MIP alone: " + backend.costPhases);
        assertTrue(r.provenOptimal(), r.message());
    }

    @Test
    void theStopIsTheHighestValueProvenWithinTheGap() {
        double stop = PhasesFirst.provenBy(99.95, 900, 1e-4);
        assertTrue(PhasesFirst.withinGap(stop, 99.95, 900, 1e-4), "the stop itself is proven");
        assertFalse(PhasesFirst.withinGap(stop + 1e-9 * 1e-4 * 1000 * 2, 99.95, 900, 1e-4), "a little above it is not");
    }

    @Test
    void aPlanWithinTheGapOfTheBoundIsProvenOnTheTotal() {
        // objective 100 + offset 900: a total of 1000 against 999.95, 5e-5 apart
        assertTrue(PhasesFirst.withinGap(100, 99.95, 900, 1e-4));
        assertFalse(PhasesFirst.withinGap(100, 99.95, 0, 1e-4), "on the objective alone 5e-4 apart");
    }

    /** A plain MIP (SCIP alone, as a planner would call it) is solved as it is: no step 1, no row. */
    @Test
    void aPlainMipIsSolvedWithoutStep1() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        Recording backend = new Recording();
        HardInstances.Instance in = instance(HardInstances.Flavor.POWER_BOUND);
        new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(), LpOptions.integer());
        assertEquals(List.of("mip"), backend.costPhases, "the MIP alone: " + backend.costPhases);
        assertTrue(backend.lastWholeMip.rows.stream().noneMatch(r -> r.name.startsWith("cost_at_least")), "no row");
    }

    /**
     * Not held, a MIP with whole phases whose caller asks for it (the planner's) is solved bound first: step 1 (servers continuous), then
     * the whole MIP with a row {@code cost >= B} at step 1's bound and SCIP branching on the
     * phases first; its plan is the MIP's optimum within the gap: the row takes no plan away (the
     * same MIP without the row and the priorities, solved at a gap 100 times tighter, is not cheaper).
     */
    @Test
    void anUnheldMipIsSolvedBoundFirstToTheSameOptimum() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assumeTrue(PhasesFirst.SCOPE.equals("held") && PhasesFirst.BOUND_FIRST, "the default paths");
        for (HardInstances.Flavor flavor : List.of(HardInstances.Flavor.POWER_BOUND, HardInstances.Flavor.MIXED)) {
            HardInstances.Instance in = instance(flavor);
            Recording backend = new Recording();
            LpResult r = new LexicographicSolve(LpBackends.of(backend)).solve(in.model(), in.demand(),
                    LpOptions.integer().withBoundFirst().withTimeLimit(Duration.ofSeconds(60)));
            assertEquals("1", backend.costPhases.get(0), in.name() + ": step 1 first: " + backend.costPhases);
            assertEquals("mip", backend.costPhases.get(1), in.name() + ": then the whole MIP: " + backend.costPhases);
            assertFalse(backend.costPhases.contains("2"), in.name() + ": no step 2 outside a held what-if: " + backend.costPhases);
            LinearModel hinted = backend.lastWholeMip;
            LinearModel.Row row = hinted.rows.get(hinted.rows.size() - 1);
            assertEquals("cost_at_least_phases_whole_bound", row.name);
            assertEquals(backend.step1Bound, row.lower, 0.0, "the row is at step 1's bound");
            int prioritised = 0;
            for (int j = 0; j < hinted.columns(); j++) {
                if (hinted.branchingPriority(j) > 0) {
                    prioritised++;
                    assertTrue(hinted.name(j).startsWith("P_"), "only phases first: " + hinted.name(j));
                }
            }
            assertTrue(prioritised > 0, in.name() + ": the phases branched on first");

            LinearModel plain = hinted.copy();
            plain.rows.remove(plain.rows.size() - 1);
            LpBackend.Solution exact = new OrToolsBackend("GLOP", "SCIP").solve(plain, false, 60_000, 1e-6);
            assertEquals(LpBackend.Outcome.OPTIMAL, exact.outcome(), exact.detail());
            assertTrue(backend.step1Bound <= exact.objectiveValue() + 1e-9, "step 1's bound is a bound: "
                    + backend.step1Bound + " against the optimum " + exact.objectiveValue());
            assertTrue(r.provenOptimal(), in.name() + ": " + r.message());
            assertTrue(backend.lastPlanValue <= exact.objectiveValue() + LpOptions.DEFAULT_MIP_GAP * Math.abs(exact.objectiveValue()),
                    in.name() + ": " + backend.lastPlanValue + " against the optimum " + exact.objectiveValue());
        }
    }
}
