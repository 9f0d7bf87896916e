package dcplan.hedge;

import dcplan.plan.Commitments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Futures planned side by side give the same step-limited plans, in the same order, as one after another. */
class LocalCaseRunnerTest {
    @Test
    void sideBySideGivesTheSamePlansAsOneAfterAnother() {
        HedgeInstance instance = HedgeModels.instance();
        List<Commitments> none = instance.cases().stream().map(c -> Commitments.NONE).toList();
        HedgeSettings settings = new HedgeSettings(null, 3, 200L, Duration.ofSeconds(30));
        List<CasePlan> one = new LocalCaseRunner(1).plan(instance.cases(), none, settings);
        List<CasePlan> two = new LocalCaseRunner(2).plan(instance.cases(), none, settings);
        assertEquals(one.stream().map(CasePlan::name).toList(), two.stream().map(CasePlan::name).toList());
        for (int k = 0; k < one.size(); k++) {
            assertEquals(one.get(k).plan().installed(), two.get(k).plan().installed(), one.get(k).name());
            assertEquals(one.get(k).evaluation().totalCostUsd(), two.get(k).evaluation().totalCostUsd(), 0.0, one.get(k).name());
        }
    }
}
