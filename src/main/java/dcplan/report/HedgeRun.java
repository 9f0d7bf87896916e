package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcplan.model.InputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hedged run folder (contract "Hedged plans"), read from its files only: the top summary.json,
 * commitments.csv, and each future's {@code scenarios/<name>/summary.json}, {@code plan/servers.csv}
 * and {@code plan/builds.csv}. Nothing is re-planned or re-evaluated: the report and the
 * comparison print the run's own figures.
 *
 * @param summary     the top summary.json
 * @param futures     in summary.json's order
 * @param commitments commitments.csv's rows, each with when it must be decided and its cash cost
 *                    as the central future's plan gives them
 */
public record HedgeRun(Path folder, JsonNode summary, List<Future> futures, List<Commitment> commitments) {
    public static final String COMMITMENTS = "commitments.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A plan's figures: as summary.json gives them under {@code expected}, a future's {@code alone}
     * and {@code central_kept}, or a future's own summary. {@code feasible} is null where not given;
     * {@code note} is empty where none.
     */
    public record Figures(double servedInferences, double unmetInferences, double totalCostUsd, Double usdPerMillion,
                          Boolean feasible, String note) {

        /** The figures of a summary.json object; null when the object is missing or JSON null. */
        static Figures of(JsonNode n) {
            if (n == null || n.isMissingNode() || n.isNull()) {
                return null;
            }
            return new Figures(n.path("served_inferences").asDouble(), n.path("unmet_inferences").asDouble(),
                    number(n.get("total_cost_usd")), ReportFormat.number(n.get("usd_per_million_inferences")),
                    n.hasNonNull("feasible") ? n.get("feasible").asBoolean() : null, n.path("note").asText(""));
        }
    }

    /**
     * One future of the hedge.
     *
     * @param hedged       its plan under the hedge (its folder's summary.json)
     * @param alone        its own best plan made alone, null when not given
     * @param centralKept  its plan keeping the central future's commitments, null when not given
     * @param serversAfter servers it orders from the decision quarter on, by "site / chip"
     * @param mwAfter      facility MW it starts building from the decision quarter on, by site
     */
    public record Future(String name, double probability, Path folder, Figures hedged, Figures alone,
                         Figures centralKept, Map<String, Double> serversAfter, Map<String, Double> mwAfter) {
    }

    /**
     * One shared commitment (a commitments.csv row). {@code decidedIn} is when it must be decided:
     * the servers' order quarter, the MW's construction start (the row's quarter when the central
     * plan does not say); {@code capexUsd} its cash cost (NaN when the central plan does not say).
     */
    public record Commitment(String kind, String site, String chip, String quarter, double added, double mw,
                             String decidedIn, double capexUsd) {
        public boolean isServer() {
            return "server".equals(kind);
        }
    }

    /** Whether {@code folder} holds a hedged run (its summary.json says {@code "hedged": true}). */
    public static boolean isHedged(Path folder) {
        Path file = folder.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return JSON.readTree(file.toFile()).path("hedged").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a hedged run folder; {@link InputException} names the file (and row or key) that is wrong. */
    public static HedgeRun read(Path folder) {
        JsonNode s = json(folder.resolve("summary.json"));
        if (!s.path("hedged").asBoolean(false)) {
            throw new InputException(folder.resolve("summary.json") + ": not a hedged run (expected \"hedged\": true)");
        }
        String decided = s.path("decided_until").asText("");
        List<Future> futures = new ArrayList<>();
        for (JsonNode f : s.path("scenarios")) {
            String name = f.path("name").asText();
            Path dir = folder.resolve(f.path("folder").asText("scenarios/" + name));
            Figures hedged = Figures.of(json(dir.resolve("summary.json")));
            futures.add(new Future(name, f.path("probability").asDouble(), dir, hedged, Figures.of(f.get("alone")),
                    Figures.of(f.get("central_kept")), serversAfter(dir, decided), mwAfter(dir, decided)));
        }
        if (futures.isEmpty()) {
            throw new InputException(folder.resolve("summary.json") + ": key 'scenarios' lists no future");
        }
        HedgeRun partial = new HedgeRun(folder, s, List.copyOf(futures), List.of());
        return new HedgeRun(folder, s, partial.futures(), commitments(folder, partial.centralFuture().folder()));
    }

    // ---------------------------------------------------------------- top summary.json readers

    public String text(String field) {
        JsonNode n = summary.get(field);
        return n == null || n.isNull() ? ReportFormat.NA : n.asText();
    }

    public Double num(String path) {
        return ReportFormat.number(summary.at(path));
    }

    public Figures expected() {
        return Figures.of(summary.get("expected"));
    }

    public Figures expectedAlone() {
        return Figures.of(summary.get("expected_alone"));
    }

    public Figures expectedCentralKept() {
        return Figures.of(summary.get("expected_central_kept"));
    }

    public boolean feasible() {
        return summary.path("feasible").asBoolean(false);
    }

    public Future centralFuture() {
        String central = summary.path("central").asText();
        return futures.stream().filter(f -> f.name().equals(central)).findFirst().orElse(futures.get(0));
    }

    // ---------------------------------------------------------------- the files

    /** commitments.csv, each row with its decision quarter and cash from the central future's plan. */
    private static List<Commitment> commitments(Path folder, Path central) {
        Map<String, String[]> servers = new TreeMap<>(); // site|chip|quarter -> order quarter, capex
        for (CSVRecord r : csv(central.resolve("plan/servers.csv"), false)) {
            servers.put(r.get("site") + "|" + r.get("chip") + "|" + r.get("quarter"),
                    new String[]{optional(r, "order_quarter", r.get("quarter")), r.get("capex_usd")});
        }
        Map<String, String[]> builds = new TreeMap<>(); // site|ready quarter -> start quarter, capex
        for (CSVRecord r : csv(central.resolve("plan/builds.csv"), true)) {
            builds.put(r.get("site") + "|" + r.get("ready_quarter"), new String[]{r.get("start_quarter"), r.get("capex_usd")});
        }
        Path file = folder.resolve(COMMITMENTS);
        List<Commitment> out = new ArrayList<>();
        for (CSVRecord r : csv(file, false)) {
            try {
                boolean server = r.get("kind").equals("server");
                if (!server && !r.get("kind").equals("facility")) {
                    throw new IllegalArgumentException("kind '" + r.get("kind") + "' is neither server nor facility");
                }
                String[] at = server ? servers.get(r.get("site") + "|" + r.get("chip") + "|" + r.get("quarter"))
                        : builds.get(r.get("site") + "|" + r.get("quarter"));
                out.add(new Commitment(r.get("kind"), r.get("site"), r.get("chip"), r.get("quarter"),
                        server ? Double.parseDouble(r.get("added")) : 0, server ? 0 : Double.parseDouble(r.get("mw")),
                        at == null ? r.get("quarter") : at[0], at == null ? Double.NaN : Double.parseDouble(at[1])));
            } catch (RuntimeException e) {
                throw new InputException(file + ": row " + r.getRecordNumber() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Servers a future orders from {@code decided} on (order quarter, else installation quarter), by "site / chip". */
    private static Map<String, Double> serversAfter(Path dir, String decided) {
        Map<String, Double> out = new TreeMap<>();
        for (CSVRecord r : csv(dir.resolve("plan/servers.csv"), false)) {
            double added = Double.parseDouble(r.get("added"));
            if (added > 0 && optional(r, "order_quarter", r.get("quarter")).compareTo(decided) >= 0) {
                out.merge(r.get("site") + " / " + r.get("chip"), added, Double::sum);
            }
        }
        return out;
    }

    /** Facility MW a future starts building from {@code decided} on, by site (none before builds.csv existed). */
    private static Map<String, Double> mwAfter(Path dir, String decided) {
        Map<String, Double> out = new TreeMap<>();
        for (CSVRecord r : csv(dir.resolve("plan/builds.csv"), true)) {
            double mw = Double.parseDouble(r.get("mw"));
            if (mw > 0 && r.get("start_quarter").compareTo(decided) >= 0) {
                out.merge(r.get("site"), mw, Double::sum);
            }
        }
        return out;
    }

    private static String optional(CSVRecord r, String column, String otherwise) {
        return r.isMapped(column) && !r.get(column).isEmpty() ? r.get(column) : otherwise;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": missing (a hedged run folder has summary.json, commitments.csv and "
                    + "scenarios/<name>/ per future)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static List<CSVRecord> csv(Path file, boolean optional) {
        if (optional && !Files.isRegularFile(file)) {
            return List.of();
        }
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
