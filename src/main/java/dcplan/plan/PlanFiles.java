package dcplan.plan;

import dcplan.model.InputException;
import dcplan.model.Quarter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plan back from a run folder's {@code plan/flows.csv}, {@code plan/servers.csv} and
 * {@code plan/facility.csv} (the demand is {@code DemandTable.readCsv(run.resolve("demand.csv"))}),
 * so a plan can be re-evaluated from files alone. Every problem is collected and thrown as one
 * {@link InputException} naming the file and row.
 */
public final class PlanFiles {
    private PlanFiles() {
    }

    public static Plan read(Path runFolder) {
        Path dir = runFolder.resolve("plan");
        List<String> problems = new ArrayList<>();
        List<Plan.Flow> flows = new ArrayList<>();
        Map<Plan.SiteChipQuarter, Integer> installed = new LinkedHashMap<>();
        Map<Plan.SiteQuarter, Double> built = new LinkedHashMap<>();

        read(dir.resolve("flows.csv"), PlanTables.FLOWS_HEADER, problems, (rec, at) -> flows.add(new Plan.Flow(
                rec.get("region"), rec.get("workload"), Quarter.parse(rec.get("quarter")), rec.get("site"), rec.get("chip"),
                finite(rec.get("peak_ips")), finite(rec.get("avg_ips")))));
        // order_quarter (contract version 2) is derived from the model, so not needed: old folders load
        read(dir.resolve("servers.csv"), PlanTables.SERVERS_V1_HEADER, problems, (rec, at) -> {
            Plan.SiteChipQuarter k = new Plan.SiteChipQuarter(rec.get("site"), rec.get("chip"), Quarter.parse(rec.get("quarter")));
            int n = Integer.parseInt(rec.get("installed").trim());
            if (installed.put(k, n) != null) {
                problems.add(at + ": duplicate row for " + k.site() + "/" + k.chip() + "/" + k.quarter());
            }
        });
        read(dir.resolve("facility.csv"), PlanTables.FACILITY_HEADER, problems, (rec, at) -> {
            Plan.SiteQuarter k = new Plan.SiteQuarter(rec.get("site"), Quarter.parse(rec.get("quarter")));
            if (built.put(k, finite(rec.get("it_mw_built"))) != null) {
                problems.add(at + ": duplicate row for " + k.site() + "/" + k.quarter());
            }
        });
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return new Plan(flows, installed, built);
    }

    private static double finite(String text) {
        double v = Double.parseDouble(text.trim());
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number");
        }
        return v;
    }

    private interface RowReader {
        void read(CSVRecord rec, String at);
    }

    private static void read(Path file, String[] header, List<String> problems, RowReader rows) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": file not found");
            return;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(r, format)) {
            for (String column : header) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    problems.add(file + ": missing column '" + column + "' (expected " + String.join(", ", header) + ")");
                    return;
                }
            }
            for (CSVRecord rec : parser) {
                String at = file + ": row " + (rec.getRecordNumber() + 1);
                try {
                    rows.read(rec, at);
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": " + e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add(file + ": cannot read as CSV (" + e.getMessage() + ")");
        }
    }
}
