package dcplan.solver.lp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OR-Tools' {@link MPSolver}: GLOP (primal / dual simplex) for LPs, SCIP (branch and cut) for
 * MIPs. The solver ids can be changed with {@code -Ddcplan.lp.ortools.lp=...} and
 * {@code -Ddcplan.lp.ortools.mip=...} (for example PDLP, HIGHS, CBC) for experiments.
 * Natives are loaded by {@link OrToolsNatives}; construct this only after it succeeded.
 */
final class OrToolsBackend implements LpBackend {

    static final String LP_SOLVER = System.getProperty("dcplan.lp.ortools.lp", "GLOP");
    static final String MIP_SOLVER = System.getProperty("dcplan.lp.ortools.mip", "SCIP");
    /** OR-Tools' MPSOLVER_UNKNOWN_STATUS, which its Java {@code ResultStatus} has no name for. */
    static final int UNKNOWN_STATUS = 99;
    /** Solver-specific parameters (text format), for experiments; empty by default. */
    static final String PARAMS = System.getProperty("dcplan.lp.ortools.params", "");
    /**
     * SCIP's {@code limits/memory} in MB on every MIP the planner solves
     * ({@code -Ddcplan.lp.scip.memoryMb=N}; 0: none). SCIP switches to saving memory (depth first)
     * at {@code memory/savefac} (0.8) of it and stops at it with its incumbent. Its tree is native
     * memory, outside the JVM's heap: on large instances at 300 s it took 1.2-2.5 GB of the
     * planner's process, which then peaked at 3.6-4.6 GB with a 3 GB heap; with this limit and a
     * 2 GB heap, 2.3-2.8 GB, the same plans (docs/benchmarks.md, "Thirteenth session"). The benchmarks'
     * "SCIP alone" runs without it ({@link LpBackends#withoutSolverMemoryLimit}).
     */
    static final long SCIP_MEMORY_MB = Long.getLong("dcplan.lp.scip.memoryMb", 1000);
    /** {@code -Ddcplan.lp.ortools.verbose=true}: the solver's own log on stdout, for experiments. */
    static final boolean VERBOSE = Boolean.getBoolean("dcplan.lp.ortools.verbose");
    /**
     * {@code -Ddcplan.lp.ortools.dump=DIR}: every MIP written to DIR as an MPModelProto
     * ({@code mip-N-THREAD.pb}, the objective offset included) before it is solved, to compare
     * solvers on the planner's own models outside it (docs/lp.md, HiGHS).
     */
    static final String DUMP = System.getProperty("dcplan.lp.ortools.dump", "");
    private static final AtomicInteger DUMPED = new AtomicInteger();

    private final String lpSolver;
    private final String mipSolver;
    /** Solver-specific parameters (text format): {@link #PARAMS} unless given. */
    private final String solverParams;
    /** SCIP's memory limit in MB, 0 for none: {@link #SCIP_MEMORY_MB} unless given. */
    private final long scipMemoryMb;

    /** The solvers named by the system properties (GLOP and SCIP by default). */
    OrToolsBackend() {
        this(LP_SOLVER, MIP_SOLVER);
    }

    /** The given OR-Tools solver ids, such as "GLOP" and "HIGHS". */
    OrToolsBackend(String lpSolver, String mipSolver) {
        this(lpSolver, mipSolver, PARAMS);
    }

    /** As above with the solvers' own parameters (a test's node limit, say). */
    OrToolsBackend(String lpSolver, String mipSolver, String params) {
        this(lpSolver, mipSolver, params, SCIP_MEMORY_MB);
    }

    /** As above with SCIP's memory limit in MB (0: none). */
    OrToolsBackend(String lpSolver, String mipSolver, String params, long scipMemoryMb) {
        this.lpSolver = lpSolver;
        this.mipSolver = mipSolver;
        this.solverParams = params;
        this.scipMemoryMb = scipMemoryMb;
    }

    /** The same solvers and parameters without SCIP's memory limit. */
    OrToolsBackend withoutMemoryLimit() {
        return new OrToolsBackend(lpSolver, mipSolver, solverParams, 0);
    }

    @Override
    public String name(boolean integer) {
        return "OR-Tools " + (integer ? mipSolver : lpSolver);
    }

    @Override
    public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
        boolean integer = m.anyInteger();
        String id = integer ? mipSolver : lpSolver;
        long t0 = System.nanoTime();
        MPSolver solver = MPSolver.createSolver(id);
        if (solver == null) {
            return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, "OR-Tools has no solver " + id);
        }
        MPSolverParameters params = new MPSolverParameters();
        try {
            int n = m.columns();
            MPVariable[] vars = modelInto(solver, m, maximise);
            MPObjective obj = solver.objective();
            double offset = m.objectiveOffset();
            String own = integer ? withMemoryLimit(withStop(solverParams, id, m, maximise), id, scipMemoryMb) : solverParams;
            // HiGHS answers false to parameters it takes; it gets them with its gap (passGapToHighs)
            if (!own.isEmpty() && !isHighs(id) && !solver.setSolverSpecificParametersAsString(own)) {
                return new Solution(Outcome.NO_SOLUTION, null, Double.NaN, 0, id + " rejected parameters " + own);
            }
            if (integer && !DUMP.isEmpty()) {
                dump(solver);
            }
            if (VERBOSE) {
                solver.enableOutput();
            }
            if (budgetMillis > 0) {
                solver.setTimeLimit(budgetMillis);
            }
            if (integer) {
                params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relativeGap);
                passGapToHighs(solver, id, relativeGap);
                if (m.start() != null && !isHighs(id)) {
                    // SCIP checks a complete start and keeps it as its first incumbent (OR-Tools adds it
                    // with SCIPaddSolFree before presolve); HiGHS's interface is left as measured (docs/lp.md)
                    solver.setHint(vars, m.start());
                }
            }
            MPSolver.ResultStatus st;
            LpInterrupts.running(solver::interruptSolve);
            try {
                st = Thread.currentThread().isInterrupted() ? MPSolver.ResultStatus.NOT_SOLVED : solveReadingAnyStatus(solver, params);
            } finally {
                LpInterrupts.done(); // before solver.delete() below
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Outcome outcome = st == null ? Outcome.NO_SOLUTION : switch (st) {
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
                // OR-Tools gives the dual bound only with a solution (else +-infinity); for HiGHS
                // it gives the incumbent's value, not HiGHS's dual bound (measured: 166,556.8 where
                // HiGHS's log said 166,558.7 and the optimum is 166,558.7), so none is claimed
                bound = integer && !isHighs(id) && Double.isFinite(obj.bestBound()) ? obj.bestBound() - offset : Double.NaN;
            }
            return new Solution(outcome, x, value, millis, id + " " + (st == null ? "UNKNOWN_STATUS (" + UNKNOWN_STATUS
                    + ": OR-Tools keeps no incumbent, e.g. HiGHS at its time limit)" : st), bound);
        } finally {
            params.delete();
            solver.delete();
        }
    }

    /**
     * {@code params} with SCIP's {@code limits/primal} and {@code limits/dual} at the model's
     * {@link LinearModel#stopAt} (a minimisation's; on SCIP's objective, which includes the
     * offset): SCIP 10 ends its solve at the first plan that good ("primal limit reached", which
     * OR-Tools reports as FEASIBLE with the plan), or once its dual bound shows no plan is (with its
     * best plan, FEASIBLE; before any plan, OR-Tools answers ABNORMAL: no solution). Other
     * solvers, maximisations and models without a stop: {@code params} as given.
     */
    static String withStop(String params, String id, LinearModel m, boolean maximise) {
        double stop = m.stopAt();
        if (!"SCIP".equalsIgnoreCase(id) || maximise || !Double.isFinite(stop)) {
            return params;
        }
        double total = stop + m.objectiveOffset();
        String limits = "limits/primal = " + total + "\nlimits/dual = " + total;
        return params.isEmpty() ? limits : params + "\n" + limits;
    }

    /** {@code params} with SCIP's {@code limits/memory} at {@code memoryMb}; as given for other solvers or 0. */
    static String withMemoryLimit(String params, String id, long memoryMb) {
        if (!"SCIP".equalsIgnoreCase(id) || memoryMb <= 0) {
            return params;
        }
        String limit = "limits/memory = " + memoryMb;
        return params.isEmpty() ? limit : params + "\n" + limit;
    }

    /**
     * Writes {@code m} into the empty {@code solver}: its columns (in order; returned), rows and
     * objective with its offset, so that the solver's relative gap is on the figure the caller
     * reports (the offset is removed from the values read back). A MIP's branching priorities go in
     * through {@link #reloadedWithBranchingPriorities}.
     */
    static MPVariable[] modelInto(MPSolver solver, LinearModel m, boolean maximise) {
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
        obj.setOffset(m.objectiveOffset());
        if (maximise) {
            obj.setMaximization();
        } else {
            obj.setMinimization();
        }
        return m.anyInteger() && m.anyBranchingPriority() ? reloadedWithBranchingPriorities(solver, m) : vars;
    }

    /**
     * The solver's model with {@link LinearModel#branchingPriority}: OR-Tools' Java
     * {@code MPVariable} has no setter for it, its model proto has, so the model goes out as a
     * proto and back in with the priorities (milliseconds next to a MIP's solve). Returns the
     * reloaded variables, in the same order.
     */
    static MPVariable[] reloadedWithBranchingPriorities(MPSolver solver, LinearModel m) {
        MPModelProto.Builder proto = solver.exportModelToProto().toBuilder();
        for (int j = 0; j < m.columns(); j++) {
            if (m.branchingPriority(j) != 0) {
                proto.getVariableBuilder(j).setBranchingPriority(m.branchingPriority(j));
            }
        }
        solver.clear();
        String error = solver.loadModelFromProto(proto.build());
        if (!error.isEmpty()) {
            throw new IllegalStateException("OR-Tools did not take back its own model: " + error);
        }
        return solver.variables();
    }

    /** Whether {@code id} names HiGHS, whose OR-Tools interface needs the rules below. */
    static boolean isHighs(String id) {
        return "HIGHS".equalsIgnoreCase(id);
    }

    /**
     * OR-Tools 9.15's HiGHS interface ignores {@code RELATIVE_MIP_GAP}: HiGHS ran at its own
     * 1e-4 ("tolerance: 0.01%" in its log) where the served phase asks 1e-9, and stopped 1.1e-5
     * below the maximum served on the held Brazil-surge MIP. Its own option takes it (the call
     * answers false all the same, so the answer is not read).
     */
    private void passGapToHighs(MPSolver solver, String id, double relativeGap) {
        if (isHighs(id)) {
            // one string per solve (a later call replaces it): the experiment's own parameters after the gap
            solver.setSolverSpecificParametersAsString("mip_rel_gap=" + relativeGap + (solverParams.isEmpty() ? "" : "\n" + solverParams));
        }
    }

    /**
     * The solve's status; null for OR-Tools' MPSOLVER_UNKNOWN_STATUS, which the Java binding
     * cannot name ({@code ResultStatus.swigToEnum} throws "No enum class ... with value 99").
     * OR-Tools 9.15's HiGHS interface answers it whenever HiGHS stops at its time limit, with or
     * without an incumbent, and then reports no solution values (docs/lp.md, HiGHS): a solve
     * without a solution, not an error.
     */
    static MPSolver.ResultStatus solveReadingAnyStatus(MPSolver solver, MPSolverParameters params) {
        try {
            return solver.solve(params);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).endsWith("value " + UNKNOWN_STATUS)) {
                return null;
            }
            throw e;
        }
    }

    private static void dump(MPSolver solver) {
        Path file = Path.of(DUMP, "mip-" + DUMPED.incrementAndGet() + "-"
                + Thread.currentThread().getName().replaceAll("[^A-Za-z0-9_.-]", "_") + ".pb");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, solver.exportModelToProto().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double clamp(double v, double inf) {
        return v >= inf ? inf : (v <= -inf ? -inf : v);
    }
}
