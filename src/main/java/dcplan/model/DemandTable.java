package dcplan.model;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The demand table {@code region, workload, quarter, peak_ips, avg_ips} as CSV. */
public final class DemandTable {
    public static final String[] HEADER = {"region", "workload", "quarter", "peak_ips", "avg_ips"};

    private DemandTable() {
    }

    /** Reads a demand CSV; throws InputException naming the file and row on bad input. */
    public static List<DemandCell> readCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": demand file not found");
        }
        List<String> problems = new ArrayList<>();
        List<DemandCell> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(r, format)) {
            for (String column : HEADER) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new InputException(file + ": missing column '" + column + "' (expected "
                            + String.join(", ", HEADER) + ")");
                }
            }
            for (CSVRecord rec : parser) {
                String at = file + ": row " + (rec.getRecordNumber() + 1);
                try {
                    double peak = Double.parseDouble(rec.get("peak_ips"));
                    double avg = Double.parseDouble(rec.get("avg_ips"));
                    if (!(peak >= 0) || !(avg >= 0) || Double.isInfinite(peak) || Double.isInfinite(avg)) {
                        problems.add(at + ": peak_ips and avg_ips must be finite and >= 0");
                        continue;
                    }
                    out.add(new DemandCell(rec.get("region"), rec.get("workload"),
                            Quarter.parse(rec.get("quarter")), peak, avg));
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": " + e.getMessage());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": cannot read as CSV (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    public static void writeCsv(List<DemandCell> cells, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (DemandCell c : cells) {
                p.printRecord(c.region(), c.workload(), c.quarter(), c.peakIps(), c.avgIps());
            }
        }
    }

    /**
     * Problems of a demand table against a model: unknown regions or workloads, quarters outside
     * the horizon, duplicate cells, avg above peak is allowed (a peak of 0 with avg > 0 is not).
     */
    public static List<String> validate(List<DemandCell> cells, PlanningModel model, String source) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Quarter> horizon = model.quarters();
        for (DemandCell c : cells) {
            String key = c.region() + "/" + c.workload() + "/" + c.quarter();
            String at = source + ": " + key;
            if (model.region(c.region()).isEmpty()) {
                problems.add(at + ": unknown region '" + c.region() + "'");
            }
            if (model.workload(c.workload()).isEmpty()) {
                problems.add(at + ": unknown workload '" + c.workload() + "'");
            }
            if (!horizon.contains(c.quarter())) {
                problems.add(at + ": quarter outside the horizon " + horizon.get(0) + ".." + horizon.get(horizon.size() - 1));
            }
            if (!seen.add(key)) {
                problems.add(at + ": duplicate cell");
            }
            if (c.peakIps() == 0 && c.avgIps() > 0) {
                problems.add(at + ": avg_ips > 0 with peak_ips 0");
            }
        }
        return problems;
    }
}
