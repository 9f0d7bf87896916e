package dcplan.sweep;

import dcplan.model.InputException;
import dcplan.model.Quarter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Monte Carlo sample needs per (region, workload, quarter): for each of the quarter's
 * three months the forecasters' median {@code mu} (sum of p50), the spread {@code sigma} and the
 * average {@code avg}, from the roll-up's monthly stats ({@code demand_stats}: mu, s1, s2, avg,
 * rows per region, workload, month) and the contract's aggregation:
 * {@code sigma = sqrt((1 - rho) * S2 + rho * S1^2)}. A month with no rows is mu = sigma = avg = 0,
 * as in the roll-up. Pure data: no Spark; the stats arrive as CSV text ({@link #STATS_HEADER}).
 */
public record DemandDistribution(double rho, List<Cell> cells) {
    /** Columns of {@code demand_stats.csv}, as the roll-up's {@code demand_stats.parquet}. */
    public static final String[] STATS_HEADER = {"region", "workload", "month", "mu", "s1", "s2", "avg", "rows"};

    public DemandDistribution {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be within [0, 1], got " + rho);
        }
        cells = List.copyOf(cells);
    }

    /** One month of a cell: sampled peak = max(0, mu + sigma * z); avg scales with it. */
    public record Month(double mu, double sigma, double avg) {
        static final Month EMPTY = new Month(0, 0, 0);
    }

    /** One demand cell: its three months in calendar order. */
    public record Cell(String region, String workload, Quarter quarter, List<Month> months) {
        public Cell {
            months = List.copyOf(months);
            if (months.size() != 3) {
                throw new IllegalArgumentException("a quarter has 3 months, got " + months.size());
            }
        }
    }

    /** One row of the roll-up's monthly stats. */
    public record MonthStats(String region, String workload, LocalDate month, double mu, double s1, double s2,
                             double avg, long rows) {
    }

    /**
     * The distribution of the cells of {@code horizon} (quarters outside it are dropped, like
     * the planner drops them) at correlation {@code rho}, sorted by region, workload, quarter.
     */
    public static DemandDistribution of(List<MonthStats> stats, double rho, List<Quarter> horizon) {
        record Key(String region, String workload, Quarter quarter) {
        }
        Map<Key, Month[]> byCell = new TreeMap<>(Comparator.comparing(Key::region).thenComparing(Key::workload)
                .thenComparing(Key::quarter));
        for (MonthStats s : stats) {
            Quarter q = Quarter.ofMonth(s.month().getYear(), s.month().getMonthValue());
            if (!horizon.contains(q)) {
                continue;
            }
            Month[] months = byCell.computeIfAbsent(new Key(s.region(), s.workload(), q), k -> {
                Month[] m = new Month[3];
                java.util.Arrays.fill(m, Month.EMPTY);
                return m;
            });
            int i = (s.month().getMonthValue() - 1) % 3;
            double sigma = Math.sqrt(Math.max(0.0, (1 - rho) * s.s2() + rho * s.s1() * s.s1()));
            months[i] = new Month(s.mu(), sigma, s.avg());
        }
        List<Cell> cells = new ArrayList<>();
        byCell.forEach((k, m) -> cells.add(new Cell(k.region(), k.workload(), k.quarter(), List.of(m))));
        return new DemandDistribution(rho, cells);
    }

    /** Reads {@code demand_stats.csv} text; {@code source} names it in errors. */
    public static List<MonthStats> parseStatsCsv(String text, String source) {
        List<MonthStats> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (String column : STATS_HEADER) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new InputException(source + ": missing column '" + column + "' (expected "
                            + String.join(", ", STATS_HEADER) + ")");
                }
            }
            for (CSVRecord r : parser) {
                try {
                    MonthStats s = new MonthStats(r.get("region"), r.get("workload"), LocalDate.parse(r.get("month")),
                            Double.parseDouble(r.get("mu")), Double.parseDouble(r.get("s1")),
                            Double.parseDouble(r.get("s2")), Double.parseDouble(r.get("avg")),
                            Long.parseLong(r.get("rows")));
                    if (!(Double.isFinite(s.mu()) && Double.isFinite(s.s1()) && Double.isFinite(s.s2())
                            && Double.isFinite(s.avg()))) {
                        throw new IllegalArgumentException("values must be finite numbers");
                    }
                    out.add(s);
                } catch (RuntimeException e) {
                    problems.add(source + ": row " + (r.getRecordNumber() + 1) + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new InputException(source + ": cannot read as CSV (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    /** {@code demand_stats.csv} text, sorted by region, workload, month; full double precision. */
    public static String statsCsv(List<MonthStats> stats) {
        List<MonthStats> sorted = new ArrayList<>(stats);
        sorted.sort(Comparator.comparing(MonthStats::region).thenComparing(MonthStats::workload)
                .thenComparing(MonthStats::month));
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(STATS_HEADER).get())) {
            for (MonthStats s : sorted) {
                p.printRecord(s.region(), s.workload(), s.month(), Double.toString(s.mu()), Double.toString(s.s1()),
                        Double.toString(s.s2()), Double.toString(s.avg()), s.rows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
