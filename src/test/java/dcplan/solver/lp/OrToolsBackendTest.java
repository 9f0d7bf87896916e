package dcplan.solver.lp;

import com.google.ortools.linearsolver.MPSolver;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void highsStoppedByItsTimeLimitIsASolveWithoutASolutionNotAnError() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        MPSolver probe = MPSolver.createSolver("HIGHS");
        assumeTrue(probe != null, "this OR-Tools has no HiGHS");
        probe.delete();
        LpBackend.Solution s = new OrToolsBackend("GLOP", "HIGHS").solve(marketSplit(1), false, 200, 0.0);
        assertEquals(LpBackend.Outcome.NO_SOLUTION, s.outcome(), s.detail());
        assertNull(s.x());
        assertTrue(s.detail().contains("UNKNOWN_STATUS"), s.detail());
        assertTrue(Double.isNaN(s.bestBound()), "no dual bound is claimed without a solution");
    }

    @Test
    void scipStoppedByItsTimeLimitStillGivesItsIncumbent() {
        assumeTrue(OrToolsNatives.load(), "OR-Tools natives: " + OrToolsNatives.error());
        LpBackend.Solution s = new OrToolsBackend("GLOP", "SCIP").solve(marketSplit(1), false, 200, 0.0);
        assertEquals(LpBackend.Outcome.FEASIBLE, s.outcome(), s.detail());
        assertTrue(s.x() != null && s.bestBound() <= s.objectiveValue(), s.detail());
    }
}
