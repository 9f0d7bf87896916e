package dcplan.plan;

import dcplan.model.Quarter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan tables of a run folder, with exactly the spec's columns: {@code plan/flows},
 * {@code plan/servers}, {@code plan/facility}, {@code plan/unmet} and (contract version 2)
 * {@code plan/builds}, as CSV and as Parquet. Numbers are written at full precision
 * ({@link Double#toString}, which reads back to the same double), never rounded.
 *
 * <p>Version 2 appends {@code order_quarter} as the LAST column of servers, so a version-1
 * reader (by name or by position) still finds every column it knows where it was;
 * {@link #SERVERS_V1_HEADER} is what any run folder, old or new, has.
 */
public record PlanTables(List<FlowRow> flows, List<ServerRow> servers, List<FacilityRow> facility,
                         List<UnmetRow> unmet, List<BuildRow> builds) {

    public static final String[] FLOWS_HEADER = {"region", "workload", "quarter", "site", "chip", "peak_ips", "avg_ips"};
    /** The servers columns of a version-1 run folder (without order_quarter), required when reading back. */
    public static final String[] SERVERS_V1_HEADER = {"site", "chip", "quarter", "installed", "added", "capex_usd"};
    public static final String[] SERVERS_HEADER = {"site", "chip", "quarter", "installed", "added", "capex_usd", "order_quarter"};
    public static final String[] FACILITY_HEADER = {"site", "quarter", "it_mw_built", "it_mw_used", "capex_usd"};
    public static final String[] UNMET_HEADER = {"region", "workload", "quarter", "unmet_peak_ips", "unmet_inferences"};
    public static final String[] BUILDS_HEADER = {"site", "start_quarter", "ready_quarter", "mw", "capex_usd"};

    public PlanTables {
        flows = List.copyOf(flows);
        servers = List.copyOf(servers);
        facility = List.copyOf(facility);
        unmet = List.copyOf(unmet);
        builds = List.copyOf(builds);
    }

    /** A flow > 0: peak ips of a region's workload served by a chip at a site, and its average. */
    public record FlowRow(String region, String workload, Quarter quarter, String site, String chip,
                          double peakIps, double avgIps) {
    }

    /**
     * Servers installed > 0; added = installed minus the previous quarter's (existing before the
     * horizon); capex_usd = added * price (cash, paid in the quarter installed); order_quarter =
     * quarter - order_lead_quarters, when the added servers were ordered.
     */
    public record ServerRow(String site, String chip, Quarter quarter, int installed, int added, double capexUsd,
                            Quarter orderQuarter) {
        /** A row of a chip ordered in the quarter it is installed (order_lead_quarters 0, version 1). */
        public ServerRow(String site, String chip, Quarter quarter, int installed, int added, double capexUsd) {
            this(site, chip, quarter, installed, added, capexUsd, quarter);
        }
    }

    /**
     * Every site and quarter: IT MW built, used (sum installed * kW / 1000) and the cash PAID for
     * facility MW in that quarter, construction of MW usable later included (rule 5').
     */
    public record FacilityRow(String site, Quarter quarter, double itMwBuilt, double itMwUsed, double capexUsd) {
    }

    /**
     * One facility increment {@code dM[s,q] != 0}: {@code mw} usable from {@code readyQuarter},
     * construction from {@code startQuarter = ready - build_quarters}; {@code capexUsd} its whole
     * cash cost (paid over start ... ready - 1, or in ready when build_quarters is 0). A fall of M
     * (infeasible) is a negative row, so the builds add up to the facility cash.
     */
    public record BuildRow(String site, Quarter startQuarter, Quarter readyQuarter, double mw, double capexUsd) {
    }

    /** A demand cell with unmet peak > 0. */
    public record UnmetRow(String region, String workload, Quarter quarter, double unmetPeakIps,
                           double unmetInferences) {
    }

    /** Full-precision text of a double, the form every table uses. */
    public static String num(double v) {
        return Double.toString(v);
    }

    // ---------------------------------------------------------------- CSV

    /** Writes flows.csv, servers.csv, facility.csv, unmet.csv and builds.csv into {@code dir}. */
    public void writeCsv(Path dir) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (FlowRow r : flows) {
            rows.add(List.of(r.region(), r.workload(), r.quarter().toString(), r.site(), r.chip(),
                    num(r.peakIps()), num(r.avgIps())));
        }
        csv(dir.resolve("flows.csv"), FLOWS_HEADER, rows);
        rows.clear();
        for (ServerRow r : servers) {
            rows.add(List.of(r.site(), r.chip(), r.quarter().toString(), Integer.toString(r.installed()),
                    Integer.toString(r.added()), num(r.capexUsd()), r.orderQuarter().toString()));
        }
        csv(dir.resolve("servers.csv"), SERVERS_HEADER, rows);
        rows.clear();
        for (FacilityRow r : facility) {
            rows.add(List.of(r.site(), r.quarter().toString(), num(r.itMwBuilt()), num(r.itMwUsed()),
                    num(r.capexUsd())));
        }
        csv(dir.resolve("facility.csv"), FACILITY_HEADER, rows);
        rows.clear();
        for (UnmetRow r : unmet) {
            rows.add(List.of(r.region(), r.workload(), r.quarter().toString(), num(r.unmetPeakIps()),
                    num(r.unmetInferences())));
        }
        csv(dir.resolve("unmet.csv"), UNMET_HEADER, rows);
        rows.clear();
        for (BuildRow r : builds) {
            rows.add(List.of(r.site(), r.startQuarter().toString(), r.readyQuarter().toString(), num(r.mw()),
                    num(r.capexUsd())));
        }
        csv(dir.resolve("builds.csv"), BUILDS_HEADER, rows);
    }

    private static void csv(Path file, String[] header, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
    }

    // ---------------------------------------------------------------- Parquet

    public static final MessageType FLOWS_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("region")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("workload")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("quarter")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("site")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("chip")
            .required(PrimitiveTypeName.DOUBLE).named("peak_ips")
            .required(PrimitiveTypeName.DOUBLE).named("avg_ips")
            .named("flows");

    public static final MessageType SERVERS_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("site")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("chip")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("quarter")
            .required(PrimitiveTypeName.INT32).named("installed")
            .required(PrimitiveTypeName.INT32).named("added")
            .required(PrimitiveTypeName.DOUBLE).named("capex_usd")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("order_quarter")
            .named("servers");

    public static final MessageType FACILITY_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("site")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("quarter")
            .required(PrimitiveTypeName.DOUBLE).named("it_mw_built")
            .required(PrimitiveTypeName.DOUBLE).named("it_mw_used")
            .required(PrimitiveTypeName.DOUBLE).named("capex_usd")
            .named("facility");

    public static final MessageType UNMET_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("region")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("workload")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("quarter")
            .required(PrimitiveTypeName.DOUBLE).named("unmet_peak_ips")
            .required(PrimitiveTypeName.DOUBLE).named("unmet_inferences")
            .named("unmet");

    public static final MessageType BUILDS_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("site")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("start_quarter")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("ready_quarter")
            .required(PrimitiveTypeName.DOUBLE).named("mw")
            .required(PrimitiveTypeName.DOUBLE).named("capex_usd")
            .named("builds");

    /** Writes flows.parquet, servers.parquet, facility.parquet, unmet.parquet and builds.parquet into {@code dir}. */
    public void writeParquet(Path dir) throws IOException {
        try (ParquetWriter<Group> w = parquet(dir.resolve("flows.parquet"), FLOWS_SCHEMA)) {
            SimpleGroupFactory f = new SimpleGroupFactory(FLOWS_SCHEMA);
            for (FlowRow r : flows) {
                w.write(f.newGroup().append("region", r.region()).append("workload", r.workload())
                        .append("quarter", r.quarter().toString()).append("site", r.site()).append("chip", r.chip())
                        .append("peak_ips", r.peakIps()).append("avg_ips", r.avgIps()));
            }
        }
        try (ParquetWriter<Group> w = parquet(dir.resolve("servers.parquet"), SERVERS_SCHEMA)) {
            SimpleGroupFactory f = new SimpleGroupFactory(SERVERS_SCHEMA);
            for (ServerRow r : servers) {
                w.write(f.newGroup().append("site", r.site()).append("chip", r.chip())
                        .append("quarter", r.quarter().toString()).append("installed", r.installed())
                        .append("added", r.added()).append("capex_usd", r.capexUsd())
                        .append("order_quarter", r.orderQuarter().toString()));
            }
        }
        try (ParquetWriter<Group> w = parquet(dir.resolve("facility.parquet"), FACILITY_SCHEMA)) {
            SimpleGroupFactory f = new SimpleGroupFactory(FACILITY_SCHEMA);
            for (FacilityRow r : facility) {
                w.write(f.newGroup().append("site", r.site()).append("quarter", r.quarter().toString())
                        .append("it_mw_built", r.itMwBuilt()).append("it_mw_used", r.itMwUsed())
                        .append("capex_usd", r.capexUsd()));
            }
        }
        try (ParquetWriter<Group> w = parquet(dir.resolve("unmet.parquet"), UNMET_SCHEMA)) {
            SimpleGroupFactory f = new SimpleGroupFactory(UNMET_SCHEMA);
            for (UnmetRow r : unmet) {
                w.write(f.newGroup().append("region", r.region()).append("workload", r.workload())
                        .append("quarter", r.quarter().toString()).append("unmet_peak_ips", r.unmetPeakIps())
                        .append("unmet_inferences", r.unmetInferences()));
            }
        }
        try (ParquetWriter<Group> w = parquet(dir.resolve("builds.parquet"), BUILDS_SCHEMA)) {
            SimpleGroupFactory f = new SimpleGroupFactory(BUILDS_SCHEMA);
            for (BuildRow r : builds) {
                w.write(f.newGroup().append("site", r.site()).append("start_quarter", r.startQuarter().toString())
                        .append("ready_quarter", r.readyQuarter().toString()).append("mw", r.mw())
                        .append("capex_usd", r.capexUsd()));
            }
        }
    }

    /** A local-file Parquet writer (no Hadoop FileSystem, no Spark session). */
    private static ParquetWriter<Group> parquet(Path file, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .build();
    }
}
