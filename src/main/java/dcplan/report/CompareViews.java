package dcplan.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The planner's views of several runs side by side ({@link CompareReport}): USD per million
 * inferences (and tokens) and USD attributed per workload and per region, servers by site and chip
 * in the last quarter, capex by year against the budget. In compare.csv each figure is a column
 * named {@code view.key} (for example {@code usd_per_million_inferences.workload.llm-chat},
 * {@code servers.paris / ppu}, {@code capex_usd.2027}); in compare.html each view is a table with
 * one column per run. Numbers in compare.csv are plain decimals at full precision ({@link #plain}).
 */
final class CompareViews {
    private CompareViews() {
    }

    /** A view: its CSV prefix, its HTML title, how to read it from a run and how to show a value. */
    private record View(String prefix, String title, Function<RunViews, Map<String, Double>> read,
                        Function<Double, String> format) {
    }

    private static final List<View> VIEWS = List.of(
            new View("usd_per_million_inferences.workload", "USD per million inferences by workload",
                    RunViews::usdPerMillionByWorkload, Html::usd4),
            new View("usd_per_million_tokens.workload", "USD per million tokens by workload",
                    RunViews::usdPerMillionTokensByWorkload, Html::usd4),
            new View("cost_usd.workload", "Cost attributed by workload (USD)", RunViews::costByWorkload, Html::usd),
            new View("usd_per_million_inferences.region", "USD per million inferences by region",
                    RunViews::usdPerMillionByRegion, Html::usd4),
            new View("cost_usd.region", "Cost attributed by region (USD)", RunViews::costByRegion, Html::usd),
            new View("servers", "Servers installed by site and chip in the last quarter", RunViews::serversBySiteChip,
                    Html::count),
            new View("capex_usd", "Capex cash by year (USD)", v -> byYear(v.capexByYear()), Html::usd),
            new View("budget_usd", "Capex budget by year (USD; empty: unlimited)", v -> byYear(v.budgetByYear()), Html::usd));

    /** The extra compare.csv columns, the union over the runs in view then first-seen order. */
    static List<String> columns(List<RunViews> runs) {
        List<String> out = new ArrayList<>();
        for (View v : VIEWS) {
            for (String key : keys(v, runs)) {
                out.add(v.prefix() + "." + key);
            }
        }
        return out;
    }

    /** One run's values for {@link #columns}, as plain text ("" where the run has none). */
    static List<String> values(RunViews run, List<RunViews> runs) {
        List<String> out = new ArrayList<>();
        for (View v : VIEWS) {
            Map<String, Double> values = v.read().apply(run);
            for (String key : keys(v, runs)) {
                out.add(plain(values.get(key)));
            }
        }
        return out;
    }

    /** The views as HTML tables, one column per run. */
    static String html(List<RunDigest> digests, List<RunViews> runs) {
        StringBuilder h = new StringBuilder();
        for (View v : VIEWS) {
            List<String> keys = keys(v, runs);
            if (keys.isEmpty()) {
                continue;
            }
            String id = "compare-" + v.prefix().replace('.', '-').replace('_', '-');
            h.append("<h2>").append(Html.esc(v.title())).append("</h2><table id=\"").append(id).append("\"><thead><tr><th></th>");
            digests.forEach(d -> h.append("<th>").append(Html.esc(d.label())).append("</th>"));
            h.append("</tr></thead><tbody>");
            for (String key : keys) {
                h.append("<tr><td>").append(Html.esc(key)).append("</td>");
                for (RunViews r : runs) {
                    Double x = v.read().apply(r).get(key);
                    h.append("<td>").append(x == null ? "" : Html.esc(v.format().apply(x))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</tbody></table>");
        }
        return h.toString();
    }

    private static List<String> keys(View v, List<RunViews> runs) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(v.read().apply(r).keySet()));
        return new ArrayList<>(keys);
    }

    private static Map<String, Double> byYear(Map<Integer, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((y, v) -> out.put(Integer.toString(y), v));
        return out;
    }

    /**
     * A number as a plain decimal, never in exponent form ({@code 693302959.9000635}, not
     * {@code 6.933029599000635E8}), with every digit that reads back to the same double; empty for
     * null, NaN or infinite.
     */
    static String plain(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        String s = BigDecimal.valueOf(v).toPlainString();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
