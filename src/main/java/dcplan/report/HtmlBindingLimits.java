package dcplan.report;

import java.util.List;
import java.util.Map;

import static dcplan.report.HtmlReport.esc;
import static dcplan.report.ReportFormat.count;

/**
 * report.html's section "Limits that bind", drawn into an {@link HtmlReport}: the hard
 * constraints violated, the limits summary.json names, the regions left short and why, and the
 * score explanation (of the written plan, {@link PlanExplanation}, or else the solver's).
 */
final class HtmlBindingLimits {
    private final HtmlReport page;
    private final ReportData d;

    HtmlBindingLimits(HtmlReport page, ReportData d) {
        this.page = page;
        this.d = d;
    }

    void section() {
        page.open("binding-limits", "Limits that bind", null);
        StringBuilder h = new StringBuilder();
        Map<String, List<String>> violations = d.violations();
        if (!violations.isEmpty()) {
            h.append("<div class=\"violations\"><h3>Hard constraints violated</h3><ul>\n");
            violations.forEach((name, lines) -> {
                lines.stream().limit(20).forEach(l -> h.append("<li><span class=\"tag bad\">").append(esc(name))
                        .append("</span> ").append(esc(l)).append("</li>\n"));
                if (lines.size() > 20) {
                    h.append("<li class=\"soft\">… ").append(lines.size() - 20).append(" more in summary.json</li>\n");
                }
            });
            h.append("</ul></div>\n");
        }
        var limits = d.summary().path("binding_limits");
        h.append("<h3>What holds the plan back</h3>\n");
        if (limits.isEmpty()) {
            h.append("<p class=\"soft\" id=\"no-binding-limits\">No limit binds: power, budget and supply all leave room, "
                    + "and every demand cell has an eligible site.</p>\n");
        } else {
            h.append("<ul class=\"limits\" id=\"binding-limit-list\">\n");
            for (var b : limits) {
                h.append("<li data-binding-kind=\"").append(esc(b.path("kind").asText())).append("\"><span class=\"tag\">")
                        .append(esc(b.path("kind").asText().replace('_', ' '))).append("</span> ")
                        .append(esc(b.path("sentence").asText())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        List<ReportData.ShortRegion> shortRegions = d.shortRegions();
        if (!shortRegions.isEmpty()) {
            h.append("<h3>Regions left short</h3><ul class=\"limits\" id=\"short-regions\">\n");
            for (ReportData.ShortRegion r : shortRegions) {
                h.append("<li><strong>").append(esc(r.region())).append("</strong>: ").append(esc(count(r.unmetInferences())))
                        .append(" inferences unmet");
                if (!r.reasons().isEmpty()) {
                    h.append("<ul>");
                    r.reasons().stream().limit(8).forEach(x -> h.append("<li>").append(esc(x)).append("</li>"));
                    if (r.reasons().size() > 8) {
                        h.append("<li class=\"soft\">… ").append(r.reasons().size() - 8).append(" more in summary.json</li>");
                    }
                    h.append("</ul>");
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!d.explanation().isEmpty()) {
            h.append(PlanExplanation.isOfWrittenPlan(d.explanation())
                    ? "<h3>The plan's score, constraint by constraint</h3>\n<p class=\"soft\">The score of " + esc(PlanExplanation.SOURCE)
                            + ": hard constraints (each with its violations), unmet demand by cell, and the three cost terms "
                            + "by site. The search's own score (above) is of its solution before the LP re-split.</p>\n"
                    : "<h3>The solver's score, constraint by constraint</h3>\n<p class=\"soft\">OptaPlanner's score "
                            + "explanation of the search's best solution, before the LP re-split of demand, so its sums can "
                            + "differ from the headline (which is computed from the plan files).</p>\n");
            h.append("<div class=\"explain\" id=\"score-explanation\">\n");
            boolean inList = false;
            for (String line : d.explanation()) {
                if (line.startsWith("- ")) {
                    if (!inList) {
                        h.append("<ul>");
                        inList = true;
                    }
                    h.append("<li>").append(esc(line.substring(2))).append("</li>");
                } else {
                    if (inList) {
                        h.append("</ul>\n");
                        inList = false;
                    }
                    h.append("<div class=\"explain-head\">").append(esc(line)).append("</div>\n");
                }
            }
            if (inList) {
                h.append("</ul>\n");
            }
            h.append("</div>\n");
        }
        page.append(h.toString());
        page.close();
    }
}
