package dcplan.model;

import java.util.List;
import java.util.Map;

/** Planning policy: horizon, demand quantile and correlation, target utilisation, budgets. */
public record Policy(Quarter horizonFrom, Quarter horizonTo, double planningQuantile, double rho,
                     double targetUtilization, Map<Integer, Double> annualCapexBudgetUsd,
                     int facilityAmortizationQuarters) {

    public Policy {
        annualCapexBudgetUsd = annualCapexBudgetUsd == null ? Map.of() : Map.copyOf(annualCapexBudgetUsd);
    }

    public List<Quarter> quarters() {
        return Quarter.range(horizonFrom, horizonTo);
    }

    /** The capex budget of a year, {@link Double#POSITIVE_INFINITY} when none is set. */
    public double budgetUsd(int year) {
        Double b = annualCapexBudgetUsd.get(year);
        return b == null ? Double.POSITIVE_INFINITY : b;
    }
}
