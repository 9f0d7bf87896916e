package dcplan.solver;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.Money;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import dcplan.solver.lp.RandomInstances;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop when done (issue 11): the gap rule ({@link GapStop}) on figures worked by hand, read off a
 * score in micro-dollars, and ending a step-limited search reproducibly; the unimproved wait set
 * on the local search phase of a time-limited search only.
 */
class CapacitySolverStoppingTest {
    // a bound of 1,000,000 USD for plans serving 990 of 1,000 inferences; gap 1e-4: up to 1,000,100 USD
    static final GapStop STOP = new GapStop(1_000_000, 990, 1_000, 1e-4);

    @Test
    void aFeasiblePlanServingAsMuchWithinTheGapIsProven() {
        assertTrue(STOP.reached(true, 1_000_100, 990));
        assertTrue(STOP.reached(true, 1_000_000, 990.5), "serving more is fine");
    }

    @Test
    void aDearerPlanIsNotProven() {
        assertFalse(STOP.reached(true, 1_000_101, 990), "1 USD over bound * (1 + gap)");
    }

    @Test
    void aPlanServingLessIsNotProvenHoweverCheap() {
        // Planner.SAME_SERVED of the 1,000 inferences is 0.0005: 989.999 serves less
        assertFalse(STOP.reached(true, 900_000, 989.999));
        assertTrue(STOP.reached(true, 900_000, 989.9997), "within the round-off the Planner calls equally served");
    }

    @Test
    void aPlanBreakingAHardLimitIsNotProven() {
        assertFalse(STOP.reached(false, 1_000_000, 990));
    }

    @Test
    void theStopIsTheRelaxationsBoundAndVolumeAndNoneWithoutABoundOrWithANegativeGap() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        LpResult relaxation = PlanLinearProgram.solve(inst.model(), inst.demand(), LpOptions.relaxed());
        GapStop stop = GapStop.of(relaxation, 1e-4);
        assertEquals(relaxation.lowerBoundUsd(), stop.boundUsd());
        assertEquals(relaxation.servedInferences(), stop.servedInferences());
        assertEquals(relaxation.servedInferences() + relaxation.unmetInferences(), stop.volumeInferences(), 1e-3);
        assertNull(GapStop.of(relaxation, -1), "--gap below 0: off");
        assertNull(GapStop.of(null, 1e-4), "--lp-time-limit 0: no relaxation, no bound");
    }

    /** The score's soft part is micro-dollars without the constants; the rule reads USD with them. */
    @Test
    void theScoreIsReadInUsdWithItsConstants() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        CapacityPlan problem = ProblemBuilder.build(inst.model(), inst.demand(), 8);
        ScoreReading reading = new ScoreReading(problem);
        double constant = reading.costUsd(HardMediumSoftLongScore.ZERO);
        double volume = reading.servedInferences(HardMediumSoftLongScore.ZERO);
        HardMediumSoftLongScore costs100k = HardMediumSoftLongScore.of(0, 0, -Money.micros(100_000));
        GapStop exact = new GapStop(constant + 100_000, volume, volume, 0);
        assertTrue(CapacitySolver.isProven(exact, reading, costs100k));
        assertFalse(CapacitySolver.isProven(exact, reading, HardMediumSoftLongScore.of(0, 0, -Money.micros(100_000) - 1)),
                "one micro-dollar over");
        assertFalse(CapacitySolver.isProven(exact, reading, HardMediumSoftLongScore.of(-1, 0, 0)), "hard broken");
        assertFalse(CapacitySolver.isProven(exact, reading, HardMediumSoftLongScore.ofUninitialized(-1, 0, 0, 0)),
                "not all chunks placed yet");
    }

    /** A step-limited search, reproducible, on 8 chunks per cell. */
    private static final CapacitySolver.Options STEPS = CapacitySolver.Options.stepLimited(3000, 7).withChunksPerCell(8);

    /** All demand of {@code inst}, in inferences, as the search's score reads it. */
    private static double volumeOf(RandomInstances.Instance inst) {
        return new ScoreReading(ProblemBuilder.build(inst.model(), inst.demand(), 8)).servedInferences(HardMediumSoftLongScore.ZERO);
    }

    /** A bound any plan meets ends the search at its first feasible best; one none meets, at the step limit. */
    @Test
    void theGapEndsAStepLimitedSearchReproducibly() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        CapacitySolver.Options steps = STEPS;
        double volume = volumeOf(inst);
        GapStop anyPlan = new GapStop(1e15, 0, volume, 1e-4);
        CapacitySolver.Result early = new CapacitySolver().solve(inst.model(), inst.demand(), steps.withGapStop(anyPlan));
        CapacitySolver.Result again = new CapacitySolver().solve(inst.model(), inst.demand(), steps.withGapStop(anyPlan));
        assertTrue(early.ended().startsWith("proven within"), early.ended());
        assertEquals(early.score(), again.score(), "the same step ends it");
        GapStop none = new GapStop(1, volume, volume, 1e-4);
        CapacitySolver.Result full = new CapacitySolver().solve(inst.model(), inst.demand(), steps.withGapStop(none));
        assertEquals("step limit", full.ended());
        assertFalse(full.stoppedEarly(), "the gap stop is not the user's stop");
    }

    /**
     * A start proven within the gap ends the search at its construction even where the search's own
     * reading of it is not proven (small budget-bound #2: whole servers over the budget), instead of
     * searching on to the limit for a plan the Planner does not keep.
     */
    @Test
    void aSearchWhoseStartIsProvenEndsAtItsConstructionWhateverItsReadingScores() {
        RandomInstances.Instance inst = RandomInstances.generate(2, 3, 2, 2, 4, 11);
        CapacitySolver.Options steps = STEPS;
        double volume = volumeOf(inst);
        GapStop unreachable = new GapStop(1, 2 * volume, volume, 1e-4); // no plan serves twice the demand
        CapacitySolver.Result searched = new CapacitySolver().solve(inst.model(), inst.demand(), steps.withGapStop(unreachable));
        assertEquals("step limit", searched.ended(), "not met by the start: the search runs on");
        CapacitySolver.Result ended = new CapacitySolver().solve(inst.model(), inst.demand(),
                steps.withGapStop(unreachable.metByTheStart()));
        assertEquals(CapacitySolver.START_PROVEN, ended.ended());
        assertEquals(ended.constructionScore(), ended.score(), "the construction's plan, no local search step");
        assertFalse(ended.provenWithinGap(), "the search's own plan is not proven; the start is");
    }

    @Test
    void theUnimprovedWaitIsOnTheLocalSearchOfATimeLimitedSearchOnly() {
        CapacitySolver.Options timed = CapacitySolver.Options.timeLimited(Duration.ofSeconds(60), 1)
                .withUnimprovedLimit(Duration.ofSeconds(10));
        TerminationConfig phase = localSearch(CapacitySolver.config(timed)).getTerminationConfig();
        assertEquals(10_000L, phase.calculateUnimprovedTimeMillisSpentLimit());
        assertEquals(60_000L, CapacitySolver.config(timed).getTerminationConfig().calculateTimeMillisSpentLimit(),
                "the time limit stays the maximum");

        CapacitySolver.Options stepsAndTime = CapacitySolver.Options.of(Duration.ofSeconds(60), 500L, 1)
                .withUnimprovedLimit(Duration.ofSeconds(10));
        TerminationConfig stepPhase = localSearch(CapacitySolver.config(stepsAndTime)).getTerminationConfig();
        assertNull(stepPhase.calculateUnimprovedTimeMillisSpentLimit(), "a step-limited run must not depend on wall time");
        assertEquals(500, stepPhase.getStepCountLimit());

        assertNull(CapacitySolver.Options.timeLimited(Duration.ofSeconds(60), 1).withUnimprovedLimit(Duration.ZERO)
                .unimprovedLimit(), "0 s: search to the time limit");
    }

    @Test
    void theSearchGetsTheTimeLeftInWholeMillisecondsAndAtLeastItsFinalShare() {
        CapacitySolver.Options sixty = CapacitySolver.Options.timeLimited(Duration.ofSeconds(60), 1);
        Duration left = Planner.withTimeLeft(sixty, 2_500_123_456L).timeLimit();
        assertEquals(Duration.ofMillis(57_499), left, "60 s less 2.500123456 s, in whole milliseconds");
        // OptaPlanner refuses a spent limit with nanoseconds: the config must build
        assertEquals(57_499L, CapacitySolver.config(Planner.withTimeLeft(sixty, 2_500_123_456L))
                .getTerminationConfig().calculateTimeMillisSpentLimit());
        assertEquals(Duration.ofSeconds(6), Planner.withTimeLeft(sixty, 59_000_000_000L).timeLimit(),
                "the starting plans took nearly all: the search keeps its final share, a tenth");
        CapacitySolver.Options steps = CapacitySolver.Options.stepLimited(100, 1);
        assertNull(Planner.withTimeLeft(steps, 5_000_000_000L).timeLimit(), "a step-limited search has no time limit");
    }

    /** The (only) local search phase, wherever the construction phases put it. */
    private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
        return config.getPhaseConfigList().stream()
                .filter(LocalSearchPhaseConfig.class::isInstance).map(LocalSearchPhaseConfig.class::cast)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one local search phase");
                }).orElseThrow();
    }
}
