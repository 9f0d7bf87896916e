package dcplan.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Several runs' headline figures in one table: compare.csv and compare.html. */
public final class CompareReport {
    static final String[] HEADER = {"run", "scenario", "feasible", "usd_per_million_inferences", "total_cost_usd",
            "server_capex_amortized", "facility_capex_amortized", "energy", "served_inferences",
            "unmet_inferences", "lower_bound_usd", "capex_cash_usd"};

    private CompareReport() {
    }

    public static void write(Path folder, List<RunDigest> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(folder.resolve("compare.csv"));
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (RunDigest r : runs) {
                p.printRecord(r.folder().toString(), r.scenario(), r.feasible(), r.usdPerMillion(), r.totalCostUsd(),
                        r.serverCapexAmortized(), r.facilityCapexAmortized(), r.energy(), r.servedInferences(),
                        r.unmetInferences(), r.lowerBoundUsd() == null ? "" : r.lowerBoundUsd(), capex(r));
            }
        }
        Files.writeString(folder.resolve("compare.html"), html(runs), StandardCharsets.UTF_8);
    }

    static double capex(RunDigest r) {
        return r.capexBySite().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static String html(List<RunDigest> runs) {
        RunDigest first = runs.get(0);
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Runs compared</title><style>"
                + Html.STYLE + "</style></head><body><h1>Runs compared</h1><p class=\"sub\">Changes are relative to the first run, "
                + Html.esc(first.label()) + ".</p><table id=\"compare-table\"><thead><tr><th>run</th><th>feasible</th>"
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
        return h.append("</tbody></table></body></html>\n").toString();
    }
}
