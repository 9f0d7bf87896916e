package dcplan.plan;

import dcplan.model.Quarter;
import dcplan.plan.Evaluation.CellResult;
import dcplan.plan.Evaluation.CostTerms;
import dcplan.plan.Evaluation.YearCapex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cost terms, volumes and capex of the hand case in {@link PlanFixture}, worked out by hand. */
class PlanEvaluatorCostTest {
    static final double SECONDS = 2190.0 * 3600.0; // 7,884,000

    final PlanFixture fx = PlanFixture.standard();
    final Evaluation ev = fx.evaluate(fx.clean().plan());

    static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }

    @Test
    void serverCapexAmortisedCountsOnlyServersBeyondExisting() {
        // sp/a: 10 existing, 10 installed -> 0.  sp/b Q2: 5 * 200,000 / 10 = 100,000.
        // far/a Q2: 3 * 100,000 / 20 = 15,000.  Total 115,000, all in Q2.
        close(115_000, ev.cost().serverCapexAmortized());
        close(0, ev.costByQuarter().get(0).cost().serverCapexAmortized());
        close(115_000, ev.costByQuarter().get(1).cost().serverCapexAmortized());
        close(100_000, ev.costBySite().get("sp").serverCapexAmortized());
        close(15_000, ev.costByChip().get("a").serverCapexAmortized());
    }

    @Test
    void facilityCapexAmortisedCountsMwBeyondExisting() {
        // sp Q2: (1.2 - 1.0) * 1e6 / 40 = 5,000.  far Q2: (0.05 - 0) * 2e6 / 40 = 2,500.  Q1: 0.
        close(7_500, ev.cost().facilityCapexAmortized());
        close(0, ev.costByQuarter().get(0).cost().facilityCapexAmortized());
        close(5_000, ev.costBySite().get("sp").facilityCapexAmortized());
        close(2_500, ev.costBySite().get("far").facilityCapexAmortized());
        // per chip, by installed kW: sp Q2 a 10*10 = 100 kW, b 5*5 = 25 kW -> a 4,000, b 1,000;
        // far Q2 is all a -> 2,500.  a 6,500, b 1,000.
        close(6_500, ev.costByChip().get("a").facilityCapexAmortized());
        close(1_000, ev.costByChip().get("b").facilityCapexAmortized());
    }

    @Test
    void energyIncludesIdleDrawOfExistingServers() {
        // sp/a Q1: I 10, busy = 80 * 0.5 / 10 = 4 -> (0.4*10 + 0.6*4) * 10 / 1000 * 328,500 = 0.064 * 328,500 = 21,024
        //   (of which the existing servers' idle draw 0.4*10*10/1000*328,500 = 13,140)
        // sp/a Q2: the same, 21,024
        // sp/b Q2: I 5, busy = 120 * 0.5 / 40 = 1.5 -> (0.5*5 + 0.5*1.5) * 5 / 1000 * 328,500 = 5,338.125
        // far/a Q2: I 3, busy = 40 * 1 / 20 = 2 -> (0.4*3 + 0.6*2) * 10 / 1000 * 131,400 = 3,153.6
        close(21_024, ev.costByQuarter().get(0).cost().energy());
        close(21_024 + 5_338.125 + 3_153.6, ev.costByQuarter().get(1).cost().energy());
        close(50_539.725, ev.cost().energy());
        close(47_386.125, ev.costBySite().get("sp").energy());
        close(3_153.6, ev.costBySite().get("far").energy());
        close(45_201.6, ev.costByChip().get("a").energy());
        close(5_338.125, ev.costByChip().get("b").energy());
    }

    @Test
    void idleExistingServersAloneStillCostEnergy() {
        // No flows at all, only the 10 existing servers at sp: 2 quarters * 13,140 = 26,280, nothing else.
        PlanFixture.Builder b = fx.new Builder().installed("sp", "a", fx.q1, 10).installed("sp", "a", fx.q2, 10);
        Evaluation idle = fx.evaluate(b.plan());
        assertTrue(idle.feasible(), idle.violations().toString());
        close(0, idle.cost().serverCapexAmortized());
        close(0, idle.cost().facilityCapexAmortized());
        close(26_280, idle.cost().energy());
        assertEquals(0.0, idle.servedInferences());
        assertNull(idle.usdPerMillionInferences());
        assertNull(idle.usdPerMillionByRegion().get("br"));
        close(26_280, idle.unattributedToRegionsUsd()); // nothing served: no region to charge
    }

    @Test
    void totalIsTheSumOfTheTermsAndOfEveryBreakdown() {
        double total = 115_000 + 7_500 + 50_539.725; // 173,039.725
        close(total, ev.totalCostUsd());
        close(21_024, ev.costByQuarter().get(0).cost().total());
        close(152_015.725, ev.costByQuarter().get(1).cost().total());
        close(total, ev.costByQuarter().stream().mapToDouble(q -> q.cost().total()).sum());
        close(total, ev.costBySite().values().stream().mapToDouble(CostTerms::total).sum());
        close(total, ev.costByChip().values().stream().mapToDouble(CostTerms::total).sum());
        close(total, ev.costByRegionUsd().get("br")); // one region carries everything
        assertEquals(0.0, ev.unattributedToRegionsUsd());
        assertEquals(0.0, ev.unattributedToChipsUsd());
    }

    @Test
    void servedAndUnmetInferences() {
        // served flow_avg: chat Q1 40, chat Q2 40 + 60, batch Q2 40 = 180 ips -> 180 * 7,884,000
        close(180 * SECONDS, ev.servedInferences());
        // chat Q1: 100 - 80 = 20 peak unmet, * 50/100 * 7,884,000 = 78,840,000
        close(20 * 0.5 * SECONDS, ev.unmetInferences());
        CellResult chatQ1 = ev.cells().get(0);
        assertEquals(80.0, chatQ1.servedPeakIps());
        assertEquals(20.0, chatQ1.unmetPeakIps());
        assertTrue(chatQ1.isShort());
        assertFalse(ev.cells().get(1).isShort());
        assertEquals(0.0, ev.cells().get(1).unmetPeakIps());
        close(100 * SECONDS, ev.cells().get(1).servedInferences());
        assertEquals(1, ev.tables().unmet().size());
        close(78_840_000, ev.tables().unmet().get(0).unmetInferences());
        assertEquals(1, ev.shortRegions().size());
        close(78_840_000, ev.shortRegions().get(0).unmetInferences());
    }

    @Test
    void usdPerMillionInferences() {
        double perMillion = 173_039.725 / (180 * SECONDS) * 1e6; // ~121.93
        close(perMillion, ev.usdPerMillionInferences());
        close(perMillion, ev.usdPerMillionByRegion().get("br"));
        // sp: (100,000 + 5,000 + 47,386.125) / (140 * SECONDS) * 1e6; far: (15,000 + 2,500 + 3,153.6) / (40 * SECONDS)
        close(152_386.125 / (140 * SECONDS) * 1e6, ev.usdPerMillionBySite().get("sp"));
        close(20_653.6 / (40 * SECONDS) * 1e6, ev.usdPerMillionBySite().get("far"));
        // a: 15,000 + 6,500 + 45,201.6 over chat 40 + 40 and batch 40 = 120 ips; b: 100,000 + 1,000 + 5,338.125 over 60 ips
        close(66_701.6 / (120 * SECONDS) * 1e6, ev.usdPerMillionByChip().get("a"));
        close(106_338.125 / (60 * SECONDS) * 1e6, ev.usdPerMillionByChip().get("b"));
    }

    @Test
    void capexCashByYearAgainstBudget() {
        // 2026: servers added: b 5 * 200,000 + a at far 3 * 100,000 = 1,300,000;
        // MW added: sp 0.2 * 1e6 + far 0.05 * 2e6 = 300,000.  Budget 5,000,000.
        YearCapex y = ev.capexByYear().get(0);
        assertEquals(2026, y.year());
        close(1_300_000, y.serverCapexUsd());
        close(300_000, y.facilityCapexUsd());
        close(1_600_000, y.capexUsd());
        assertEquals(5_000_000, y.budgetUsd());
    }

    @Test
    void capexSplitsOverTheYearsOfTheHorizon() {
        // Horizon 2026Q4..2027Q1: the first quarter (2026) only keeps the existing servers, all the
        // capex (1,600,000) lands in 2027; a 2027 budget of 1,500,000 is exceeded, 2026's 0 is not.
        PlanFixture twoYears = new PlanFixture(Quarter.parse("2026Q4"), Quarter.parse("2027Q1"),
                Map.of(2026, 0.0, 2027, 1_500_000.0));
        Evaluation e = twoYears.evaluate(twoYears.clean().plan());
        assertEquals(2, e.capexByYear().size());
        assertEquals(2026, e.capexByYear().get(0).year());
        close(0, e.capexByYear().get(0).capexUsd());
        close(1_600_000, e.capexByYear().get(1).capexUsd());
        assertEquals(List.of(), e.violations().get("budget").stream().filter(l -> l.startsWith("2026")).toList());
        assertEquals(1, e.violations().get("budget").size(), e.violations().toString());
        assertTrue(e.violations().get("budget").get(0).startsWith("2027"));
        // budget unset -> unlimited
        PlanFixture unlimited = new PlanFixture(fx.q1, fx.q2, Map.of());
        Evaluation u = unlimited.evaluate(unlimited.clean().plan());
        assertEquals(Double.POSITIVE_INFINITY, u.capexByYear().get(0).budgetUsd());
        assertTrue(u.feasible());
    }

    @Test
    void tablesHoldTheSpecColumns() {
        PlanTables t = ev.tables();
        assertEquals(4, t.flows().size());
        assertEquals(new PlanTables.FlowRow("br", "chat", fx.q2, "sp", "b", 120, 60), t.flows().stream()
                .filter(r -> r.chip().equals("b")).findFirst().orElseThrow());
        // servers: rows with installed > 0: sp/a Q1, Q2; sp/b Q2; far/a Q2
        assertEquals(4, t.servers().size());
        assertTrue(t.servers().contains(new PlanTables.ServerRow("sp", "a", fx.q1, 10, 0, 0.0)));
        assertTrue(t.servers().contains(new PlanTables.ServerRow("sp", "b", fx.q2, 5, 5, 1_000_000)));
        // facility: every site and quarter
        assertEquals(4, t.facility().size());
        assertTrue(t.facility().contains(new PlanTables.FacilityRow("far", fx.q1, 0.0, 0.0, 0.0)));
        PlanTables.FacilityRow spQ2 = t.facility().stream().filter(r -> r.site().equals("sp") && r.quarter().equals(fx.q2))
                .findFirst().orElseThrow();
        close(0.125, spQ2.itMwUsed()); // 10 * 10 kW + 5 * 5 kW
        close(200_000, spQ2.capexUsd());
        assertEquals(new PlanTables.UnmetRow("br", "chat", fx.q1, 20, 78_840_000), t.unmet().get(0));
    }

    @Test
    void flowOrderDoesNotChangeAnyNumber() {
        PlanFixture.Builder b = fx.clean();
        // split a flow in two and shuffle: the same plan
        b.flows.remove(0);
        b.flow("chat", fx.q1, "sp", "a", 30).flow("chat", fx.q1, "sp", "a", 50);
        List<Plan.Flow> shuffled = new ArrayList<>(b.flows);
        Collections.shuffle(shuffled, new Random(7));
        Evaluation e = fx.evaluate(new Plan(shuffled, b.installed, b.built));
        assertEquals(ev.totalCostUsd(), e.totalCostUsd());
        assertEquals(ev.servedInferences(), e.servedInferences());
        assertEquals(ev.tables(), e.tables());
    }
}
