package dcplan.report;

import dcplan.model.LeadTimes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.PlanTables;
import dcplan.plan.ReportThresholds;
import dcplan.plan.WhatIfTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows, gathered once for the HTML and the Markdown renderers. Headline figures,
 * capex by year, cost per region and the binding limits are read from the summary.json tree (so
 * the report prints exactly the run's numbers); per-site and per-quarter series are derived from
 * the plan tables ({@link Evaluation#tables()}, the same rows as {@code plan/*.csv}) and the model:
 * <ul>
 *   <li>capex by site and quarter: servers' {@code capex_usd} plus facility {@code capex_usd} (cash);</li>
 *   <li>chip mix: servers installed at each site in the horizon's last quarter, per chip;</li>
 *   <li>power: IT MW used and built ({@code facility.csv}) against the ceiling available, the
 *   site's existing MW before {@code expansion_ready} and {@code max_it_mw} from then on;</li>
 *   <li>utilisation: busy servers / installed servers per site and quarter, busy being
 *   {@code sum flow_avg / throughput} over the site's flows (all chips together);</li>
 *   <li>cash by quarter: servers' {@code capex_usd} and facility {@code capex_usd} (cash paid,
 *   construction included), summed over sites.</li>
 * </ul>
 * A what-if's report also has its {@code held.csv} and {@code stranded.csv} ({@code whatIf}, null
 * for a plan) and summary.json's {@code what_if}.
 */
public record ReportData(PlanningModel model, Evaluation evaluation, ObjectNode summary, List<String> explanation,
                         List<Quarter> quarters, Map<String, double[]> capexBySite,
                         Map<String, Map<String, Integer>> installedAtEnd, Map<String, SitePower> power,
                         Map<String, SiteUtilisation> utilisation, Cash cash, WhatIfTables whatIf) {

    /** Cash paid per quarter of the horizon: servers installed, facility construction (rule 5'). */
    public record Cash(double[] servers, double[] facility) {
        public double total(int q) {
            return servers[q] + facility[q];
        }
    }

    /** IT MW of one site per quarter of the horizon. */
    public record SitePower(double[] usedMw, double[] builtMw, double[] availableMw) {
    }

    /** Busy and installed servers of one site per quarter; share is NaN where none is installed. */
    public record SiteUtilisation(double[] busy, int[] installed) {
        public double share(int q) {
            return installed[q] > 0 ? busy[q] / installed[q] : Double.NaN;
        }

        public boolean hasServers() {
            for (int i : installed) {
                if (i > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    public ReportData {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }

    public static ReportData of(PlanningModel model, Evaluation ev, ObjectNode summary, List<String> explanation) {
        return of(model, ev, summary, explanation, null);
    }

    /** With a what-if's tables (null for a plan). */
    public static ReportData of(PlanningModel model, Evaluation ev, ObjectNode summary, List<String> explanation,
                                WhatIfTables whatIf) {
        List<Quarter> qs = model.quarters();
        int nQ = qs.size();
        Map<Quarter, Integer> qIx = new LinkedHashMap<>();
        for (int i = 0; i < nQ; i++) {
            qIx.put(qs.get(i), i);
        }
        PlanTables t = ev.tables();

        Map<String, double[]> capex = new LinkedHashMap<>();
        Map<String, SitePower> power = new LinkedHashMap<>();
        Map<String, SiteUtilisation> util = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> mix = new LinkedHashMap<>();
        Cash cash = new Cash(new double[nQ], new double[nQ]);
        for (Site s : model.sites()) {
            capex.put(s.id(), new double[nQ]);
            double[] available = new double[nQ];
            for (int q = 0; q < nQ; q++) {
                available[q] = LeadTimes.maxMwIn(s, model.policy(), qs.get(q));
            }
            power.put(s.id(), new SitePower(new double[nQ], new double[nQ], available));
            util.put(s.id(), new SiteUtilisation(new double[nQ], new int[nQ]));
            Map<String, Integer> chips = new LinkedHashMap<>();
            for (Chip c : model.chips()) {
                chips.put(c.id(), 0);
            }
            mix.put(s.id(), chips);
        }
        Quarter last = qs.get(nQ - 1);
        for (PlanTables.ServerRow r : t.servers()) {
            Integer q = qIx.get(r.quarter());
            if (q == null || !capex.containsKey(r.site())) {
                continue;
            }
            capex.get(r.site())[q] += r.capexUsd();
            cash.servers()[q] += r.capexUsd();
            util.get(r.site()).installed()[q] += r.installed();
            if (r.quarter().equals(last)) {
                mix.get(r.site()).merge(r.chip(), r.installed(), Integer::sum);
            }
        }
        for (PlanTables.FacilityRow r : t.facility()) {
            Integer q = qIx.get(r.quarter());
            if (q == null || !capex.containsKey(r.site())) {
                continue;
            }
            capex.get(r.site())[q] += r.capexUsd();
            cash.facility()[q] += r.capexUsd();
            power.get(r.site()).usedMw()[q] = r.itMwUsed();
            power.get(r.site()).builtMw()[q] = r.itMwBuilt();
        }
        for (PlanTables.FlowRow f : t.flows()) {
            Integer q = qIx.get(f.quarter());
            double thr = model.chip(f.chip()).map(c -> c.throughput(f.workload())).orElse(0.0);
            if (q == null || thr <= 0 || !util.containsKey(f.site())) {
                continue;
            }
            util.get(f.site()).busy()[q] += f.avgIps() / thr;
        }
        return new ReportData(model, ev, summary, explanation, qs, capex, mix, power, util, cash, whatIf);
    }

    // ---------------------------------------------------------------- summary.json readers

    public Double num(String field) {
        return ReportFormat.number(summary.get(field));
    }

    public Double cost(String term) {
        return ReportFormat.number(summary.path("cost_usd").get(term));
    }

    public boolean feasible() {
        return summary.path("feasible").asBoolean(false);
    }

    public String text(String field) {
        JsonNode n = summary.get(field);
        return n == null || n.isNull() ? ReportFormat.NA : n.asText();
    }

    /** capex_by_year rows of the summary. */
    public List<YearRow> capexByYear() {
        List<YearRow> out = new ArrayList<>();
        for (JsonNode y : summary.path("capex_by_year")) {
            out.add(new YearRow(y.path("year").asInt(), y.path("server_capex_usd").asDouble(),
                    y.path("facility_capex_usd").asDouble(), y.path("capex_usd").asDouble(),
                    ReportFormat.number(y.get("budget_usd"))));
        }
        return out;
    }

    /** A year's cash capex against its budget (null = unlimited). */
    public record YearRow(int year, double serverCapexUsd, double facilityCapexUsd, double capexUsd, Double budgetUsd) {
        public Double budgetShare() {
            return budgetUsd == null || budgetUsd <= 0 ? null : capexUsd / budgetUsd;
        }
    }

    /** usd_per_million_inferences_by_region of the summary, in its order; values may be null. */
    public Map<String, Double> usdPerMillionByRegion() {
        Map<String, Double> out = new LinkedHashMap<>();
        summary.path("usd_per_million_inferences_by_region").fields()
                .forEachRemaining(e -> out.put(e.getKey(), ReportFormat.number(e.getValue())));
        return out;
    }

    /** The binding limits' sentences of the summary, in its order. */
    public List<String> bindingSentences() {
        List<String> out = new ArrayList<>();
        for (JsonNode b : summary.path("binding_limits")) {
            out.add(b.path("sentence").asText());
        }
        return out;
    }

    /** Violations of the summary: constraint -> lines, only the constraints with lines. */
    public Map<String, List<String>> violations() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        summary.path("violations").fields().forEachRemaining(e -> {
            List<String> lines = new ArrayList<>();
            e.getValue().forEach(l -> lines.add(l.asText()));
            if (!lines.isEmpty()) {
                out.put(e.getKey(), lines);
            }
        });
        return out;
    }

    /** Short regions of the summary: region -> (unmet inferences, reasons). */
    public List<ShortRegion> shortRegions() {
        List<ShortRegion> out = new ArrayList<>();
        for (JsonNode r : summary.path("short_regions")) {
            List<String> reasons = new ArrayList<>();
            r.path("reasons").forEach(x -> reasons.add(x.asText()));
            out.add(new ShortRegion(r.path("region").asText(), r.path("unmet_inferences").asDouble(), reasons));
        }
        return out;
    }

    public record ShortRegion(String region, double unmetInferences, List<String> reasons) {
    }

    /** Total demand volume: served plus unmet inferences. */
    public double demandInferences() {
        double served = num("served_inferences") == null ? 0 : num("served_inferences");
        double unmet = num("unmet_inferences") == null ? 0 : num("unmet_inferences");
        return served + unmet;
    }

    /**
     * Unmet inferences as the report shows them: 0 when under a millionth of the demand volume
     * (LP round-off, {@link ReportThresholds}); summary.json keeps the exact figure.
     */
    public double unmetShown() {
        Double unmet = num("unmet_inferences");
        return unmet == null ? Double.NaN : ReportThresholds.shown(unmet, demandInferences());
    }

    /** summary.json's {@code what_if} (a what-if run), else a missing node. */
    public JsonNode whatIfSummary() {
        return summary.path("what_if");
    }

    public boolean isWhatIf() {
        return !whatIfSummary().isMissingNode();
    }

    /** The year's budget (USD) of capex_by_year, null when unlimited or the year is not there. */
    public Double budget(int year) {
        for (YearRow y : capexByYear()) {
            if (y.year() == year) {
                return y.budgetUsd();
            }
        }
        return null;
    }

    public Quarter lastQuarter() {
        return quarters.get(quarters.size() - 1);
    }
}
