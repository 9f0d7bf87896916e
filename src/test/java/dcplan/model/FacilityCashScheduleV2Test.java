package dcplan.model;

import dcplan.model.UnitCosts.CashPart;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rule 5' (contract version 2): when the cash of a facility increment is paid, worked by hand. */
class FacilityCashScheduleV2Test {
    static Site site(int buildQuarters) {
        return new Site("sp", "Sao Paulo", "BR", "BR", Map.of(), 10.0, 50.0, 8_000_000, null, 100, 1.3, Map.of())
                .withCommitments(buildQuarters, null);
    }

    @Test
    void withoutBuildQuartersTheWholeCostIsPaidInTheReadyQuarter() {
        // 2.5 MW * 8e6 USD/MW = 20e6, all in 2027Q1, the same double as facilityCashFor
        Quarter ready = Quarter.parse("2027Q1");
        assertEquals(List.of(new CashPart(ready, 20_000_000.0)), UnitCosts.facilityCashSchedule(site(0), 2.5, ready));
        assertEquals(UnitCosts.facilityCashFor(site(0), 0.1), UnitCosts.facilityCashSchedule(site(0), 0.1, ready).get(0).usd());
    }

    @Test
    void withBuildQuartersEqualPartsOverTheConstructionQuartersBeforeReady() {
        // 4 MW usable from 2027Q1 with L_s = 2: 32e6 USD paid 16e6 in 2026Q3 and 16e6 in 2026Q4, none in 2027Q1
        assertEquals(List.of(new CashPart(Quarter.parse("2026Q3"), 16_000_000.0),
                        new CashPart(Quarter.parse("2026Q4"), 16_000_000.0)),
                UnitCosts.facilityCashSchedule(site(2), 4.0, Quarter.parse("2027Q1")));
        // L_s = 3 across a year end: 3 MW = 24e6 in thirds over 2026Q4, 2027Q1, 2027Q2
        assertEquals(List.of(new CashPart(Quarter.parse("2026Q4"), 8_000_000.0),
                        new CashPart(Quarter.parse("2027Q1"), 8_000_000.0),
                        new CashPart(Quarter.parse("2027Q2"), 8_000_000.0)),
                UnitCosts.facilityCashSchedule(site(3), 3.0, Quarter.parse("2027Q3")));
    }
}
