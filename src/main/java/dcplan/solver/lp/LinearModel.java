package dcplan.solver.lp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A solver-neutral linear (or mixed-integer) model: columns with bounds and integrality,
 * sparse rows {@code lower <= a x <= upper} and a linear objective. {@link LpFormulation}
 * writes its model here in one pass; an {@link LpBackend} hands it to a solver.
 * Infinite bounds are {@code +-Double.POSITIVE_INFINITY}.
 */
final class LinearModel {

    /** One sparse row. */
    static final class Row {
        final String name;
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        int[] index = new int[4];
        double[] value = new double[4];
        int size;

        Row(String name) {
            this.name = name;
        }

        Row lower(double v) {
            lower = v;
            return this;
        }

        Row upper(double v) {
            upper = v;
            return this;
        }

        /** Sets a coefficient; the model builder sets each column at most once per row. */
        Row set(int column, double coefficient) {
            if (size == index.length) {
                index = Arrays.copyOf(index, size * 2);
                value = Arrays.copyOf(value, size * 2);
            }
            index[size] = column;
            value[size] = coefficient;
            size++;
            return this;
        }

        double activity(double[] x) {
            double s = 0;
            for (int i = 0; i < size; i++) {
                s += value[i] * x[index[i]];
            }
            return s;
        }
    }

    private double[] lower = new double[64];
    private double[] upper = new double[64];
    private boolean[] integer = new boolean[64];
    private double[] objective = new double[64];
    /** Per column, the MIP solver's branching priority ({@link #branchFirst}); 0 for most. */
    private int[] branchingPriority = new int[64];
    private boolean anyBranchingPriority;
    private final List<String> names;
    final List<Row> rows;
    private int columns;
    private boolean anyInteger;
    /** The constant the caller adds to the objective (objective units); see {@link #objectiveOffset(double)}. */
    private double objectiveOffset;

    LinearModel() {
        names = new ArrayList<>();
        rows = new ArrayList<>();
    }

    int addColumn(String name, double lo, double up, boolean isInteger) {
        if (columns == lower.length) {
            int n = columns * 2;
            lower = Arrays.copyOf(lower, n);
            upper = Arrays.copyOf(upper, n);
            integer = Arrays.copyOf(integer, n);
            objective = Arrays.copyOf(objective, n);
            branchingPriority = Arrays.copyOf(branchingPriority, n);
        }
        lower[columns] = lo;
        upper[columns] = up;
        integer[columns] = isInteger;
        anyInteger |= isInteger;
        names.add(name);
        return columns++;
    }

    Row addRow(String name) {
        return addRow(new Row(name));
    }

    /** Adds a row built apart (so an empty one need not be added and removed). */
    Row addRow(Row r) {
        rows.add(r);
        return r;
    }

    /** Adds to the objective coefficient of a column. */
    void objective(int column, double coefficient) {
        objective[column] += coefficient;
    }

    /**
     * Appends every column and row of {@code other} to this model, column names prefixed with
     * {@code prefix} and objective coefficients multiplied by {@code weight} (a future's
     * probability in an extensive form); returns the offset of {@code other}'s column 0 here.
     */
    int append(LinearModel other, String prefix, double weight) {
        int offset = columns;
        for (int j = 0; j < other.columns; j++) {
            int col = addColumn(prefix + other.names.get(j), other.lower[j], other.upper[j], other.integer[j]);
            if (other.objective[j] != 0) {
                objective(col, weight * other.objective[j]);
            }
            if (other.branchingPriority[j] != 0) {
                branchFirst(col, other.branchingPriority[j]);
            }
        }
        for (Row r : other.rows) {
            Row copy = addRow(prefix + r.name).lower(r.lower).upper(r.upper);
            for (int i = 0; i < r.size; i++) {
                copy.set(offset + r.index[i], r.value[i]);
            }
        }
        return offset;
    }

    int columns() {
        return columns;
    }

    /**
     * A MIP solver should branch on integer column {@code j} before any column of a lower
     * priority (0 by default). A hint about the search, not a change of the model: a backend that
     * cannot take it solves the same model without it.
     */
    void branchFirst(int j, int priority) {
        branchingPriority[j] = priority;
        anyBranchingPriority |= priority != 0;
    }

    int branchingPriority(int j) {
        return branchingPriority[j];
    }

    boolean anyBranchingPriority() {
        return anyBranchingPriority;
    }

    /**
     * The constant the caller adds to the objective to get the figure it reports (a cost phase:
     * the costs of existing and inactive capacity, {@link LpFormulation#constantCostUsd}); 0 by
     * default. It changes no solution; a MIP backend that can measures its relative gap on the
     * objective plus it, the gap the caller means (the search's gap stop, on the plan's total).
     * Objective values and bounds a backend returns exclude it.
     */
    void objectiveOffset(double offset) {
        objectiveOffset = offset;
    }

    double objectiveOffset() {
        return objectiveOffset;
    }

    /**
     * A complete point known to satisfy every row (every column's value), for a MIP solver to
     * take as its first incumbent; null: none. A cost phase starts from its served phase's plan,
     * which serves the target by construction: the cost phase then never ends without a plan,
     * and its solver's dual bound is readable at its time limit (OR-Tools gives the bound only
     * with a solution). A backend that cannot take a start ignores it.
     */
    private double[] start;

    void start(double[] x) {
        if (x != null && x.length != columns) {
            throw new IllegalArgumentException("a start of " + x.length + " values for " + columns + " columns");
        }
        start = x;
    }

    double[] start() {
        return start;
    }

    /**
     * An objective value (offset not included) at or below which a minimising MIP solver may stop
     * with the first plan it finds, whatever its own gap: the caller has a bound of its own that
     * proves any such plan (phases first's step 2 against step 1's bound). NaN: none. A backend
     * that cannot take it ignores it and stops at its gap as usual.
     */
    private double stopAt = Double.NaN;

    void stopAt(double value) {
        stopAt = value;
    }

    double stopAt() {
        return stopAt;
    }

    /**
     * A copy of this model (columns, rows, objective and its offset; no start, no stop) that the caller
     * may change ({@link #relax}, {@link #fix}, rows added) leaving this one as it is.
     */
    LinearModel copy() {
        LinearModel c = new LinearModel();
        c.append(this, "", 1.0);
        c.objectiveOffset(objectiveOffset);
        return c;
    }

    /** Column {@code j} continuous (a relaxation of the model). */
    void relax(int j) {
        integer[j] = false;
    }

    /** Column {@code j} fixed at {@code value} (a restriction of the model). */
    void fix(int j, double value) {
        lower[j] = value;
        upper[j] = value;
    }

    double lower(int j) {
        return lower[j];
    }

    double upper(int j) {
        return upper[j];
    }

    boolean isInteger(int j) {
        return integer[j];
    }

    boolean anyInteger() {
        return anyInteger;
    }

    double objective(int j) {
        return objective[j];
    }

    String name(int j) {
        return names.get(j);
    }

    double objectiveValue(double[] x) {
        double s = 0;
        for (int j = 0; j < columns; j++) {
            s += objective[j] * x[j];
        }
        return s;
    }

    /**
     * True when {@code x} satisfies every bound, row and integrality within
     * {@code absTol + relTol * |bound|}; the first violation goes to {@code why[0]} when given.
     */
    boolean isFeasible(double[] x, double absTol, double relTol, String[] why) {
        for (int j = 0; j < columns; j++) {
            if (x[j] < lower[j] - absTol - relTol * Math.abs(lower[j])
                    || x[j] > upper[j] + absTol + relTol * Math.abs(upper[j])) {
                return fail(why, "column " + names.get(j) + " = " + x[j] + " outside [" + lower[j] + ", " + upper[j] + "]");
            }
            if (integer[j] && Math.abs(x[j] - Math.rint(x[j])) > absTol) {
                return fail(why, "column " + names.get(j) + " = " + x[j] + " not integer");
            }
        }
        for (Row r : rows) {
            double a = r.activity(x);
            if (a < r.lower - absTol - relTol * Math.abs(r.lower) || a > r.upper + absTol + relTol * Math.abs(r.upper)) {
                return fail(why, "row " + r.name + " = " + a + " outside [" + r.lower + ", " + r.upper + "]");
            }
        }
        return true;
    }

    private static boolean fail(String[] why, String message) {
        if (why != null && why.length > 0) {
            why[0] = message;
        }
        return false;
    }
}
