package dcplan.report;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanTables;
import dcplan.plan.ReportThresholds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.ips;
import static dcplan.report.ReportFormat.mw;
import static dcplan.report.ReportFormat.percent;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/**
 * The report's tables, formatted once for both renderers (HTML and Markdown): a table is an id,
 * a caption, column headers (numeric columns right-aligned) and rows of formatted text.
 */
public final class ReportTables {
    private ReportTables() {
    }

    /** A formatted table; {@code numeric[i]} right-aligns column i. */
    public record Table(String id, String caption, List<String> headers, boolean[] numeric, List<List<String>> rows,
                        String note) {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    static boolean[] numericFrom(int textColumns, int total) {
        boolean[] n = new boolean[total];
        for (int i = textColumns; i < total; i++) {
            n[i] = true;
        }
        return n;
    }

    public static Table capexByYear(ReportData d) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.YearRow y : d.capexByYear()) {
            rows.add(List.of(Integer.toString(y.year()), usd(y.serverCapexUsd()), usd(y.facilityCapexUsd()),
                    usd(y.capexUsd()), ReportFormat.budget(y.budgetUsd()),
                    y.budgetShare() == null ? ReportFormat.NA : percent(y.budgetShare())));
        }
        return new Table("table-capex-by-year", "Capex cash per year against the budget",
                List.of("year", "server capex", "facility capex", "capex", "budget", "of budget"), numericFrom(1, 6), rows, null);
    }

    public static Table capexBySite(ReportData d) {
        List<String> headers = new ArrayList<>(List.of("site"));
        List<Integer> years = d.quarters().stream().map(Quarter::year).distinct().toList();
        years.forEach(y -> headers.add(Integer.toString(y)));
        headers.add("horizon");
        List<List<String>> rows = new ArrayList<>();
        double[] colTotals = new double[years.size() + 1];
        for (Map.Entry<String, double[]> e : d.capexBySite().entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            double total = 0;
            for (int yi = 0; yi < years.size(); yi++) {
                double sum = 0;
                for (int q = 0; q < d.quarters().size(); q++) {
                    if (d.quarters().get(q).year() == years.get(yi)) {
                        sum += e.getValue()[q];
                    }
                }
                row.add(usd(sum));
                colTotals[yi] += sum;
                total += sum;
            }
            colTotals[years.size()] += total;
            row.add(usd(total));
            rows.add(row);
        }
        List<String> totalRow = new ArrayList<>(List.of("all sites"));
        for (double t : colTotals) {
            totalRow.add(usd(t));
        }
        rows.add(totalRow);
        return new Table("table-capex-by-site", "Capex cash per site and year (servers and facility MW added)",
                headers, numericFrom(1, headers.size()), rows, null);
    }

    public static Table chipMix(ReportData d) {
        List<String> headers = new ArrayList<>(List.of("site"));
        List<Chip> chips = d.model().chips();
        chips.forEach(c -> headers.add(ReportCharts.chipLabel(c)));
        headers.add("servers");
        headers.add("domestic share");
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : d.installedAtEnd().entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            int total = 0;
            int domestic = 0;
            for (Chip c : chips) {
                int n = e.getValue().getOrDefault(c.id(), 0);
                row.add(count(n));
                total += n;
                domestic += c.domestic() ? n : 0;
            }
            row.add(count(total));
            row.add(total > 0 ? percent((double) domestic / total) : ReportFormat.NA);
            rows.add(row);
        }
        return new Table("table-chip-mix", "Servers installed in " + d.lastQuarter() + " by chip",
                headers, numericFrom(1, headers.size()), rows, null);
    }

    public static Table costPerRegion(ReportData d) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> perM = d.usdPerMillionByRegion();
        for (Map.Entry<String, Double> e : perM.entrySet()) {
            String r = e.getKey();
            Double cost = ReportFormat.number(d.summary().path("cost_by_region_usd").get(r));
            double served = 0;
            double unmet = 0;
            for (var n : d.summary().path("regions")) {
                if (n.path("region").asText().equals(r)) {
                    served = n.path("served_inferences").asDouble();
                    unmet = n.path("unmet_inferences").asDouble();
                }
            }
            rows.add(List.of(r, usdPerMillion(e.getValue()), cost == null ? ReportFormat.NA : usd(cost), count(served),
                    count(ReportThresholds.shown(unmet, served + unmet))));
        }
        return new Table("table-cost-per-region", "Cost per million inferences by region",
                List.of("region", "USD per M inferences", "cost attributed", "served inferences", "unmet inferences"),
                numericFrom(1, 5), rows, "Site costs are shared out by each region's share of busy servers there (spec).");
    }

    public static Table power(ReportData d) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, ReportData.SitePower> e : d.power().entrySet()) {
            ReportData.SitePower p = e.getValue();
            int n = d.quarters().size();
            double peakUsed = 0;
            double tightest = Double.NaN;
            String tightestQ = "";
            for (int q = 0; q < n; q++) {
                peakUsed = Math.max(peakUsed, p.usedMw()[q]);
                if (p.availableMw()[q] > 0) {
                    double share = p.usedMw()[q] / p.availableMw()[q];
                    if (Double.isNaN(tightest) || share > tightest) {
                        tightest = share;
                        tightestQ = d.quarters().get(q).toString();
                    }
                }
            }
            rows.add(List.of(e.getKey(), mw(p.availableMw()[0]), mw(p.availableMw()[n - 1]), mw(peakUsed),
                    mw(p.builtMw()[n - 1]),
                    Double.isNaN(tightest) ? ReportFormat.NA : percent(tightest) + " (" + tightestQ + ")"));
        }
        return new Table("table-power", "IT power per site: ceiling, use and the tightest quarter",
                List.of("site", "available " + d.quarters().get(0), "available " + d.lastQuarter(), "peak used",
                        "built " + d.lastQuarter(), "tightest used / available"),
                numericFrom(1, 6), rows, null);
    }

    public static Table utilisation(ReportData d) {
        List<String> headers = new ArrayList<>(List.of("site"));
        d.quarters().forEach(q -> headers.add(q.toString()));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, ReportData.SiteUtilisation> e : d.utilisation().entrySet()) {
            if (!e.getValue().hasServers()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            for (int q = 0; q < d.quarters().size(); q++) {
                double s = e.getValue().share(q);
                row.add(Double.isNaN(s) ? "–" : percent(s, 0));
            }
            rows.add(row);
        }
        return new Table("table-utilisation", "Busy / installed servers per site and quarter",
                headers, numericFrom(1, headers.size()), rows,
                "Busy servers = sum of flow_avg / throughput (average load); capacity is sized for the peak at the target utilisation.");
    }

    // ---------------------------------------------------------------- the plan tables (full)

    public static Table flows(PlanTables t) {
        List<List<String>> rows = new ArrayList<>();
        for (PlanTables.FlowRow r : t.flows()) {
            rows.add(List.of(r.region(), r.workload(), r.quarter().toString(), r.site(), r.chip(), ips(r.peakIps()),
                    ips(r.avgIps())));
        }
        return new Table("table-flows", "plan/flows.csv: demand served, by region, workload, quarter, site and chip",
                List.of("region", "workload", "quarter", "site", "chip", "peak", "average"), numericFrom(5, 7), rows, null);
    }

    public static Table servers(PlanTables t) {
        List<List<String>> rows = new ArrayList<>();
        for (PlanTables.ServerRow r : t.servers()) {
            rows.add(List.of(r.site(), r.chip(), r.quarter().toString(), r.orderQuarter().toString(), count(r.installed()),
                    count(r.added()), usd(r.capexUsd())));
        }
        return new Table("table-servers", "plan/servers.csv: servers installed and added (capex is cash, paid on "
                + "installation; added servers were ordered in the order quarter)",
                List.of("site", "chip", "quarter", "ordered in", "installed", "added", "capex"), numericFrom(4, 7), rows, null);
    }

    public static Table facility(PlanTables t) {
        List<List<String>> rows = new ArrayList<>();
        for (PlanTables.FacilityRow r : t.facility()) {
            rows.add(List.of(r.site(), r.quarter().toString(), mw(r.itMwBuilt()), mw(r.itMwUsed()), usd(r.capexUsd())));
        }
        return new Table("table-facility", "plan/facility.csv: IT MW built and used (capex is the cash paid in the "
                + "quarter, construction of MW usable later included)",
                List.of("site", "quarter", "IT built", "IT used", "capex"), numericFrom(2, 5), rows, null);
    }

    public static Table builds(PlanTables t) {
        List<List<String>> rows = new ArrayList<>();
        for (PlanTables.BuildRow r : t.builds()) {
            rows.add(List.of(r.site(), r.startQuarter().toString(), r.readyQuarter().toString(), mw(r.mw()),
                    usd(r.capexUsd())));
        }
        return new Table("table-builds", "plan/builds.csv: facility increments, from construction start to the quarter "
                + "their MW are ready (capex is the whole cash cost, paid over the construction quarters)",
                List.of("site", "construction from", "ready", "IT MW", "capex"), numericFrom(3, 5), rows, null);
    }

    /**
     * Unmet demand cells that are short by more than round-off: a cell whose unmet peak is under a
     * millionth of its own peak ({@link ReportThresholds#ROUND_OFF}, the evaluator's "short") is
     * LP round-off of the split, kept exactly in plan/unmet.csv and counted in the note instead of
     * listed.
     */
    public static Table unmet(PlanTables t, List<Evaluation.CellResult> cells) {
        Map<String, Double> peak = new HashMap<>();
        for (Evaluation.CellResult c : cells) {
            peak.put(c.region() + "\u0000" + c.workload() + "\u0000" + c.quarter(), c.peakIps());
        }
        List<List<String>> rows = new ArrayList<>();
        int tiny = 0;
        double tinySum = 0;
        for (PlanTables.UnmetRow r : t.unmet()) {
            double cellPeak = peak.getOrDefault(r.region() + "\u0000" + r.workload() + "\u0000" + r.quarter(), 0.0);
            if (ReportThresholds.isRoundOff(r.unmetPeakIps(), cellPeak)) {
                tiny++;
                tinySum += r.unmetInferences();
                continue;
            }
            rows.add(List.of(r.region(), r.workload(), r.quarter().toString(), ips(r.unmetPeakIps()),
                    count(r.unmetInferences())));
        }
        String note = tiny == 0 ? null : tiny + (tiny == 1 ? " cell" : " cells") + " with less than a millionth of " + (tiny == 1 ? "its" : "their") + " peak unmet ("
                + String.format(java.util.Locale.ROOT, "%.3g", tinySum) + " inferences in total, LP round-off of the split) "
                + (tiny == 1 ? "is" : "are") + " in plan/unmet.csv and not listed here.";
        return new Table("table-unmet", "plan/unmet.csv: demand not served",
                List.of("region", "workload", "quarter", "unmet peak", "unmet inferences"), numericFrom(3, 5), rows, note);
    }
}
