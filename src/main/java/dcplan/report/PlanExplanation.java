package dcplan.report;

import dcplan.plan.Evaluation;
import dcplan.plan.Evaluation.CellResult;
import dcplan.plan.Evaluation.CostTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The score explanation of the plan that was written (plan/*.csv), constraint by constraint,
 * from the independent evaluator's per-constraint results ({@link Evaluation}): hard constraints
 * (each with its violations, or one line saying they all hold), the medium level (unmet
 * demand, by cell) and the three soft cost terms (by site). Not OptaPlanner's explanation of
 * the search's solution: the plan written is often the LP's re-split or the rounded relaxation,
 * whose figures the search's score does not describe. A line starting with {@code "- "} is a
 * reason under the heading above it (at most {@link #MAX_REASONS}, then "- ... N more"); any other
 * line is a heading. This is also the format of the OptaPlanner explanations that run folders
 * of earlier versions kept, so the report shows either the same way; score-explanation.txt
 * keeps the lines:
 * <pre>
 * Score of the written plan: 0 hard / 1,257 inferences unmet / USD 693,302,960
 * Hard constraints [hard]: all 12 hold (unknown_keys, flow_non_negative, ...)
 * Unmet demand [medium]: 1,257 inferences unmet (1 cell short)
 * - brazil llm-chat 2028Q4: 1,257 inferences unmet; ...
 * Server capex (amortised) [soft]: USD 469,272,367 (7 sites)
 * - sao-paulo: USD 120,000,000 (25.6 %)
 * </pre>
 */
public final class PlanExplanation {
    /** Reasons listed under one heading; the rest are counted. */
    public static final int MAX_REASONS = 12;
    /** Where the explanation comes from, for the report's readers. */
    public static final String SOURCE = "the plan written (plan/*.csv), explained through the independent evaluator's "
            + "per-constraint results; the same figures as the headline";

    private static final String FIRST_LINE = "Score of the written plan: ";

    private PlanExplanation() {
    }

    /** Whether explanation lines are this class's (older run folders kept the search's explanation). */
    public static boolean isOfWrittenPlan(List<String> lines) {
        return !lines.isEmpty() && lines.get(0).startsWith(FIRST_LINE);
    }

    public static List<String> lines(Evaluation ev) {
        List<String> out = new ArrayList<>();
        out.add(FIRST_LINE + ev.violationCount() + " hard / " + ReportFormat.count(ev.unmetInferences())
                + " inferences unmet / " + ReportFormat.usd(ev.totalCostUsd()));
        hard(ev, out);
        unmet(ev, out);
        soft("Server capex (amortised)", ev.cost().serverCapexAmortized(), ev.costBySite(), CostTerms::serverCapexAmortized, out);
        soft("Facility capex (amortised)", ev.cost().facilityCapexAmortized(), ev.costBySite(), CostTerms::facilityCapexAmortized, out);
        soft("Energy", ev.cost().energy(), ev.costBySite(), CostTerms::energy, out);
        return out;
    }

    private static void hard(Evaluation ev, List<String> out) {
        if (ev.violationCount() == 0) {
            out.add("Hard constraints [hard]: all " + ev.violations().size() + " hold ("
                    + String.join(", ", ev.violations().keySet()) + ")");
            return;
        }
        ev.violations().forEach((name, lines) -> {
            if (!lines.isEmpty()) {
                out.add(name + " [hard]: " + lines.size() + (lines.size() == 1 ? " violation" : " violations"));
                reasons(lines, out);
            }
        });
    }

    /** Unmet volume, with the short cells (more than a millionth of their peak unmet) largest first. */
    private static void unmet(Evaluation ev, List<String> out) {
        List<CellResult> unmet = ev.cells().stream().filter(c -> c.unmetInferences() > 0).toList();
        if (unmet.isEmpty()) {
            out.add("Unmet demand [medium]: none, every demand cell is served in full");
            return;
        }
        List<CellResult> shortCells = unmet.stream().filter(CellResult::isShort)
                .sorted(Comparator.comparingDouble(CellResult::unmetInferences).reversed()).toList();
        int slivers = unmet.size() - shortCells.size();
        out.add("Unmet demand [medium]: " + ReportFormat.count(ev.unmetInferences()) + " inferences unmet ("
                + shortCells.size() + (shortCells.size() == 1 ? " cell short" : " cells short")
                + (slivers > 0 ? "; " + slivers + " more with round-off slivers under a millionth of their peak" : "") + ")");
        reasons(shortCells.stream().map(c -> c.region() + " " + c.workload() + " " + c.quarter() + ": "
                + ReportFormat.count(c.unmetInferences()) + " inferences unmet"
                + (c.reasons().isEmpty() ? "" : "; " + c.reasons().get(0))).toList(), out);
    }

    /** A cost term and its share by site, largest first. */
    private static void soft(String name, double total, Map<String, CostTerms> bySite, ToDoubleFunction<CostTerms> term,
                             List<String> out) {
        List<Map.Entry<String, CostTerms>> sites = bySite.entrySet().stream().filter(e -> term.applyAsDouble(e.getValue()) != 0)
                .sorted(Comparator.comparingDouble((Map.Entry<String, CostTerms> e) -> term.applyAsDouble(e.getValue())).reversed())
                .toList();
        out.add(name + " [soft]: " + ReportFormat.usd(total) + " (" + sites.size() + (sites.size() == 1 ? " site)" : " sites)"));
        reasons(sites.stream().map(e -> e.getKey() + ": " + ReportFormat.usd(term.applyAsDouble(e.getValue()))
                + (total > 0 ? " (" + ReportFormat.percent(term.applyAsDouble(e.getValue()) / total) + ")" : "")).toList(), out);
    }

    /** At most {@link #MAX_REASONS} lines, then "- ... N more". */
    private static void reasons(List<String> lines, List<String> out) {
        lines.stream().limit(MAX_REASONS).forEach(l -> out.add("- " + l));
        if (lines.size() > MAX_REASONS) {
            out.add("- ... " + (lines.size() - MAX_REASONS) + " more");
        }
    }
}
