package dcplan.hedge;

import dcplan.plan.Commitments;

import java.util.List;

/**
 * Plans each future keeping the commitments given for it (Commitments.NONE: planned alone), and
 * evaluates the plan under that future's model. The local runner plans them one after another in
 * this JVM; the Spark runner as one task each. EVPI (each future alone), VSS (the central future's
 * commitments kept everywhere) and the decomposition's per-future solves all go through it.
 *
 * @param held one entry per case, in the same order
 */
public interface CaseRunner {
    List<CasePlan> plan(List<HedgeCase> cases, List<Commitments> held, HedgeSettings settings);
}
