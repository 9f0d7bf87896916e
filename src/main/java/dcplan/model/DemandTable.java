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
        if (FileKind.isParquet(file)) {
            throw new InputException(file + ": looks like Parquet, not CSV (it starts with Parquet's magic bytes): "
                    + "name it .parquet");
        }
        List<String> problems = new ArrayList<>();
        List<DemandCell> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(r, format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : HEADER) {
                if (!header.contains(column)) {
                    throw new InputException(file + ": missing column '" + column + "'" + misspelt(column, header)
                            + " (expected " + String.join(", ", HEADER) + ")");
                }
            }
            for (CSVRecord rec : parser) {
                String problem = problem(rec, header.size());
                if (problem != null) {
                    problems.add(file + ": row " + (rec.getRecordNumber() + 1) + ": " + problem);
                    continue;
                }
                out.add(new DemandCell(rec.get("region"), rec.get("workload"), Quarter.parse(rec.get("quarter")),
                        Double.parseDouble(rec.get("peak_ips")), Double.parseDouble(rec.get("avg_ips"))));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": cannot read as CSV (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    /** What is wrong with one CSV row, or null: its length, its quarter, its two numbers. */
    private static String problem(CSVRecord rec, int columns) {
        if (rec.size() != columns) {
            return rec.size() + " values, the header has " + columns
                    + (rec.size() > columns ? " (a comma inside a number? write 1.4, not 1,4)" : "");
        }
        try {
            Quarter.parse(rec.get("quarter"));
        } catch (IllegalArgumentException e) {
            return "quarter: " + e.getMessage();
        }
        for (String column : List.of("peak_ips", "avg_ips")) {
            String text = rec.get(column).trim();
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return column + ": must be a number, got '" + text + "'";
            }
            if (!(v >= 0) || Double.isInfinite(v)) {
                return column + ": must be finite and >= 0, got " + text;
            }
        }
        return null;
    }

    /** " (the header has 'peak_ip')" when a header column is a likely misspelling of {@code column}. */
    private static String misspelt(String column, List<String> header) {
        for (String h : header) {
            if (!List.of(HEADER).contains(h) && DidYouMean.closest(h, List.of(HEADER)).filter(column::equals).isPresent()) {
                return " (the header has '" + h + "': a misspelling of '" + column + "'?)";
            }
        }
        return "";
    }

    /** Refuses a demand table without rows: a plan of it would be the existing sites' idle cost, nothing more. */
    public static void requireRows(List<DemandCell> cells, String source) {
        if (cells.isEmpty()) {
            throw new InputException(source + ": no demand rows (the table has a header and nothing else; "
                    + "a plan needs at least one region, workload and quarter with demand)");
        }
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
     * the horizon, duplicate cells, a peak of 0 with avg > 0, avg above peak (the average is what
     * is served of the peak capacity, so it cannot exceed it; a relative 1e-9 is forgiven as the
     * round-off of the roll-up's mean of three months).
     */
    public static List<String> validate(List<DemandCell> cells, PlanningModel model, String source) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Quarter> horizon = model.quarters();
        List<String> regions = model.regions().stream().map(Region::id).toList();
        List<String> workloads = model.workloads().stream().map(Workload::id).toList();
        for (DemandCell c : cells) {
            String key = c.region() + "/" + c.workload() + "/" + c.quarter();
            String at = source + ": " + key;
            if (model.region(c.region()).isEmpty()) {
                problems.add(at + ": " + DidYouMean.unknown("region", c.region(), regions));
            }
            if (model.workload(c.workload()).isEmpty()) {
                problems.add(at + ": " + DidYouMean.unknown("workload", c.workload(), workloads));
            }
            if (!horizon.contains(c.quarter())) {
                problems.add(at + ": quarter outside the horizon " + horizon.get(0) + ".." + horizon.get(horizon.size() - 1));
            }
            if (!seen.add(key)) {
                problems.add(at + ": duplicate cell");
            }
            if (c.peakIps() == 0 && c.avgIps() > 0) {
                problems.add(at + ": avg_ips > 0 with peak_ips 0");
            } else if (c.avgIps() > c.peakIps() * (1 + AVG_ROUND_OFF)) {
                problems.add(at + ": avg_ips " + c.avgIps() + " is above peak_ips " + c.peakIps()
                        + " (the average served cannot exceed the peak the capacity is sized for)");
            }
        }
        return problems;
    }

    /** Relative excess of avg_ips over peak_ips forgiven as round-off. */
    static final double AVG_ROUND_OFF = 1e-9;
}
