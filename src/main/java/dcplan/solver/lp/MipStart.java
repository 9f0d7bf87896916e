package dcplan.solver.lp;

/**
 * A plan as the planning MIP's columns (every column of its served phase, in the formulation's
 * order): the start a later solve of the same model, or of a box around that plan, hands its
 * solver as its first incumbent ({@link LpOptions#servedPhaseStart}). Opaque outside this
 * package: only a solve of the same formulation can read it, and one whose column count differs
 * ignores it.
 */
public final class MipStart {

    private final double[] columns;

    MipStart(double[] columns) {
        this.columns = columns.clone();
    }

    /**
     * The columns, for a model of exactly {@code count} columns; null for any other model. Not
     * copied again: a model only reads its start (the constructor's copy is the one guard).
     */
    double[] columnsFor(int count) {
        return columns.length == count ? columns : null;
    }

    @Override
    public String toString() {
        return "MipStart[" + columns.length + " columns]";
    }
}
