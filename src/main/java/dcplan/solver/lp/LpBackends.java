package dcplan.solver.lp;

/**
 * The solver behind the LP layer, chosen once and then fixed: handed to {@link LexicographicSolve}
 * and {@link DispatchPolish} rather than held in a mutable static, so a caller (a test, a
 * benchmark comparing backends) can pass its own.
 *
 * <p>{@link #standard()}: OR-Tools (GLOP for LPs, SCIP for MIPs) unless
 * {@code -Ddcplan.lp.backend=ojalgo}; ojAlgo also when OR-Tools' natives cannot load
 * ({@link OrToolsNatives} says why; the reason prefixes every result's message).
 */
public final class LpBackends {
    private final LpBackend backend;
    /** "ojAlgo fallback: why; " when OR-Tools was wanted but could not load, else "". */
    private final String note;

    private LpBackends(LpBackend backend, String note) {
        this.backend = backend;
        this.note = note;
    }

    /** Resolved on first use, once per JVM (loading OR-Tools' natives is slow and global anyway). */
    private static final class Standard {
        static final LpBackends INSTANCE = resolve();
    }

    /** The default backend, see the class comment. */
    public static LpBackends standard() {
        return Standard.INSTANCE;
    }

    /**
     * {@link #standard()} without SCIP's memory limit ({@link OrToolsBackend#SCIP_MEMORY_MB}): the
     * benchmarks' "SCIP alone", run as SCIP's own defaults run it.
     */
    public static LpBackends withoutSolverMemoryLimit() {
        LpBackends standard = standard();
        return standard.backend instanceof OrToolsBackend ortools
                ? new LpBackends(ortools.withoutMemoryLimit(), standard.note) : standard;
    }

    /** ojAlgo for LPs and MIPs (pure Java, no natives). */
    public static LpBackends ojAlgo() {
        return new LpBackends(new OjAlgoBackend(), "");
    }

    /** A given backend (a test's, wrapping a solver to cut its phases short). */
    static LpBackends of(LpBackend backend) {
        return new LpBackends(backend, "");
    }

    private static LpBackends resolve() {
        String wanted = System.getProperty("dcplan.lp.backend", "ortools");
        if ("ojalgo".equalsIgnoreCase(wanted)) {
            return ojAlgo();
        }
        if (OrToolsNatives.load()) {
            return new LpBackends(new OrToolsBackend(), "");
        }
        String note = "ojAlgo fallback: " + OrToolsNatives.error() + "; ";
        System.err.println("[dcplan] LP backend: " + note);
        return new LpBackends(new OjAlgoBackend(), note);
    }

    LpBackend backend() {
        return backend;
    }

    /** Prefix of every result's message: why the fallback is in use, or "". */
    String note() {
        return note;
    }

    /** The solvers used for LPs and MIPs, for reports, such as "OR-Tools GLOP / OR-Tools SCIP". */
    public String description() {
        return backend.name(false) + " / " + backend.name(true)
                + (note.isEmpty() ? "" : " (" + note.replaceAll("; $", "") + ")");
    }
}
