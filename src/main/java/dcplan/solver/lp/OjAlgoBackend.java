package dcplan.solver.lp;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

/**
 * ojAlgo 56's {@link ExpressionsBasedModel}: pure Java, so it works where OR-Tools' natives
 * cannot load, but far slower (minutes on the medium instance, where GLOP takes a second).
 */
final class OjAlgoBackend implements LpBackend {

    @Override
    public String name(boolean integer) {
        return "ojAlgo";
    }

    @Override
    public Solution solve(LinearModel m, boolean maximise, long budgetMillis, double relativeGap) {
        long t0 = System.nanoTime();
        ExpressionsBasedModel ebm = new ExpressionsBasedModel();
        if (Boolean.getBoolean("dcplan.lp.sparse")) {
            ebm.options.sparse = Boolean.TRUE;
        }
        if (m.anyInteger()) {
            // ojAlgo 55.0.1's Gomory mixed-integer cuts are unsafe: on a 4-variable model they
            // cut off the optimum and the solver still reports OPTIMAL (56.0.0 solves it). A
            // violation threshold no cut can reach switches the cuts off for this model only.
            IntegerStrategy.GMICutConfiguration noCuts = new IntegerStrategy.GMICutConfiguration()
                    .withFractionality(0.5).withViolation(java.math.BigDecimal.valueOf(1e300));
            int digits = Math.max(1, (int) Math.round(-Math.log10(relativeGap)));
            ebm.options.integer(IntegerStrategy.DEFAULT.withGapTolerance(NumberContext.of(digits, 8))
                    .withGMICutConfiguration(noCuts));
        }
        int n = m.columns();
        Variable[] vars = new Variable[n];
        for (int j = 0; j < n; j++) {
            Variable v = ebm.addVariable(m.name(j));
            if (m.lower(j) > Double.NEGATIVE_INFINITY) {
                v.lower(m.lower(j));
            }
            if (m.upper(j) < Double.POSITIVE_INFINITY) {
                v.upper(m.upper(j));
            }
            if (m.isInteger(j)) {
                v.integer(true);
            }
            if (m.objective(j) != 0) {
                v.weight(m.objective(j));
            }
            vars[j] = v;
        }
        int k = 0;
        for (LinearModel.Row r : m.rows) {
            Expression e = ebm.addExpression(r.name + "#" + k++);
            if (r.lower > Double.NEGATIVE_INFINITY) {
                e.lower(r.lower);
            }
            if (r.upper < Double.POSITIVE_INFINITY) {
                e.upper(r.upper);
            }
            for (int i = 0; i < r.size; i++) {
                e.set(vars[r.index[i]], r.value[i]);
            }
        }
        if (budgetMillis > 0) {
            ebm.options.time_abort = budgetMillis;
            ebm.options.time_suffice = budgetMillis;
        }
        Optimisation.Result res = maximise ? ebm.maximise() : ebm.minimise();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Optimisation.State st = res.getState();
        Outcome outcome;
        if (st == Optimisation.State.OPTIMAL || st == Optimisation.State.DISTINCT) {
            outcome = Outcome.OPTIMAL;
        } else if (st == Optimisation.State.INFEASIBLE) {
            outcome = Outcome.INFEASIBLE;
        } else if (st == Optimisation.State.UNBOUNDED) {
            outcome = Outcome.UNBOUNDED;
        } else if (st.isFeasible()) {
            outcome = Outcome.FEASIBLE;
        } else {
            outcome = Outcome.NO_SOLUTION;
        }
        double[] x = null;
        if (outcome == Outcome.OPTIMAL || outcome == Outcome.FEASIBLE) {
            x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = res.doubleValue(ebm.indexOf(vars[j]));
            }
        }
        return new Solution(outcome, x, res.getValue(), millis, "ojAlgo " + st);
    }
}
