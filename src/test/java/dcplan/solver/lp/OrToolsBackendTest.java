package dcplan.solver.lp;

import com.google.ortools.linearsolver.MPSolver;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HiGHS through OR-Tools 9.15 stopped by its time limit: the status it answers
 * (MPSOLVER_UNKNOWN_STATUS, 99) is read as a solve without a solution, not thrown as
 * "No enum class MPSolver$ResultStatus with value 99".
 */
class OrToolsBackendTest {

    /**
     * A market split (Cornuejols and Dawande: 4 rows of 30 binaries, each row's right-hand
     * side half its sum) with a slack per row and the slacks' sum minimised: any 0/1 point is
     * feasible, so HiGHS has an incumbent at once, and no solver proves such an instance in
     * milliseconds.
     */
    static LinearModel marketSplit(long seed) {
        Random random = new Random(seed);
        LinearModel m = new LinearModel();
        int n = 30;
        int rows = 4;
        int[] x = new int[n];
        for (int j = 0; j < n; j++) {
            x[j] = m.addColumn("x" + j, 0, 1, true);
        }
        for (int i = 0; i < rows; i++) {
            int plus = m.addColumn("over" + i, 0, Double.POSITIVE_INFINITY, false);
            int minus = m.addColumn("under" + i, 0, Double.POSITIVE_INFINITY, false);
            m.objective(plus, 1);
            m.objective(minus, 1);
            LinearModel.Row r = m.addRow("split" + i);
            int sum = 0;
            for (int j = 0; j < n; j++) {
                int a = random.nextInt(100);
                sum += a;
                r.set(x[j], a);
            }
            r.set(plus, -1).set(minus, 1).lower(sum / 2).upper(sum / 2);
        }
        return m;
    }

    /** Skips the test where OR-Tools' natives or its HiGHS are missing. */
    private static void assumeHighs() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        MPSolver probe = MPSolver.createSolver("HIGHS");
        assumeTrue(probe != null, "this OR-Tools has no HiGHS");
        probe.delete();
    }

    @Test
    void highsStoppedByItsTimeLimitIsASolveWithoutASolutionNotAnError() {
        assumeHighs();
        LpBackend.Solution s = new OrToolsBackend("GLOP", "HIGHS").solve(marketSplit(1), false, 200, 0.0);
        assertEquals(LpBackend.Outcome.NO_SOLUTION, s.outcome(), s.detail());
        assertNull(s.x());
        assertTrue(s.detail().contains("UNKNOWN_STATUS"), s.detail());
        assertTrue(Double.isNaN(s.bestBound()), "no dual bound is claimed without a solution");
    }

    /**
     * A small market split (2 rows of 10 binaries) whose slacks' sum is minimised on top of a
     * constant 1e6 (a fixed column): every plan is within 1e-4 of the optimum, so HiGHS at its
     * own default gap stops at its first incumbent. Asked for gap 0 it must return the optimum
     * (found here by enumerating the 1,024 points), and no dual bound is claimed for it.
     */
    @Test
    void highsGetsTheGapItIsAskedForAndClaimsNoBound() {
        assumeHighs();
        int[][] a = {{31, 7, 58, 12, 90, 44, 3, 67, 25, 19}, {5, 88, 41, 73, 16, 9, 60, 34, 27, 52}};
        int[] rhs = {160, 190};
        LinearModel m = new LinearModel();
        int one = m.addColumn("one", 1, 1, false);
        m.objective(one, 1e6);
        int[] x = new int[10];
        for (int j = 0; j < 10; j++) {
            x[j] = m.addColumn("x" + j, 0, 1, true);
        }
        for (int i = 0; i < 2; i++) {
            int over = m.addColumn("over" + i, 0, Double.POSITIVE_INFINITY, false);
            int under = m.addColumn("under" + i, 0, Double.POSITIVE_INFINITY, false);
            m.objective(over, 1);
            m.objective(under, 1);
            LinearModel.Row r = m.addRow("split" + i);
            for (int j = 0; j < 10; j++) {
                r.set(x[j], a[i][j]);
            }
            r.set(over, -1).set(under, 1).lower(rhs[i]).upper(rhs[i]);
        }
        double best = Double.MAX_VALUE;
        for (int mask = 0; mask < 1 << 10; mask++) {
            double slack = 0;
            for (int i = 0; i < 2; i++) {
                int sum = 0;
                for (int j = 0; j < 10; j++) {
                    sum += (mask >> j & 1) * a[i][j];
                }
                slack += Math.abs(sum - rhs[i]);
            }
            best = Math.min(best, slack);
        }
        LpBackend.Solution s = new OrToolsBackend("GLOP", "HIGHS").solve(m, false, 10_000, 0.0);
        assertEquals(LpBackend.Outcome.OPTIMAL, s.outcome(), s.detail());
        assertEquals(1e6 + best, s.objectiveValue(), 1e-6, "HiGHS at gap 0: the optimum");
        assertTrue(Double.isNaN(s.bestBound()), "OR-Tools gives HiGHS's incumbent as its bound: none is claimed");
    }

    @Test
    void scipStoppedByItsTimeLimitStillGivesItsIncumbent() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        LpBackend.Solution s = new OrToolsBackend("GLOP", "SCIP").solve(marketSplit(1), false, 200, 0.0);
        assertEquals(LpBackend.Outcome.FEASIBLE, s.outcome(), s.detail());
        assertTrue(s.x() != null && s.bestBound() <= s.objectiveValue(), s.detail());
    }

    /**
     * A market split without slacks (3 rows of 24 binaries, each row's right-hand side the
     * activity of a random point, so the point is feasible), with a cost on the binaries. SCIP
     * held to its root node (a node limit, as a cost phase cut short by its clock) finds no point
     * of its own; started from the feasible point it keeps it, or a cheaper one, and its dual
     * bound (the root's) is readable: OR-Tools gives the bound only with a solution.
     */
    @Test
    void scipStartedFromAFeasiblePointEndsWithAPlanNoDearerAndADualBound() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        Random random = new Random(7);
        LinearModel m = new LinearModel();
        int n = 24;
        double[] point = new double[n];
        for (int j = 0; j < n; j++) {
            m.addColumn("x" + j, 0, 1, true);
            m.objective(j, 1 + random.nextInt(20));
            point[j] = random.nextBoolean() ? 1 : 0;
        }
        for (int i = 0; i < 3; i++) {
            LinearModel.Row r = m.addRow("split" + i);
            double rhs = 0;
            for (int j = 0; j < n; j++) {
                int a = 1 + random.nextInt(999);
                r.set(j, a);
                rhs += a * point[j];
            }
            r.lower(rhs).upper(rhs);
        }
        OrToolsBackend rootOnly = new OrToolsBackend("GLOP", "SCIP", "limits/nodes = 1");
        LpBackend.Solution alone = rootOnly.solve(m, false, 10_000, 0.0);
        assertEquals(LpBackend.Outcome.NO_SOLUTION, alone.outcome(), "the case needs SCIP to find nothing alone: " + alone.detail());
        m.start(point);
        LpBackend.Solution started = rootOnly.solve(m, false, 10_000, 0.0);
        assertTrue(started.hasSolution(), started.detail());
        assertTrue(started.objectiveValue() <= m.objectiveValue(point) + 1e-9, "no dearer than the start");
        assertTrue(m.isFeasible(started.x(), 1e-6, 1e-9, null), "a feasible point");
        assertTrue(Double.isFinite(started.bestBound()) && started.bestBound() <= started.objectiveValue() + 1e-9,
                "a dual bound at the limit: " + started.bestBound());
    }

    /**
     * A knapsack cover SCIP solves to its optimum at gap 0: 30 whole columns of 0-3 units, each
     * costing at least its cover coefficient, covering 90 % of their most; an objective offset of
     * 1000, as the held MIPs have. Its cover's need is in {@code need[0]}.
     */
    private static LinearModel knapsackCover(double[] need) {
        Random random = new Random(11);
        LinearModel m = new LinearModel();
        LinearModel.Row cover = m.addRow("cover");
        double most = 0;
        for (int j = 0; j < 30; j++) {
            m.addColumn("x" + j, 0, 3, true);
            int a = 5 + random.nextInt(40);
            m.objective(j, a + random.nextInt(15));
            cover.set(j, a);
            most += a;
        }
        need[0] = Math.floor(most * 0.9) + 0.5;
        cover.lower(need[0]);
        m.objectiveOffset(1000);
        return m;
    }

    /**
     * SCIP's memory limit ({@code -Ddcplan.lp.scip.memoryMb}, 1000 MB by default) goes to SCIP alone, which takes it
     * (a parameter it did not know would leave the solve without a plan) and, with room enough,
     * solves to the same optimum; the LP solver never sees it.
     */
    @Test
    void scipTakesItsMemoryLimitAndOtherSolversNeverSeeIt() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        assertEquals("", OrToolsBackend.withMemoryLimit("", "GLOP", 500), "GLOP gets no SCIP parameter");
        assertEquals("", OrToolsBackend.withMemoryLimit("", "SCIP", 0), "0: no limit");
        assertEquals(1000, OrToolsBackend.SCIP_MEMORY_MB, "the planner's default");
        String limit = OrToolsBackend.withMemoryLimit("limits/nodes = 100000", "SCIP", 500);
        assertEquals("limits/nodes = 100000\nlimits/memory = 500", limit);
        LinearModel m = knapsackCover(new double[1]);
        LpBackend.Solution free = new OrToolsBackend("GLOP", "SCIP", "", 0).solve(m, false, 30_000, 0.0);
        LpBackend.Solution limited = new OrToolsBackend("GLOP", "SCIP", "limits/nodes = 100000", 500).solve(m, false, 30_000, 0.0);
        assertEquals(LpBackend.Outcome.OPTIMAL, limited.outcome(), limited.detail());
        assertEquals(free.objectiveValue(), limited.objectiveValue(), 1e-9);
    }

    /**
     * Started from a dearer plan with the model's stop at that plan's value, SCIP ends at once
     * with that plan (SCIP's limits/primal on the total, offset included).
     */
    @Test
    void scipStopsAtTheFirstPlanAsGoodAsTheModelsStop() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        LinearModel m = knapsackCover(new double[1]);
        double[] dear = new double[30];
        java.util.Arrays.fill(dear, 3);
        OrToolsBackend scip = new OrToolsBackend("GLOP", "SCIP");
        LpBackend.Solution optimum = scip.solve(m, false, 30_000, 0.0);
        assertEquals(LpBackend.Outcome.OPTIMAL, optimum.outcome(), optimum.detail());
        double dearValue = m.objectiveValue(dear);
        assertTrue(optimum.objectiveValue() < dearValue - 1, "the start is dearer than the optimum: " + optimum.objectiveValue());
        m.start(dear);
        m.stopAt(dearValue);
        LpBackend.Solution stopped = scip.solve(m, false, 30_000, 0.0);
        assertEquals(LpBackend.Outcome.FEASIBLE, stopped.outcome(), "stopped at its primal limit: " + stopped.detail());
        assertTrue(stopped.objectiveValue() <= dearValue + 1e-9, stopped.objectiveValue() + " no dearer than the stop " + dearValue);
    }

    /**
     * The same knapsack cover with the stop below its LP relaxation's value: no plan can reach it,
     * and SCIP ends once its dual bound shows so (limits/dual) instead of proving its optimum.
     */
    @Test
    void scipStopsOnceItsBoundShowsNoPlanReachesTheStop() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        double[] need = new double[1];
        LinearModel m = knapsackCover(need);
        OrToolsBackend scip = new OrToolsBackend("GLOP", "SCIP");
        LpBackend.Solution optimum = scip.solve(m, false, 30_000, 0.0);
        assertEquals(LpBackend.Outcome.OPTIMAL, optimum.outcome(), optimum.detail());
        // every cost is at least its column's cover coefficient, so no plan costs less than the cover's need
        m.stopAt(Math.floor(need[0]) - 1);
        LpBackend.Solution stopped = scip.solve(m, false, 30_000, 0.0);
        assertNotEquals(LpBackend.Outcome.OPTIMAL, stopped.outcome(), "stopped at its dual limit, not proven: " + stopped.detail());
    }

    /**
     * The model's branching priorities reach SCIP's model (OR-Tools' Java variables cannot take
     * them; its model proto can) on the columns that have them, and the reloaded model is the same
     * model: the same optimum.
     */
    @Test
    void scipGetsTheModelsBranchingPrioritiesOnTheSameModel() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        LinearModel m = knapsackCover(new double[1]);
        OrToolsBackend scip = new OrToolsBackend("GLOP", "SCIP");
        LpBackend.Solution without = scip.solve(m, false, 30_000, 0.0);
        m.branchFirst(3, 10);
        m.branchFirst(17, 5);
        MPSolver solver = MPSolver.createSolver("SCIP");
        try {
            OrToolsBackend.modelInto(solver, m, false);
            com.google.ortools.linearsolver.MPModelProto proto = solver.exportModelToProto();
            assertEquals(30, proto.getVariableCount());
            assertEquals(10, proto.getVariable(3).getBranchingPriority());
            assertEquals(5, proto.getVariable(17).getBranchingPriority());
            assertEquals(0, proto.getVariable(4).getBranchingPriority());
            assertEquals(1000, proto.getObjectiveOffset(), "the offset survives the reload");
        } finally {
            solver.delete();
        }
        LpBackend.Solution with = scip.solve(m, false, 30_000, 0.0);
        assertEquals(LpBackend.Outcome.OPTIMAL, with.outcome(), with.detail());
        assertEquals(without.objectiveValue(), with.objectiveValue(), 1e-9);
    }
}
