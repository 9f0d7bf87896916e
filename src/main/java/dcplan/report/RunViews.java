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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planner's views of a run folder that the diff and the comparison line up, read from its
 * files only: cost per region and per workload (summary.json; USD attributed and USD per million
 * inferences, per million tokens where the workload gives tokens), servers installed in the
 * horizon's last quarter by site and chip (plan/servers.csv) and capex cash by year against the
 * budget (summary.json {@code capex_by_year}). A folder written before a view existed gives an
 * empty map for it; maps keep summary.json's order (model order), sites and chips are sorted.
 *
 * @param budgetByYear the year's budget, null when unlimited
 * @param demandInferences served plus unmet inferences, the whole that round-off is measured against
 */
public record RunViews(Map<String, Double> costByRegion, Map<String, Double> usdPerMillionByRegion,
                       Map<String, Double> costByWorkload, Map<String, Double> usdPerMillionByWorkload,
                       Map<String, Double> usdPerMillionTokensByWorkload, String lastQuarter,
                       Map<String, Double> serversBySiteChip, Map<Integer, Double> capexByYear,
                       Map<Integer, Double> budgetByYear, double demandInferences) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the views of {@code folder} (a run folder; {@link RunDigest#read} checks it is one), or
     * of a hedged run folder in expectation ({@link HedgedDigest}).
     */
    public static RunViews read(Path folder) {
        if (HedgeRun.isHedged(folder)) {
            return HedgedDigest.views(folder);
        }
        try {
            JsonNode s = JSON.readTree(folder.resolve("summary.json").toFile());
            Map<String, Double> costByWorkload = new LinkedHashMap<>();
            s.path("cost_by_workload").forEach(w -> costByWorkload.put(w.path("workload").asText(), w.path("cost_usd").asDouble()));
            Map<Integer, Double> capex = new LinkedHashMap<>();
            Map<Integer, Double> budget = new LinkedHashMap<>();
            for (JsonNode y : s.path("capex_by_year")) {
                capex.put(y.path("year").asInt(), y.path("capex_usd").asDouble());
                budget.put(y.path("year").asInt(), ReportFormat.number(y.get("budget_usd")));
            }
            Map<String, Double> servers = new TreeMap<>();
            String last = lastQuarterServers(folder.resolve("plan/servers.csv"), servers);
            return new RunViews(numbers(s.path("cost_by_region_usd")), numbers(s.path("usd_per_million_inferences_by_region")),
                    costByWorkload, numbers(s.path("usd_per_million_inferences_by_workload")),
                    numbers(s.path("usd_per_million_tokens_by_workload")), last, servers, capex, budget,
                    s.path("served_inferences").asDouble() + s.path("unmet_inferences").asDouble());
        } catch (IOException | RuntimeException e) {
            throw new InputException(folder + ": cannot read the run folder's summary.json and plan/servers.csv ("
                    + e.getMessage() + ")");
        }
    }

    /** A JSON object of numbers as a map; JSON null (nothing served) reads as NaN. */
    private static Map<String, Double> numbers(JsonNode o) {
        Map<String, Double> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            Double v = ReportFormat.number(e.getValue());
            out.put(e.getKey(), v == null ? Double.NaN : v);
        });
        return out;
    }

    /** Servers installed in the last quarter servers.csv lists, by "site / chip"; returns that quarter (null: none). */
    private static String lastQuarterServers(Path file, Map<String, Double> out) throws IOException {
        Map<String, Map<String, Double>> byQuarter = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                byQuarter.computeIfAbsent(rec.get("quarter"), k -> new TreeMap<>())
                        .merge(rec.get("site") + " / " + rec.get("chip"), Double.parseDouble(rec.get("installed")), Double::sum);
            }
        }
        if (byQuarter.isEmpty()) {
            return null;
        }
        String last = ((TreeMap<String, Map<String, Double>>) byQuarter).lastKey();
        out.putAll(byQuarter.get(last));
        return last;
    }
}
