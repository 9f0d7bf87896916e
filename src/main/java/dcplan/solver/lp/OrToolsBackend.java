package dcplan.solver.lp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * OR-Tools' {@link MPSolver}: GLOP (primal / dual simplex) for LPs, SCIP (branch and cut) for
 * MIPs. The solver ids can be changed with {@code -Ddcplan.lp.ortools.lp=...} and
 * {@code -Ddcplan.lp.ortools.mip=...} (for example PDLP, HIGHS, CBC) for experiments.
 * Natives are loaded by {@link OrToolsNatives}; construct this only after it succeeded.
 */
final class OrToolsBackend implements LpBackend {

    static final String LP_SOLVER = System.getProperty("dcplan.lp.ortools.lp", "GLOP");
    static final String MIP_SOLVER = System.getProperty("dcplan.lp.ortools.mip", "SCIP");
    /** Solver-specific parameters (text format), for experiments; empty by default. */
    static final String PARAMS = System.getProperty("dcplan.lp.ortools.params", "");
    /** {@code -Ddcplan.lp.ortools.verbose=true}: the solver's own log on stdout, for experiments. */
    static final boolean VERBOSE = Boolean.getBoolean("dcplan.lp.ortools.verbose");

    @Override
    public String name(boolean integer) {
        return "OR-Tools " + (integer ? MIP_SOLVER : LP_SOLVER);
    }

    @Override
    public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
        boolean integer = m.anyInteger();
        String id = integer ? MIP_SOLVER : LP_SOLVER;
        long t0 = System.nanoTime();
        MPSolver solver = MPSolver.createSolver(id);
        if (solver == null) {
            return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, "OR-Tools has no solver " + id);
        }
        MPSolverParameters params = new MPSolverParameters();
        try {
            double inf = MPSolver.infinity();
            int n = m.columns();
            MPVariable[] vars = new MPVariable[n];
            for (int j = 0; j < n; j++) {
                vars[j] = solver.makeVar(clamp(m.lower(j), inf), clamp(m.upper(j), inf), m.isInteger(j), "");
            }
            for (LinearModel.Row r : m.rows) {
                MPConstraint c = solver.makeConstraint(clamp(r.lower, inf), clamp(r.upper, inf), "");
                for (int i = 0; i < r.size; i++) {
                    c.setCoefficient(vars[r.index[i]], r.value[i]);
                }
            }
            MPObjective obj = solver.objective();
            for (int j = 0; j < n; j++) {
                double cj = m.objective(j);
                if (cj != 0) {
                    obj.setCoefficient(vars[j], cj);
                }
            }
            // the relative gap is then the solver's on the figure the caller reports (removed below)
            double offset = m.objectiveOffset();
            obj.setOffset(offset);
            if (maximise) {
                obj.setMaximization();
            } else {
                obj.setMinimization();
            }
            if (!PARAMS.isEmpty() && !solver.setSolverSpecificParametersAsString(PARAMS)) {
                return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, id + " rejected parameters " + PARAMS);
            }
            if (VERBOSE) {
                solver.enableOutput();
            }
            if (budgetMillis > 0) {
                solver.setTimeLimit(budgetMillis);
            }
            if (integer) {
                params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relativeGap);
            }
            MPSolver.ResultStatus st;
            LpInterrupts.running(solver::interruptSolve);
            try {
                st = Thread.currentThread().isInterrupted() ? MPSolver.ResultStatus.NOT_SOLVED : solver.solve(params);
            } finally {
                LpInterrupts.done(); // before solver.delete() below
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Outcome outcome = switch (st) {
                case OPTIMAL -> Outcome.OPTIMAL;
                case FEASIBLE -> Outcome.FEASIBLE;
                case INFEASIBLE -> Outcome.INFEASIBLE;
                case UNBOUNDED -> Outcome.UNBOUNDED;
                default -> Outcome.NO_SOLUTION;
            };
            double[] x = null;
            double value = Double.NaN;
            double bound = Double.NaN;
            if (outcome == Outcome.OPTIMAL || outcome == Outcome.FEASIBLE) {
                x = new double[n];
                for (int j = 0; j < n; j++) {
                    x[j] = vars[j].solutionValue();
                }
                value = obj.value() - offset;
                // OR-Tools gives the dual bound only with a solution (else +-infinity)
                bound = integer && Double.isFinite(obj.bestBound()) ? obj.bestBound() - offset : Double.NaN;
            }
            return new Solution(outcome, x, value, millis, id + " " + st, bound);
        } finally {
            params.delete();
            solver.delete();
        }
    }

    private static double clamp(double v, double inf) {
        return v >= inf ? inf : (v <= -inf ? -inf : v);
    }
}
