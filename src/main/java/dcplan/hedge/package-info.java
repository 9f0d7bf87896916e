/**
 * Hedged plans (contract version 2, "Hedged plans"): one set of commitments that holds up across
 * several futures, each with a probability. A risk file ({@link dcplan.hedge.RiskSet}) becomes a
 * {@link dcplan.hedge.HedgeInstance}; a {@link dcplan.hedge.HedgeSolver} makes the
 * {@link dcplan.hedge.HedgedPlan}; per-future solves go through a {@link dcplan.hedge.CaseRunner}
 * (in this JVM, one after another unless told otherwise, or as Spark tasks). {@link dcplan.hedge.CommitmentSearch}
 * is OptaPlanner over the shared commitments (domain in {@code dcplan.hedge.domain}).
 */
package dcplan.hedge;
