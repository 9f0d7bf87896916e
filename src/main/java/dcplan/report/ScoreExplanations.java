package dcplan.report;

import dcplan.solver.CapacityConstraints;
import dcplan.solver.CapacitySolver;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.Money;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * OptaPlanner's score explanation of a solution ({@code SolutionManager.explain}) as plain lines
 * for the report, grouped by constraint, hard first:
 * <pre>
 * Score 0hard/0medium/-63449989262soft
 * Power [hard]: -3 (2 matches)
 * - power at paris in 2027Q1: 9.1 MW used, 8.0 MW at most
 * Server capex (amortised) [soft]: USD -473,203,850.00 (170 matches)
 * </pre>
 * A line starting with {@code "- "} is one {@link CapacityConstraints.Why} justification of the
 * constraint above it (at most {@link #MAX_REASONS} per constraint, then a "- ... N more" line);
 * any other line is a heading. Soft scores are micro-dollars and are printed as USD; the medium score
 * is unmet inferences. Lines are what {@link ReportWriter} takes and keeps in
 * {@code score-explanation.txt}, so a report rebuilt from files shows them too.
 */
public final class ScoreExplanations {
    public static final int MAX_REASONS = 12;

    private ScoreExplanations() {
    }

    /** Explains the solver's solution (its score is recalculated, the solution is otherwise untouched). */
    public static List<String> lines(CapacityPlan solution) {
        SolverFactory<CapacityPlan> factory = SolverFactory.create(
                CapacitySolver.config(CapacitySolver.Options.stepLimited(1, 0)));
        SolutionManager<CapacityPlan, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
        ScoreExplanation<CapacityPlan, HardMediumSoftLongScore> explanation = manager.explain(solution);
        List<String> out = new ArrayList<>();
        out.add("Score " + explanation.getScore());
        List<ConstraintMatchTotal<HardMediumSoftLongScore>> totals = new ArrayList<>(
                explanation.getConstraintMatchTotalMap().values());
        totals.sort(Comparator.comparingInt((ConstraintMatchTotal<HardMediumSoftLongScore> t) -> level(t.getScore()))
                .thenComparing(t -> t.getConstraintName()));
        for (ConstraintMatchTotal<HardMediumSoftLongScore> t : totals) {
            if (t.getConstraintMatchCount() == 0) {
                continue;
            }
            HardMediumSoftLongScore s = t.getScore();
            out.add(t.getConstraintName() + " [" + levelName(s) + "]: " + impact(s)
                    + " (" + t.getConstraintMatchCount() + (t.getConstraintMatchCount() == 1 ? " match)" : " matches)"));
            List<String> reasons = new ArrayList<>();
            for (ConstraintMatch<HardMediumSoftLongScore> m : t.getConstraintMatchSet()) {
                if (m.getJustification() instanceof CapacityConstraints.Why why) {
                    reasons.add(why.description());
                }
            }
            reasons.sort(null);
            reasons.stream().limit(MAX_REASONS).forEach(r -> out.add("- " + r));
            if (reasons.size() > MAX_REASONS) {
                out.add("- ... " + (reasons.size() - MAX_REASONS) + " more");
            }
        }
        return out;
    }

    private static int level(HardMediumSoftLongScore s) {
        return s.hardScore() != 0 ? 0 : s.mediumScore() != 0 ? 1 : 2;
    }

    private static String levelName(HardMediumSoftLongScore s) {
        return switch (level(s)) {
            case 0 -> "hard";
            case 1 -> "medium";
            default -> "soft";
        };
    }

    private static String impact(HardMediumSoftLongScore s) {
        return switch (level(s)) {
            case 0 -> String.format(Locale.ROOT, "%,d", s.hardScore());
            case 1 -> String.format(Locale.ROOT, "%,d inferences unmet", -s.mediumScore());
            default -> ReportFormat.usd(Money.usd(s.softScore()), 2);
        };
    }
}
