package dcplan.plan;

import dcplan.plan.Evaluation.CostTerms;
import dcplan.plan.PlanTables.BuildRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dcplan.plan.PlanFixtureV2.Q3;
import static dcplan.plan.PlanFixtureV2.Q4;
import static dcplan.plan.PlanFixtureV2.Q5;
import static dcplan.plan.PlanFixtureV2.Q6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole evaluations under contract version 2 (the hand case of {@link PlanFixtureV2}): what a
 * what-if that keeps its baseline's commitments may and may not do, the run folder's builds,
 * facility cash and order quarters, and version-1 plans unchanged.
 */
class PlanEvaluatorV2Test {
    final PlanFixtureV2 base = PlanFixtureV2.standard();
    /** The what-if: b banned in BR from 2027Q1. */
    final PlanFixtureV2 banned = new PlanFixtureV2(PlanFixtureV2.standard().budgets, Q5);

    static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }

    /** The baseline: 4 b servers added in 2026Q4 serve chat from then on, the a servers only in 2026Q3. */
    Plan baseline() {
        return new PlanFixtureV2.Builder().installed("a", 10, 10, 10, 10).installed("b", 0, 4, 4, 4)
                .built(1.0, 1.0, 1.0, 1.0)
                .flow(Q3, "a", 80).flow(Q4, "b", 80).flow(Q5, "b", 80).flow(Q6, "b", 80).plan();
    }

    /** What a what-if at 2027Q1 keeps of the baseline: b's 4 servers of 2026Q4 (lead 0), no MW. */
    Commitments heldAt2027Q1() {
        return Commitments.of(base.model(), baseline(), banned.model(), Q5);
    }

    @Test
    void baselineIsFeasible() {
        Evaluation ev = base.evaluate(baseline());
        assertTrue(ev.feasible(), ev.violations().toString());
    }

    @Test
    void commitmentsKeptWithTheChipNowBannedIsFeasibleAndPaysCapexAndIdleEnergy() {
        // b keeps its 4 servers, serves 2026Q4 (before the ban) and nothing from 2027Q1; a serves the rest
        Plan whatIf = new PlanFixtureV2.Builder().installed("a", 10, 10, 10, 10).installed("b", 0, 4, 4, 4)
                .built(1.0, 1.0, 1.0, 1.0)
                .flow(Q3, "a", 80).flow(Q4, "b", 80).flow(Q5, "a", 80).flow(Q6, "a", 80).plan();
        Evaluation ev = banned.evaluate(whatIf, heldAt2027Q1());
        assertTrue(ev.feasible(), ev.violations().toString());
        // b: capex 4 * 200,000 / 10 = 80,000 a quarter from 2026Q4, 3 quarters = 240,000.
        // energy 328.5 USD per kW-quarter: idle 4 * 0.5 * 5 kW = 10 kW -> 3,285 a quarter, 3 quarters;
        // busy in 2026Q4 only: 40 avg ips / 40 = 1 server * 0.5 * 5 kW -> 821.25. 9,855 + 821.25 = 10,676.25
        CostTerms b = ev.costByChip().get("b");
        close(240_000, b.serverCapexAmortized());
        close(10_676.25, b.energy());
        // flows to the banned chip are still ineligible
        Plan servesBanned = new PlanFixtureV2.Builder().installed("a", 10, 10, 10, 10).installed("b", 0, 4, 4, 4)
                .built(1.0, 1.0, 1.0, 1.0)
                .flow(Q3, "a", 80).flow(Q4, "b", 80).flow(Q5, "b", 80).flow(Q6, "a", 80).plan();
        PlanEvaluatorConstraintsTest.assertOnly(banned.evaluate(servesBanned, heldAt2027Q1()), "eligibility");
    }

    @Test
    void commitmentsChangedIsAViolation() {
        // cancelling b's order of 2026Q4 (placed before decided_until 2027Q1)
        Plan cancels = new PlanFixtureV2.Builder().installed("a", 10, 10, 10, 10).installed("b", 0, 0, 0, 0)
                .built(1.0, 1.0, 1.0, 1.0)
                .flow(Q3, "a", 80).flow(Q4, "a", 80).flow(Q5, "a", 80).flow(Q6, "a", 80).plan();
        Evaluation ev = PlanEvaluatorConstraintsTest.assertOnly(banned.evaluate(cancels, heldAt2027Q1()), "commitments");
        assertEquals(List.of("added sp/b/2026Q4 = 0 but 4 were committed (ordered in 2026Q4, before decided_until 2027Q1)"),
                ev.violations().get("commitments"));
        // the same plan made with nothing committed is feasible
        assertTrue(banned.evaluate(cancels).feasible());
        assertTrue(banned.evaluate(cancels, Commitments.NONE).feasible());
    }

    /** 1 MW usable from 2027Q1 (started 2026Q3), 0.5 MW more from 2027Q2 (started 2026Q4); 2 a servers in 2026Q4. */
    Plan twoBuilds() {
        return base.clean().installed("a", 10, 12, 12, 12).built(1.0, 1.0, 2.0, 2.5).plan();
    }

    @Test
    void buildsAndFacilityCashByHand() {
        Evaluation ev = base.evaluate(twoBuilds());
        assertTrue(ev.feasible(), ev.violations().toString());
        PlanTables t = ev.tables();
        assertEquals(List.of(new BuildRow("sp", Q3, Q5, 1.0, 1_000_000), new BuildRow("sp", Q4, Q6, 0.5, 500_000)), t.builds());
        // cash paid: 2026Q3 500,000; 2026Q4 500,000 + 250,000; 2027Q1 250,000; 2027Q2 none
        assertEquals(List.of(500_000.0, 750_000.0, 250_000.0, 0.0),
                t.facility().stream().map(PlanTables.FacilityRow::capexUsd).toList());
        close(1_250_000, ev.capexByYear().get(0).facilityCapexUsd());
        close(200_000, ev.capexByYear().get(0).serverCapexUsd());
        close(250_000, ev.capexByYear().get(1).facilityCapexUsd());
        // amortised from the quarter the MW can be used: 1 MW * 1e6 / 40 in 2027Q1, 1.5 MW in 2027Q2
        close(25_000 + 37_500, ev.cost().facilityCapexAmortized());
        // servers: a ordered a quarter ahead
        assertTrue(t.servers().contains(new PlanTables.ServerRow("sp", "a", Q4, 12, 2, 200_000, Q3)), t.servers().toString());
        assertTrue(t.servers().contains(new PlanTables.ServerRow("sp", "a", Q3, 10, 0, 0, PlanFixtureV2.Q3.previous())));
    }

    @Test
    void buildsCsvAndFacilityCsvByHand(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Evaluation ev = base.evaluate(twoBuilds());
        RunFolder.write(out, base.model(), base.demand(), twoBuilds(), ev, RunInfo.of("base", "x", 0, false, null));
        assertEquals(List.of("site,start_quarter,ready_quarter,mw,capex_usd",
                        "sp,2026Q3,2027Q1,1.0,1000000.0",
                        "sp,2026Q4,2027Q2,0.5,500000.0"),
                Files.readAllLines(out.resolve("plan/builds.csv")));
        assertEquals(List.of("site,quarter,it_mw_built,it_mw_used,capex_usd",
                        "sp,2026Q3,1.0,0.1,500000.0",
                        "sp,2026Q4,1.0,0.12,750000.0",
                        "sp,2027Q1,2.0,0.12,250000.0",
                        "sp,2027Q2,2.5,0.12,0.0"),
                Files.readAllLines(out.resolve("plan/facility.csv")));
        assertEquals("sp,a,2026Q4,12,2,200000.0,2026Q3", Files.readAllLines(out.resolve("plan/servers.csv")).get(2));
    }

    @Test
    void versionOnePlanHasBuildsStartingWhenReadyAndCashInTheReadyQuarter() {
        PlanFixture v1 = PlanFixture.standard();
        Plan clean = v1.clean().plan();
        Evaluation ev = v1.evaluate(clean);
        Evaluation none = PlanEvaluator.evaluate(v1.model(), v1.demand(), clean, Commitments.NONE);
        assertEquals(ev, none);
        // sp +0.2 MW and far +0.05 MW in 2026Q2, each started and paid in 2026Q2
        List<BuildRow> builds = ev.tables().builds();
        assertEquals(2, builds.size());
        for (BuildRow r : builds) {
            assertEquals(v1.q2, r.startQuarter());
            assertEquals(v1.q2, r.readyQuarter());
        }
        close(200_000, builds.get(0).capexUsd());
        close(100_000, builds.get(1).capexUsd());
        for (PlanTables.FacilityRow r : ev.tables().facility()) {
            double cash = r.quarter().equals(v1.q2) ? (r.site().equals("sp") ? 200_000 : 100_000) : 0;
            close(cash, r.capexUsd());
        }
        ev.tables().servers().forEach(r -> assertEquals(r.quarter(), r.orderQuarter()));
    }
}
