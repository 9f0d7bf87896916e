package dcplan.hedge;

import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures a hedged plan is judged by (contract version 2, "Hedged plans"; the run folder's
 * summary.json, /work/briefs/hedge-format.md): the expectation of the hedged plans; of each
 * future's own best plan made alone (EVPI: the hedged expectation less this); of the central
 * future's own plan's commitments before D kept in every future, each re-planned from D on (VSS:
 * this less the hedged expectation). Where keeping the central's commitments breaks a limit of a
 * future, VSS has no number and its note says which future and which limit.
 *
 * @param alone       each future planned alone, in the instance's order
 * @param centralKept each future planned keeping the central future's own commitments; the
 *                    central's own entry is its plan alone
 * @param vssNote     empty when VSS is a number, else why not
 */
public record HedgeFigures(Expectation hedged, Expectation expectedAlone, Expectation expectedCentralKept,
                           List<CasePlan> alone, List<CasePlan> centralKept, String vssNote) {

    /** Probability-weighted figures; {@code usdPerMillion} = expected cost / expected served * 1e6 (null when nothing served). */
    public record Expectation(double servedInferences, double unmetInferences, double totalCostUsd, Double usdPerMillion,
                              boolean feasible) {

        public static Expectation of(List<CasePlan> plans) {
            double served = 0;
            double unmet = 0;
            double cost = 0;
            boolean feasible = true;
            for (CasePlan p : plans) {
                Evaluation e = p.evaluation();
                served += p.probability() * e.servedInferences();
                unmet += p.probability() * e.unmetInferences();
                cost += p.probability() * e.totalCostUsd();
                feasible &= e.feasible();
            }
            return new Expectation(served, unmet, cost, served > 0 ? cost / served * 1e6 : null, feasible);
        }
    }

    public HedgeFigures {
        alone = List.copyOf(alone);
        centralKept = List.copyOf(centralKept);
    }

    /**
     * Plans every future alone (EVPI) and every other future keeping the central's own
     * commitments (VSS) through {@code runner}, and takes the expectations. Two solves are
     * reused rather than repeated:
     * <ul>
     *   <li>the central future keeping its own commitments is its plan alone;</li>
     *   <li>a future whose kept commitments are the ones its hedged plan holds (the central's own
     *       commitments are the hedge's) keeps its hedged plan: the VSS re-plan would solve the
     *       same problem with the same settings, and a time-limited re-plan would differ from it
     *       only by the search's luck, putting noise into VSS where it is exactly 0.</li>
     * </ul>
     * The futures re-planned for VSS share the whole round's time limit (15 s each of 30 s on the
     * sample, where the other rounds give 10 s): cut to each future's share of 10 s
     * ({@link HedgeSettings#forPart}), the sample's central-kept re-plans were the less-served kind
     * in 6 runs of 6, against 2 of 6 at 15 s (docs/benchmarks.md), so the 10 s they would save are
     * not taken.
     */
    public static HedgeFigures of(HedgeInstance instance, HedgedPlan hedged, CaseRunner runner, HedgeSettings settings) {
        List<HedgeCase> cases = instance.cases();
        List<CasePlan> alone = runner.plan(cases, cases.stream().map(c -> Commitments.NONE).toList(), settings);
        CasePlan central = alone.get(instance.central());
        HedgeCase centralCase = instance.centralCase();
        Plan hedgedCentral = hedged.plans().get(instance.central()).plan();
        List<CasePlan> replanned = new ArrayList<>(alone.size());
        List<HedgeCase> toPlan = new ArrayList<>();
        List<Commitments> toHold = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            HedgeCase c = cases.get(k);
            Commitments kept = Commitments.of(centralCase.model(), central.plan(), c.model(), instance.decisionQuarter());
            if (k == instance.central()) {
                replanned.add(central);
            } else if (kept.equals(Commitments.of(centralCase.model(), hedgedCentral, c.model(), instance.decisionQuarter()))) {
                Plan p = hedged.plans().get(k).plan();
                replanned.add(new CasePlan(c.name(), c.probability(), p, PlanEvaluator.evaluate(c.model(), c.demand(), p, kept)));
            } else {
                replanned.add(null);
                toPlan.add(c);
                toHold.add(kept);
            }
        }
        if (!toPlan.isEmpty()) {
            List<CasePlan> planned = runner.plan(toPlan, toHold, settings);
            int next = 0;
            for (int k = 0; k < replanned.size(); k++) {
                if (replanned.get(k) == null) {
                    replanned.set(k, planned.get(next++));
                }
            }
        }
        return new HedgeFigures(Expectation.of(hedged.plans()), Expectation.of(alone), Expectation.of(replanned),
                alone, replanned, vssNote(replanned, central.name()));
    }

    /** Empty when every future keeps the central's commitments feasibly; else which future breaks which limit. */
    static String vssNote(List<CasePlan> centralKept, String central) {
        List<String> broken = new ArrayList<>();
        for (CasePlan p : centralKept) {
            if (!p.evaluation().feasible()) {
                List<String> limits = p.evaluation().violations().entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(java.util.Map.Entry::getKey).toList();
                broken.add(p.name() + " (" + String.join(", ", limits) + ")");
            }
        }
        return broken.isEmpty() ? "" : "keeping " + central + "'s commitments breaks a limit of " + String.join("; ", broken);
    }

    /** EVPI: the hedged expectation less the expectation of each future planned alone (unmet, cost). */
    public double evpiUnmet() {
        return hedged.unmetInferences() - expectedAlone.unmetInferences();
    }

    public double evpiCostUsd() {
        return hedged.totalCostUsd() - expectedAlone.totalCostUsd();
    }

    /** VSS: the central's commitments kept, less the hedged expectation; null when not computable. */
    public Double vssUnmet() {
        return vssNote.isEmpty() ? expectedCentralKept.unmetInferences() - hedged.unmetInferences() : null;
    }

    public Double vssCostUsd() {
        return vssNote.isEmpty() ? expectedCentralKept.totalCostUsd() - hedged.totalCostUsd() : null;
    }
}
