package dcplan.solver.lp;

/**
 * A test backend: SCIP (GLOP for LPs) for every solve but a MIP's cost phase (minimise, integer
 * columns), which {@link #costPhase} answers; the tests of the cost phase's paths give it their
 * own behaviour there (cut short, recorded, failing) and keep the served phase real.
 */
abstract class ScipWithCostPhase implements LpBackend {
    final LpBackend scip = new OrToolsBackend("GLOP", "SCIP");
    private final String name;

    ScipWithCostPhase(String name) {
        this.name = name;
    }

    @Override
    public String name(boolean integer) {
        return name;
    }

    @Override
    public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
        if (maximise || !m.anyInteger()) {
            return scip.solve(m, maximise, budgetMillis, relativeGap);
        }
        return costPhase(m, budgetMillis, relativeGap);
    }

    /** The cost phase of a MIP (minimise). */
    abstract Solution costPhase(LinearModel m, long budgetMillis, double relativeGap);
}
