package dcplan.solver;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.HeldLevels;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.LpWindow;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A try's top-up ({@link AtItsVolume#floorsOf}): where the rounding of the relaxation at a volume
 * serves less than it asked, the relaxation within the rounding's own purchases, each server
 * count at most what the site's power left holds in whole servers, asked for what was lost on
 * top; rounded, it must serve at least what the try asked. Where the top-up is small, the
 * rounding keeps every purchase it tops up; where it is large, a budget repair may take some
 * back, and the evaluator judges the plan.
 */
class AtItsVolumeTopUpTest {

    @Test
    void floorsOfHoldsEachPurchaseOfThePlanAsAFloorUnderTheWholeServersThePowerLeftHolds() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.SMALL, 1, true);
        HeldLevels held = HeldLevels.of(in.model(), Commitments.NONE);
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed());
        Plan plan = RoundedRelaxation.of(in.model(), relaxation);
        LpWindow floors = AtItsVolume.floorsOf(in.model(), plan, held);

        int keys = in.model().sites().size() * in.model().chips().size() * in.model().quarters().size();
        assertEquals(keys, floors.serverRanges().size(), "every (site, chip, quarter)");
        assertFalse(plan.installed().isEmpty());
        int withRoom = 0;
        for (Map.Entry<Plan.SiteChipQuarter, LpWindow.Range> range : floors.serverRanges().entrySet()) {
            Plan.SiteChipQuarter key = range.getKey();
            int bought = MipNeighbourhoods.serversOf(plan, key);
            assertEquals(bought, range.getValue().lower(), 0.0, key.toString());
            int room = AtItsVolume.wholeServersOfPowerLeft(in.model(), plan, held, key);
            assertEquals(bought + room, range.getValue().upper(), 0.0, key.toString());
            withRoom += room > 0 ? 1 : 0;
        }
        assertTrue(withRoom > 0, "some site has power left");
        for (Map.Entry<Plan.SiteQuarter, Double> built : plan.itMwBuilt().entrySet()) {
            LpWindow.Range range = floors.mwRanges().get(built.getKey());
            assertEquals(built.getValue(), range.lower(), 0.0, built.getKey().toString());
            assertEquals(Double.POSITIVE_INFINITY, range.upper(), built.getKey().toString());
        }
    }

    @Test
    void wholeServersOfPowerLeftFitUnderTheSitesCeilingAndOneMoreWouldNot() {
        Instance in = HardInstances.generate(Flavor.POWER_BOUND, Size.SMALL, 1, true);
        PlanningModel model = in.model();
        HeldLevels held = HeldLevels.of(model, Commitments.NONE);
        Plan plan = RoundedRelaxation.of(model, PlanLinearProgram.solve(model, in.demand(), LpOptions.relaxed()));
        int checked = 0;
        for (int s = 0; s < model.sites().size(); s++) {
            Site site = model.sites().get(s);
            for (int q = 0; q < model.quarters().size(); q++) {
                double ceilingKw = RelaxationRounding.ceilingMw(model, s, q, held) * 1000.0;
                double drawnKw = 0;
                for (Chip chip : model.chips()) {
                    drawnKw += plan.installed().getOrDefault(key(site, chip, model, q), site.existingServers(chip.id()))
                            * chip.serverKw();
                }
                for (Chip chip : model.chips()) {
                    int room = AtItsVolume.wholeServersOfPowerLeft(model, plan, held, key(site, chip, model, q));
                    assertTrue(room >= 0);
                    assertTrue(drawnKw + room * chip.serverKw() <= ceilingKw + 1e-6, site.id() + " " + q + " " + chip.id());
                    if (drawnKw < ceilingKw) {
                        assertTrue(drawnKw + (room + 1) * chip.serverKw() > ceilingKw - 1e-6,
                                site.id() + " " + q + " " + chip.id() + ": one more server would fit");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void aTopUpServesWhatARoundingOfTheRelaxationLostOnMediumBudgetBound() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.MEDIUM, 1, true);
        Tried tried = atTheStartsVolume(in, "medium");
        assertTrue(tried.plainShort() > 1e-6, "its rounding serves less than asked (1.3e-5 of the volume measured)");
        assertTrue(tried.toppedShort() <= Planner.SAME_SERVED, "topped up, it serves what it was asked (1.7e-5 more, measured)");
        assertTrue(tried.topped().evaluation().totalCostUsd() < tried.start().totalCostUsd() / 2,
                "at under half the cost of the rounded start serving as much (1,606 M against 3,562 M measured)");
        tried.assertToppedKeepsEveryPurchase();
    }

    @Test
    void aTopUpAskingWhatWasLostOnTopServesMoreThanTheStartOnLongBudgetBound() {
        Instance in = HardInstances.generate(Flavor.BUDGET_BOUND, Size.LONG, 3, true);
        Tried tried = atTheStartsVolume(in, "long");
        assertTrue(tried.plainShort() > 1e-3, "the rounding's repairs lose volume there (5.4e-3 measured)");
        tried.assertToppedIsAFeasibleTopUp();
        // asked for the start's volume and the 5.4e-3 lost on top: 3.9e-3 of the volume more than the start, measured
        assertTrue(tried.toppedShort() < -1e-3, "serves more than the start");
    }

    /** The try at the rounded start's volume, without and with its top-ups. */
    private record Tried(Evaluation start, StartingPlans.Candidate plain, StartingPlans.Candidate topped, double volume) {
        double plainShort() {
            return (start.servedInferences() - plain.evaluation().servedInferences()) / volume;
        }

        double toppedShort() {
            return (start.servedInferences() - topped.evaluation().servedInferences()) / volume;
        }

        void assertToppedIsAFeasibleTopUp() {
            assertTrue(topped.name().contains("topped up"), topped.name());
            assertTrue(topped.evaluation().feasible(), topped.evaluation().violations().toString());
        }

        void assertToppedKeepsEveryPurchase() {
            assertToppedIsAFeasibleTopUp();
            for (Map.Entry<Plan.SiteChipQuarter, Integer> bought : plain.plan().installed().entrySet()) {
                int kept = topped.plan().installed().getOrDefault(bought.getKey(), 0);
                assertTrue(kept >= bought.getValue(), bought.getKey() + ": " + kept + " under the rounding's " + bought.getValue());
            }
        }
    }

    private static Tried atTheStartsVolume(Instance in, String label) {
        LpResult relaxation = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.relaxed().withTimeLimit(AtItsVolumeTest.LIMIT));
        Evaluation start = PlanEvaluator.evaluate(in.model(), in.demand(), AtItsVolumeTest.roundingsPhasesStart(in, relaxation));
        assertTrue(start.feasible(), start.violations().toString());
        double asked = start.servedInferences();
        AtItsVolume.LpVolumeTry tries = new AtItsVolume.LpVolumeTry(in.model(), in.demand(), start, AtItsVolumeTest.LIMIT,
                Commitments.NONE, Deadline.none(), relaxation.maxServedInferences());
        StartingPlans.Candidate plain = tries.at(asked, "at the start's volume");
        assertNotNull(plain);
        StartingPlans.Candidate topped = tries.topUp(plain, asked + (asked - plain.evaluation().servedInferences()));
        assertNotNull(topped, "the top-up serves more than the rounding");
        System.out.printf("AtItsVolumeTopUpTest %s: short of the volume asked %.2e plain, %.2e topped up%n", label,
                (asked - plain.evaluation().servedInferences()) / (asked + start.unmetInferences()),
                (asked - topped.evaluation().servedInferences()) / (asked + start.unmetInferences()));
        return new Tried(start, plain, topped, start.servedInferences() + start.unmetInferences());
    }

    private static Plan.SiteChipQuarter key(Site site, Chip chip, PlanningModel model, int q) {
        return new Plan.SiteChipQuarter(site.id(), chip.id(), model.quarters().get(q));
    }
}
