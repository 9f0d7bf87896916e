package dcplan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    final PlanFixture fx = PlanFixture.standard();
    final PlanningModel model = fx.model();
    final List<DemandCell> demand = fx.demand();
    final Plan plan = fx.clean().plan();
    final Evaluation ev = PlanEvaluator.evaluate(model, demand, plan);
    final RunInfo info = RunInfo.of("base", InputsHash.sha256(model, demand), 1.25, true, "0hard/-20medium/-173039soft")
            .withBound(170_000.0, 0.0176)
            .withExtraFiles(Map.of("scenario/policy.yaml", "policy: {}\n".getBytes(StandardCharsets.UTF_8)));

    static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }

    @Test
    void writeReadBackAndReEvaluateGivesTheSameSummary(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("runs/run-1");
        RunFolder.write(out, model, demand, plan, ev, info);
        for (String f : List.of("plan/flows.csv", "plan/servers.csv", "plan/facility.csv", "plan/unmet.csv",
                "plan/flows.parquet", "plan/servers.parquet", "plan/facility.parquet", "plan/unmet.parquet",
                "plan/builds.csv", "plan/builds.parquet", "demand.csv", "summary.json", "scenario/policy.yaml")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals("region,workload,quarter,site,chip,peak_ips,avg_ips",
                Files.readAllLines(out.resolve("plan/flows.csv")).get(0));
        // contract version 2 appends order_quarter (version-1 columns unchanged, in place)
        assertEquals("site,chip,quarter,installed,added,capex_usd,order_quarter",
                Files.readAllLines(out.resolve("plan/servers.csv")).get(0));
        assertEquals("site,start_quarter,ready_quarter,mw,capex_usd", Files.readAllLines(out.resolve("plan/builds.csv")).get(0));
        assertEquals("site,quarter,it_mw_built,it_mw_used,capex_usd", Files.readAllLines(out.resolve("plan/facility.csv")).get(0));
        assertEquals("region,workload,quarter,unmet_peak_ips,unmet_inferences", Files.readAllLines(out.resolve("plan/unmet.csv")).get(0));

        // from files alone: the same plan, the same evaluation, the same summary
        Plan back = PlanFiles.read(out);
        List<DemandCell> demandBack = DemandTable.readCsv(out.resolve("demand.csv"));
        assertEquals(demand, demandBack);
        Evaluation again = PlanEvaluator.evaluate(model, demandBack, back);
        JsonNode written = RunFolder.JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(written, RunFolder.summary(again, info));
        assertEquals(ev.tables(), again.tables());

        // the summary's numbers: terms add up to the total, per quarter too
        assertTrue(written.get("feasible").asBoolean());
        double total = written.get("total_cost_usd").asDouble();
        JsonNode terms = written.get("cost_usd");
        close(total, terms.get("server_capex_amortized").asDouble() + terms.get("facility_capex_amortized").asDouble()
                + terms.get("energy").asDouble());
        double byQuarter = 0;
        for (JsonNode q : written.get("cost_by_quarter")) {
            byQuarter += q.get("total").asDouble();
        }
        close(total, byQuarter);
        close(173_039.725, total);
        close(total / written.get("served_inferences").asDouble() * 1e6, written.get("usd_per_million_inferences").asDouble());
        assertEquals(info.inputsSha256(), written.get("inputs_sha256").asText());
        assertEquals("base", written.get("scenario").asText());
        assertEquals(170_000.0, written.get("lower_bound_usd").asDouble());
        assertTrue(written.get("stopped_early").asBoolean());
        assertEquals("br", written.get("short_regions").get(0).get("region").asText());
        assertEquals("supply", written.get("binding_limits").get(0).get("kind").asText());
        assertEquals(5_000_000.0, written.get("capex_by_year").get(0).get("budget_usd").asDouble());
        assertEquals(0, written.get("violation_count").asInt());
        assertTrue(written.get("violations").get("capacity").isArray() && written.get("violations").get("capacity").isEmpty());
    }

    @Test
    void parquetTablesMatchTheCsv(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        RunFolder.write(out, model, demand, plan, ev, info);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String t : List.of("flows", "servers", "facility", "unmet", "builds")) {
                String csv = out.resolve("plan/" + t + ".csv").toString();
                String pq = out.resolve("plan/" + t + ".parquet").toString();
                // same rows, same values: the symmetric difference is empty
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ((SELECT * FROM read_parquet('" + pq
                        + "') EXCEPT ALL SELECT * FROM read_csv('" + csv + "', header=true, quote='\"')) UNION ALL "
                        + "(SELECT * FROM read_csv('" + csv + "', header=true) EXCEPT ALL SELECT * FROM read_parquet('" + pq + "')))")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), t);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + pq + "')")) {
                    rs.next();
                    assertEquals(Files.readAllLines(Path.of(csv)).size() - 1, rs.getInt(1), t);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT sum(peak_ips), sum(avg_ips) FROM read_parquet('"
                    + out.resolve("plan/flows.parquet") + "')")) {
                rs.next();
                assertEquals(320.0, rs.getDouble(1));
                assertEquals(180.0, rs.getDouble(2));
            }
        }
    }

    @Test
    void refusesAnExistingOutFolder(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(out.resolve("keep.txt"), "earlier run");
        InputException e = assertThrows(InputException.class, () -> RunFolder.write(out, model, demand, plan, ev, info));
        assertTrue(e.getMessage().contains("already exists"));
        assertEquals("earlier run", Files.readString(out.resolve("keep.txt")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test
    void leavesNothingBehindWhenWritingFailsMidway(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        RunInfo failing = info.withExtraWriter(dir -> {
            Files.writeString(dir.resolve("solve.log"), "half a log");
            throw new IOException("disk full (simulated)");
        });
        IOException e = assertThrows(IOException.class, () -> RunFolder.write(out, model, demand, plan, ev, failing));
        assertEquals("disk full (simulated)", e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), names(tmp)); // no temporary folder either
        // and a bad extra-file path fails the same clean way
        RunInfo escaping = info.withExtraFiles(Map.of("../outside.txt", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RunFolder.write(out, model, demand, plan, ev, escaping));
        assertEquals(List.of(), names(tmp));
    }

    @Test
    void extraWriterFilesLandInTheFolder(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        RunFolder.write(out, model, demand, plan, ev, info.withExtraWriter(dir -> Files.writeString(dir.resolve("solve.log"), "ok")));
        assertEquals("ok", Files.readString(out.resolve("solve.log")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test
    void summaryOmitsUnknownBoundAndNullsPerMillionWhenNothingServed(@TempDir Path tmp) throws IOException {
        Plan idle = fx.new Builder().installed("sp", "a", fx.q1, 10).installed("sp", "a", fx.q2, 10).plan();
        Evaluation e = PlanEvaluator.evaluate(model, demand, idle);
        Path out = tmp.resolve("idle");
        RunFolder.write(out, model, demand, idle, e, RunInfo.of("base", "x", 0, false, null));
        JsonNode s = RunFolder.JSON.readTree(out.resolve("summary.json").toFile());
        assertFalse(s.has("lower_bound_usd"));
        assertFalse(s.has("gap"));
        assertTrue(s.get("usd_per_million_inferences").isNull());
        assertTrue(s.get("usd_per_million_inferences_by_region").get("br").isNull());
        assertEquals(1, Files.readAllLines(out.resolve("plan/flows.csv")).size()); // header only
        assertEquals(4, Files.readAllLines(out.resolve("plan/unmet.csv")).size()); // header + 3 cells
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aVersionOneFolderWithoutOrderQuarterStillReadsBack(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        RunFolder.write(out, model, demand, plan, ev, info);
        // as a version-1 run wrote it: no order_quarter column, no builds.csv
        Path servers = out.resolve("plan/servers.csv");
        List<String> v1 = Files.readAllLines(servers).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        assertEquals("site,chip,quarter,installed,added,capex_usd", v1.get(0));
        Files.write(servers, v1);
        Files.delete(out.resolve("plan/builds.csv"));
        assertEquals(plan.installed(), PlanFiles.read(out).installed());
        assertEquals(ev.tables(), PlanEvaluator.evaluate(model, demand, PlanFiles.read(out)).tables());
    }

    @Test
    void summaryRecordsDecidedUntilAndBaselineOnlyForAPlanMadeWithCommitments(@TempDir Path tmp) throws IOException {
        JsonNode fromScratch = RunFolder.summary(ev, info);
        assertFalse(fromScratch.has("decided_until"));
        assertFalse(fromScratch.has("baseline_run"));
        Path out = tmp.resolve("whatif");
        RunFolder.write(out, model, demand, plan, ev, info.withCommitments(fx.q2, "runs/baseline"));
        JsonNode s = RunFolder.JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("2026Q2", s.get("decided_until").asText());
        assertEquals("runs/baseline", s.get("baseline_run").asText());
    }
}
