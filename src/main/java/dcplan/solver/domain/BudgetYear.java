package dcplan.solver.domain;

/** A calendar year of the horizon and its cash capex budget in whole USD (MAX_VALUE: none). */
public record BudgetYear(int year, long budgetUsd) {
}
