package dcplan.hedge;

import dcplan.plan.Commitments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A future whose problem equals an earlier one's is planned once, keeping each planned future's time share. */
class DistinctCaseRunnerTest {
    @Test
    void aFutureLikeAnEarlierOneGetsItsPlanWithoutASecondSolve() {
        HedgeInstance two = HedgeModels.instance();
        HedgeCase base = two.cases().get(0);
        HedgeCase ban = two.cases().get(1);
        HedgeCase same = new HedgeCase("base-again", 0.2, base.model(), base.demand(), "");
        List<HedgeCase> cases = List.of(new HedgeCase("base", 0.3, base.model(), base.demand(), ""), ban, same);
        List<Commitments> none = cases.stream().map(c -> Commitments.NONE).toList();
        List<List<String>> planned = new ArrayList<>();
        List<Duration> limits = new ArrayList<>();
        CaseRunner inner = (cs, held, settings) -> {
            planned.add(cs.stream().map(HedgeCase::name).toList());
            limits.add(settings.timeLimit());
            return HedgeModels.MIP.plan(cs, held, settings);
        };
        HedgeSettings settings = new HedgeSettings(Duration.ofSeconds(30), 1, null, Duration.ofSeconds(30));
        List<CasePlan> plans = new DistinctCaseRunner(inner).plan(cases, none, settings);

        assertEquals(List.of(List.of("base", ban.name())), planned, "base-again is not planned");
        assertEquals(List.of(Duration.ofSeconds(20)), limits, "each planned future keeps its 10 s of the 30 s");
        assertEquals(List.of("base", ban.name(), "base-again"), plans.stream().map(CasePlan::name).toList());
        assertEquals(0.2, plans.get(2).probability());
        CasePlan direct = HedgeModels.MIP.plan(List.of(same), List.of(Commitments.NONE), settings).get(0);
        assertEquals(direct, plans.get(2), "the reused plan is what its own solve gives");
    }
}
