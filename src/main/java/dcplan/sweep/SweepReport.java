package dcplan.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The sweep's figures, computed from the result rows alone (pure; {@link SweepJob} writes them
 * as {@code sweep.md} and {@code sweep.json}): P10 / P50 / P90 of cost per inference, unmet
 * demand and total cost over the cases, and for each (site, chip) and each site how often and
 * how much it is built ("robust investments", defined in {@link SweepNotes}).
 *
 * <p>Percentiles are by linear interpolation between order statistics (Hyndman and Fan type 7,
 * the default of R, NumPy and Excel's PERCENTILE.INC): for sorted values x[0..n-1],
 * {@code h = (n - 1) p}, {@code P = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}.
 * Cases that failed (error) are left out of every figure and counted; a cost per inference is
 * left out where nothing was served (NaN).
 */
public record SweepReport(Map<String, Object> settings, int cases, Map<String, Integer> casesByKind, int errors,
                          int feasible, Percentiles usdPerMillion, Percentiles unmetInferences,
                          Percentiles unmetShare, Percentiles totalCostUsd, boolean buildsFixed,
                          List<Investment> investments, List<Facility> facilities, List<String> errorLines) {

    public record Percentiles(int n, double p10, double p50, double p90) {
        static Percentiles of(double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
            return new Percentiles(v.length, percentile(v, 0.10), percentile(v, 0.50), percentile(v, 0.90));
        }
    }

    /**
     * A (site, chip): in how many of the cases it is built ({@link SweepNotes#built}: at least
     * {@link SweepNotes#MIN_SERVERS} servers added), and how many servers (every case, zeros included).
     */
    public record Investment(String site, String chip, int casesBuilt, double builtShare, Percentiles serversAdded) {
        /** Built in at least {@link SweepNotes#ROBUST_SHARE} of the cases. */
        public boolean robust() {
            return SweepNotes.robust(builtShare);
        }
    }

    /**
     * A site: in how many cases it expands ({@link SweepNotes#expanded}: at least
     * {@link SweepNotes#MIN_IT_MW} MW), and by how many MW (every case, zeros included).
     */
    public record Facility(String site, int casesBuilt, double builtShare, Percentiles itMwAdded) {
        public boolean robust() {
            return SweepNotes.robust(builtShare);
        }
    }

    /** Type 7 percentile of sorted, finite values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static SweepReport of(List<SweepResult> results, Map<String, Object> settings) {
        List<SweepResult> ok = results.stream().filter(r -> r.error() == null).toList();
        Map<String, Integer> byKind = new TreeMap<>();
        results.forEach(r -> byKind.merge(r.kind(), 1, Integer::sum));
        List<String> errorLines = results.stream().filter(r -> r.error() != null)
                .map(r -> r.caseId() + " " + r.name() + ": " + r.error()).toList();
        boolean fixed = !ok.isEmpty() && ok.stream().allMatch(r -> r.kind().equals(SweepCase.Kind.FIXED_PLAN_EVAL.label()));

        Map<String, List<Double>> servers = new TreeMap<>();
        Map<String, List<Double>> mw = new TreeMap<>();
        for (SweepResult r : ok) {
            for (SweepResult.Build b : r.builds()) {
                if (b.isFacility()) {
                    mw.computeIfAbsent(b.site(), k -> new ArrayList<>()).add(b.itMwAdded());
                } else {
                    servers.computeIfAbsent(b.site() + "\u0000" + b.chip(), k -> new ArrayList<>()).add((double) b.serversAdded());
                }
            }
        }
        List<Investment> investments = new ArrayList<>();
        servers.forEach((k, v) -> {
            int built = (int) v.stream().filter(x -> SweepNotes.built(x.longValue())).count();
            if (built > 0) {
                String[] sc = k.split("\u0000", 2);
                investments.add(new Investment(sc[0], sc[1], built, (double) built / ok.size(),
                        Percentiles.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
            }
        });
        investments.sort(Comparator.comparingDouble(Investment::builtShare).reversed()
                .thenComparing(i -> -i.serversAdded().p50()).thenComparing(Investment::site).thenComparing(Investment::chip));
        List<Facility> facilities = new ArrayList<>();
        mw.forEach((site, v) -> {
            int built = (int) v.stream().filter(SweepNotes::expanded).count();
            if (built > 0) {
                facilities.add(new Facility(site, built, (double) built / ok.size(),
                        Percentiles.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
            }
        });
        facilities.sort(Comparator.comparingDouble(Facility::builtShare).reversed().thenComparing(Facility::site));

        return new SweepReport(new LinkedHashMap<>(settings), results.size(), byKind, errorLines.size(),
                (int) ok.stream().filter(SweepResult::feasible).count(),
                Percentiles.of(values(ok, SweepResult::usdPerMillion)),
                Percentiles.of(values(ok, SweepResult::unmetInferences)),
                Percentiles.of(values(ok, r -> {
                    double volume = r.servedInferences() + r.unmetInferences();
                    return volume > 0 ? r.unmetInferences() / volume : 0.0;
                })),
                Percentiles.of(values(ok, SweepResult::totalCostUsd)),
                fixed, investments, facilities, errorLines);
    }

    private static double[] values(List<SweepResult> rows, ToDoubleFunction<SweepResult> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    /** The kind of every case when they are all of one kind, else null. */
    public String kind() {
        return casesByKind.size() == 1 ? casesByKind.keySet().iterator().next() : null;
    }

    /** Warnings about reading the figures (few cases, scenarios as cases); see {@link SweepNotes}. */
    public List<String> warnings() {
        return SweepNotes.warnings(usdPerMillion.n(), kind());
    }

    /** The report for people: one screen, Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Sweep\n\n");
        settings.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append(String.format(Locale.ROOT, "%n%d cases (%s); %d feasible; %d failed%n%n", cases,
                String.join(", ", casesByKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()),
                feasible, errors));
        warnings().forEach(w -> b.append("> **Warning.** ").append(w).append("\n\n"));
        b.append("| over the cases | P10 | P50 | P90 |\n|---|---:|---:|---:|\n");
        row(b, "USD per million inferences", usdPerMillion, "%,.4f");
        row(b, "unmet inferences", unmetInferences, "%,.0f");
        row(b, "unmet share of demand", unmetShare, "%.4f");
        row(b, "total cost (USD)", totalCostUsd, "%,.0f");
        b.append('\n');
        List<String> reading = SweepNotes.reading(kind());
        if (!reading.isEmpty()) {
            b.append("## Reading these figures\n\n");
            reading.forEach(r -> b.append("- ").append(r).append('\n'));
            b.append('\n');
        }
        if (buildsFixed) {
            b.append("## Investments\n\nEvery case holds the given plan's servers and MW (fixed-plan evaluation): "
                    + "the figures above are that plan's risk under the sampled demand.\n");
        } else {
            investmentTables(b);
        }
        if (!errorLines.isEmpty()) {
            b.append("\n## Failed cases\n\n");
            errorLines.forEach(e -> b.append("- ").append(e).append('\n'));
        }
        return b.toString();
    }

    private void investmentTables(StringBuilder b) {
        b.append("## Investments (servers added by the horizon's end)\n\n").append(SweepNotes.robustDefinition())
                .append(" Server percentiles are over every case, zeros included.\n\n");
        b.append("| site | chip | built in | share | P10 | P50 | P90 | robust |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Investment i : investments) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f %% | %.0f | %.0f | %.0f | %s |%n", i.site(), i.chip(),
                    i.casesBuilt(), 100 * i.builtShare(), i.serversAdded().p10(), i.serversAdded().p50(),
                    i.serversAdded().p90(), i.robust() ? "yes" : ""));
        }
        if (investments.isEmpty()) {
            b.append("| (no servers added in any case) | | | | | | | |\n");
        }
        b.append("\n## Facility expansion (IT MW added by the horizon's end)\n\n");
        b.append("| site | built in | share | P10 | P50 | P90 | robust |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (Facility f : facilities) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.0f %% | %.2f | %.2f | %.2f | %s |%n", f.site(), f.casesBuilt(),
                    100 * f.builtShare(), f.itMwAdded().p10(), f.itMwAdded().p50(), f.itMwAdded().p90(),
                    f.robust() ? "yes" : ""));
        }
        if (facilities.isEmpty()) {
            b.append("| (no expansion in any case) | | | | | | |\n");
        }
    }

    private static void row(StringBuilder b, String label, Percentiles p, String format) {
        b.append("| ").append(label).append(" | ").append(fmt(format, p.p10())).append(" | ")
                .append(fmt(format, p.p50())).append(" | ").append(fmt(format, p.p90())).append(" |\n");
    }

    private static String fmt(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
    }

    /** The same figures as JSON (NaN written as null). */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings", settings);
        m.put("cases", cases);
        m.put("cases_by_kind", casesByKind);
        m.put("failed", errors);
        m.put("feasible", feasible);
        m.put("usd_per_million_inferences", json(usdPerMillion));
        m.put("unmet_inferences", json(unmetInferences));
        m.put("unmet_share", json(unmetShare));
        m.put("total_cost_usd", json(totalCostUsd));
        m.put("warnings", warnings());
        m.put("reading", SweepNotes.reading(kind()));
        Map<String, Object> definitions = new LinkedHashMap<>();
        definitions.put("built_min_servers", SweepNotes.MIN_SERVERS);
        definitions.put("built_min_it_mw", SweepNotes.MIN_IT_MW);
        definitions.put("robust_min_share", SweepNotes.ROBUST_SHARE);
        definitions.put("small_sample_below", SweepNotes.SMALL_SAMPLE);
        definitions.put("text", SweepNotes.robustDefinition());
        m.put("definitions", definitions);
        m.put("builds_fixed", buildsFixed);
        List<Object> inv = new ArrayList<>();
        for (Investment i : investments) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("site", i.site());
            e.put("chip", i.chip());
            e.put("cases_built", i.casesBuilt());
            e.put("built_share", i.builtShare());
            e.put("servers_added", json(i.serversAdded()));
            e.put("robust", i.robust());
            inv.add(e);
        }
        m.put("investments", inv);
        List<Object> fac = new ArrayList<>();
        for (Facility f : facilities) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("site", f.site());
            e.put("cases_built", f.casesBuilt());
            e.put("built_share", f.builtShare());
            e.put("it_mw_added", json(f.itMwAdded()));
            e.put("robust", f.robust());
            fac.add(e);
        }
        m.put("facilities", fac);
        m.put("errors", errorLines);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(Percentiles p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", p.n());
        m.put("p10", finite(p.p10()));
        m.put("p50", finite(p.p50()));
        m.put("p90", finite(p.p90()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
