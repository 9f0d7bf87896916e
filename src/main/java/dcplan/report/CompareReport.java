package dcplan.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several runs side by side: compare.csv and compare.html. A hedged run takes part by its expected
 * figures ({@link HedgedDigest}), labelled so. Headline figures, then the planner's
 * views ({@link CompareViews}: cost per workload and region, servers by site and chip, capex by
 * year against the budget).
 */
public final class CompareReport {
    static final String[] HEADER = {"run", "scenario", "feasible", "usd_per_million_inferences", "total_cost_usd",
            "server_capex_amortized", "facility_capex_amortized", "energy", "served_inferences",
            "unmet_inferences", "lower_bound_usd", "capex_cash_usd"};

    private CompareReport() {
    }

    /**
     * Writes compare.csv (the headline columns of {@link #HEADER}, then the views' columns of
     * {@link CompareViews}; numbers as plain decimals, never {@code 6.93E8}) and compare.html.
     */
    public static void write(Path folder, List<RunDigest> runs) throws IOException {
        List<RunViews> views = runs.stream().map(r -> RunViews.read(r.folder())).toList();
        List<String> header = new ArrayList<>(List.of(HEADER));
        header.addAll(CompareViews.columns(views));
        try (Writer w = Files.newBufferedWriter(folder.resolve("compare.csv"));
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < runs.size(); i++) {
                RunDigest r = runs.get(i);
                List<Object> row = new ArrayList<>(List.of(r.folder().toString(), r.scenario(), r.feasible(),
                        plain(r.usdPerMillion()), plain(r.totalCostUsd()), plain(r.serverCapexAmortized()),
                        plain(r.facilityCapexAmortized()), plain(r.energy()), plain(r.servedInferences()),
                        plain(r.unmetInferences()), plain(r.lowerBoundUsd()), plain(capex(r))));
                row.addAll(CompareViews.values(views.get(i), views));
                p.printRecord(row);
            }
        }
        Files.writeString(folder.resolve("compare.html"), html(runs, views), StandardCharsets.UTF_8);
    }

    private static String plain(Double v) {
        return CompareViews.plain(v);
    }

    static double capex(RunDigest r) {
        return r.capexBySite().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Says how a hedged run's figures are made, when the comparison has one. */
    private static String hedgedNote(List<RunDigest> runs) {
        return runs.stream().noneMatch(r -> HedgeRun.isHedged(r.folder())) ? ""
                : "<p class=\"sub\" id=\"hedged-note\">A hedged run shows its expected figures: each of its futures' "
                + "weighted by its probability; a cost per unit is the expected cost over the expected units served.</p>";
    }

    static String html(List<RunDigest> runs, List<RunViews> views) {
        RunDigest first = runs.get(0);
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Runs compared</title><style>"
                + Html.STYLE + "</style></head><body><h1>Runs compared</h1><p class=\"sub\">Changes are relative to the first run, "
                + Html.esc(first.label()) + ".</p>" + hedgedNote(runs) + "<table id=\"compare-table\"><thead><tr><th>run</th><th>feasible</th>"
                + "<th>USD per M inferences</th><th>total cost (USD)</th><th>server capex</th><th>facility capex</th>"
                + "<th>energy</th><th>unmet inferences</th><th>capex cash (USD)</th><th>vs first</th></tr></thead><tbody>");
        for (RunDigest r : runs) {
            h.append("<tr><td>").append(Html.esc(r.label())).append("</td><td>").append(r.feasible() ? "yes" : "no")
                    .append("</td><td>").append(Html.usd4(r.usdPerMillion())).append("</td><td>").append(Html.usd(r.totalCostUsd()))
                    .append("</td><td>").append(Html.usd(r.serverCapexAmortized())).append("</td><td>")
                    .append(Html.usd(r.facilityCapexAmortized())).append("</td><td>").append(Html.usd(r.energy()))
                    .append("</td><td>").append(Html.count(r.unmetInferences())).append("</td><td>").append(Html.usd(capex(r)))
                    .append("</td><td class=\"").append(Html.direction(first.totalCostUsd(), r.totalCostUsd())).append("\">")
                    .append(Html.change(first.totalCostUsd(), r.totalCostUsd())).append("</td></tr>");
        }
        return h.append("</tbody></table>").append(CompareViews.html(runs, views)).append("</body></html>\n").toString();
    }
}
