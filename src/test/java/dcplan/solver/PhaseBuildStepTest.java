package dcplan.solver;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.solver.domain.PhaseBuild;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dcplan.CommitmentModels.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A move on MW built ahead ({@link PhaseBuild#stepUnits}) steps one phase at a site with phases,
 * however small the phase (a first version stepped 1 MW there too: two phases of 0.5 MW), and
 * 1 MW (in watts) at a site whose MW are continuous.
 */
class PhaseBuildStepTest {
    @Test
    void aMoveStepsOnePhaseHoweverSmallAndOneMwWhereMwAreContinuous() {
        TinyModel halfMwPhases = CommitmentModels.phasedSite("2026Q1", "2027Q2", 1, 0.5);
        List<PhaseBuild> phased = ProblemBuilder.build(halfMwPhases.build(), cells("2027Q2"), 4).getPhaseBuilds();
        assertFalse(phased.isEmpty());
        phased.forEach(b -> assertEquals(1, b.stepUnits(), "one phase of 0.5 MW: " + b));

        TinyModel continuous = TinyModel.oneRegion().site("s", "XX", 0, 10, 8e6, Map.of()).chip("A", 100_000, 100, null, List.of());
        continuous.budgets.put(2026, 1e9);
        List<PhaseBuild> watts = ProblemBuilder.build(continuous.build(), cells("2026Q2"), 4).getPhaseBuilds();
        assertFalse(watts.isEmpty());
        watts.forEach(b -> assertEquals(1_000_000, b.stepUnits(), "1 MW in watts: " + b));
    }
}
