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
 * What the comparison views need from a run folder, read from its files only: the summary's
 * headline figures and capex (cash) by site, chip and quarter from plan/servers.csv and
 * plan/facility.csv. Any folder that a plan run wrote can be compared, old or new. For a what-if,
 * {@code decidedUntil} (null when every quarter was re-planned, or for a plan) and
 * {@code whatIfMode} ("held" or "hindsight"; null for a plan) say how it was made.
 */
public record RunDigest(Path folder, String scenario, boolean feasible, double usdPerMillion,
                        double totalCostUsd, double serverCapexAmortized, double facilityCapexAmortized,
                        double energy, double servedInferences, double unmetInferences, Double lowerBoundUsd,
                        Map<String, Double> capexBySite, Map<String, Double> capexByChip,
                        Map<String, Double> capexByQuarter, Map<String, Double> unmetByRegion,
                        List<String> bindingLimits, String inputsSha256, String decidedUntil, String whatIfMode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a plan run folder, or a hedged run folder by its expected figures ({@link HedgedDigest}). */
    public static RunDigest read(Path folder) {
        if (HedgeRun.isHedged(folder)) {
            return HedgedDigest.digest(folder);
        }
        Path summary = folder.resolve("summary.json");
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(folder.resolve("plan/servers.csv"))) {
            throw new InputException(folder + ": not a run folder (expected summary.json and plan/servers.csv)");
        }
        try {
            JsonNode s = JSON.readTree(summary.toFile());
            Map<String, Double> bySite = new TreeMap<>();
            Map<String, Double> byChip = new TreeMap<>();
            Map<String, Double> byQuarter = new TreeMap<>();
            for (CSVRecord r : csv(folder.resolve("plan/servers.csv"))) {
                double capex = Double.parseDouble(r.get("capex_usd"));
                bySite.merge(r.get("site"), capex, Double::sum);
                byChip.merge(r.get("chip"), capex, Double::sum);
                byQuarter.merge(r.get("quarter"), capex, Double::sum);
            }
            for (CSVRecord r : csv(folder.resolve("plan/facility.csv"))) {
                double capex = Double.parseDouble(r.get("capex_usd"));
                bySite.merge(r.get("site"), capex, Double::sum);
                byChip.merge("facility MW", capex, Double::sum);
                byQuarter.merge(r.get("quarter"), capex, Double::sum);
            }
            Map<String, Double> unmetByRegion = new TreeMap<>();
            Path unmet = folder.resolve("plan/unmet.csv");
            if (Files.isRegularFile(unmet)) {
                for (CSVRecord r : csv(unmet)) {
                    unmetByRegion.merge(r.get("region"), Double.parseDouble(r.get("unmet_inferences")), Double::sum);
                }
            }
            List<String> limits = new ArrayList<>();
            s.path("binding_limits").forEach(b -> limits.add(b.path("sentence").asText()));
            JsonNode cost = s.path("cost_usd");
            return new RunDigest(folder, s.path("scenario").asText("base"), s.path("feasible").asBoolean(),
                    number(s.path("usd_per_million_inferences")), s.path("total_cost_usd").asDouble(),
                    cost.path("server_capex_amortized").asDouble(), cost.path("facility_capex_amortized").asDouble(),
                    cost.path("energy").asDouble(), s.path("served_inferences").asDouble(),
                    s.path("unmet_inferences").asDouble(),
                    s.hasNonNull("lower_bound_usd") ? s.get("lower_bound_usd").asDouble() : null,
                    bySite, byChip, byQuarter, unmetByRegion, limits, s.path("inputs_sha256").asText(null),
                    s.path("decided_until").asText(null), s.path("what_if").path("mode").asText(null));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException bad) {
                throw bad;
            }
            throw new InputException(folder + ": cannot read the run folder (" + e.getMessage() + ")");
        }
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    /** A short name for column headers: the scenario, or the folder's name. */
    public String label() {
        return scenario + " (" + folder.getFileName() + ")";
    }
}
