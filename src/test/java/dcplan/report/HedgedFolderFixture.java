package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a hedged run folder in the agreed format (docs: contract "Hedged plans", H3's writer) from
 * plan run folders, one per future, for the report, compare and notebook tests: each folder is
 * copied to {@code scenarios/<name>/}, commitments.csv holds the first future's orders and builds
 * decided before D, and the top summary.json the expected figures, EVPI and VSS computed from the
 * futures' summaries and the given costs of each future alone and with the central's commitments.
 */
public final class HedgedFolderFixture {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private HedgedFolderFixture() {
    }

    /**
     * One future: its plan run folder and probability, the total cost of its own plan made alone,
     * and of its plan keeping the central future's commitments; a note (else empty) says that plan
     * breaks a limit, and then VSS has no number.
     */
    public record Future(String name, double probability, Path runFolder, double aloneCostUsd, Double centralKeptCostUsd,
                         String centralKeptNote) {
    }

    /**
     * The sample hedged folder, in {@code dir}/hedge (or hedge-breaks): two futures planned without
     * a solver on the sample model ({@link ExistingFleetPlans}) and written by RunFolder. Both order
     * 100 ppu servers for Sao Paulo (ordered 2026Q1, installed 2026Q3) and start 20 MW there in
     * 2026Q3, before D = 2027Q1; from D on "base" (0.6, central) adds 40 H200 in Frankfurt, "ban"
     * (0.4) 200 ppu in Sao Paulo and starts 23 MW in Paris. Alone, each is 2 % and 5 % cheaper; ban keeping base's
     * commitments costs 10 % more or, with {@code centralBreaksBan}, breaks a limit.
     */
    public static Path sample(Path dir, boolean centralBreaksBan) throws IOException {
        Path base = run(dir, "base", future(false));
        Path ban = run(dir, "ban", future(true));
        return write(dir.resolve(centralBreaksBan ? "hedge-breaks" : "hedge"), "export-controls", "2027Q1", List.of(
                new Future("base", 0.6, base, 0.98 * cost(base), cost(base), ""),
                new Future("ban", 0.4, ban, 0.95 * cost(ban), 1.10 * cost(ban),
                        centralBreaksBan ? "keeping base's commitments breaks a limit of ban (power)" : "")));
    }

    private static Path run(Path dir, String name, Plan plan) throws IOException {
        Path out = dir.resolve("runs").resolve(name);
        if (!Files.exists(out)) {
            Evaluation ev = PlanEvaluator.evaluate(ExistingFleetPlans.MODEL, ExistingFleetPlans.DEMAND, plan);
            RunFolder.write(out, ExistingFleetPlans.MODEL, ExistingFleetPlans.DEMAND, plan, ev, RunInfo.of(name, "x", 1, false, null));
        }
        return out;
    }

    private static double cost(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile()).get("total_cost_usd").asDouble();
    }

    /** The sample's existing fleet plus the shared commitments, plus each future's own servers from D on. */
    private static Plan future(boolean ban) {
        Plan base = ExistingFleetPlans.plan("frankfurt", 0);
        Map<Plan.SiteChipQuarter, Integer> installed = new HashMap<>(base.installed());
        Map<Plan.SiteQuarter, Double> built = new HashMap<>(base.itMwBuilt());
        addServers(installed, "sao-paulo", "ppu", "2026Q3", 100);
        addMw(built, "sao-paulo", "2027Q2", 20); // started 2026Q3 (3 quarters' build)
        if (ban) {
            addServers(installed, "sao-paulo", "ppu", "2027Q3", 200);
            addMw(built, "paris", "2028Q1", 23); // started 2027Q1 (4 quarters' build)
        } else {
            addServers(installed, "frankfurt", "nvidia-h200", "2027Q2", 40);
        }
        return new Plan(base.flows(), installed, built);
    }

    private static void addServers(Map<Plan.SiteChipQuarter, Integer> installed, String site, String chip, String from, int n) {
        for (Quarter q : ExistingFleetPlans.MODEL.quarters()) {
            if (q.compareTo(Quarter.parse(from)) >= 0) {
                installed.merge(new Plan.SiteChipQuarter(site, chip, q), n, Integer::sum);
            }
        }
    }

    private static void addMw(Map<Plan.SiteQuarter, Double> built, String site, String from, double mw) {
        for (Quarter q : ExistingFleetPlans.MODEL.quarters()) {
            if (q.compareTo(Quarter.parse(from)) >= 0) {
                built.merge(new Plan.SiteQuarter(site, q), mw, Double::sum);
            }
        }
    }

    /** Writes the hedged folder {@code out} (the first future is central) and returns it. */
    public static Path write(Path out, String risk, String decidedUntil, List<Future> futures) throws IOException {
        Files.createDirectories(out);
        ObjectNode top = JSON.createObjectNode();
        top.put("hedged", true).put("risk", risk).put("decided_until", decidedUntil).put("central", futures.get(0).name())
                .put("method", "test fixture").put("solve_seconds", 1.5).put("inputs_sha256", "fixture");
        ArrayNode scenarios = top.putArray("scenarios");
        double[] hedged = new double[4];
        double[] alone = new double[4];
        double[] kept = new double[4];
        boolean feasible = true;
        String breaks = null;
        for (Future f : futures) {
            Path dir = out.resolve("scenarios").resolve(f.name());
            copyTree(f.runFolder(), dir);
            JsonNode s = JSON.readTree(dir.resolve("summary.json").toFile());
            feasible &= s.path("feasible").asBoolean();
            double served = s.path("served_inferences").asDouble();
            double unmet = s.path("unmet_inferences").asDouble();
            ObjectNode e = scenarios.addObject().put("name", f.name()).put("probability", f.probability())
                    .put("folder", "scenarios/" + f.name());
            e.set("summary", s);
            e.set("alone", figures(served, unmet, f.aloneCostUsd(), true, ""));
            add(hedged, f.probability(), served, unmet, s.path("total_cost_usd").asDouble());
            add(alone, f.probability(), served, unmet, f.aloneCostUsd());
            if (!f.centralKeptNote().isEmpty()) {
                // as the hedge writes it: the figures of the plan that breaks the limit, infeasible, and which limit
                e.set("central_kept", figures(served, unmet, f.centralKeptCostUsd(), false, f.centralKeptNote()));
                breaks = f.centralKeptNote();
            } else {
                e.set("central_kept", figures(served, unmet, f.centralKeptCostUsd(), true, ""));
                add(kept, f.probability(), served, unmet, f.centralKeptCostUsd());
            }
        }
        top.put("feasible", feasible);
        top.set("expected", expected(hedged));
        top.set("expected_alone", expected(alone));
        top.set("expected_central_kept", breaks == null ? expected(kept) : null);
        top.putObject("evpi").put("unmet_inferences", hedged[1] - alone[1]).put("cost_usd", hedged[2] - alone[2]);
        ObjectNode vss = top.putObject("vss");
        if (breaks == null) {
            vss.put("unmet_inferences", kept[1] - hedged[1]).put("cost_usd", kept[2] - hedged[2]).put("note", "");
        } else {
            vss.putNull("unmet_inferences").putNull("cost_usd").put("note", breaks);
        }
        top.put("lower_bound_usd", 0.99 * hedged[2]).put("lower_bound_kind", "extensive-form LP relaxation");
        commitments(out, out.resolve("scenarios").resolve(futures.get(0).name()), decidedUntil, top.putObject("commitments"));
        JSON.writeValue(out.resolve("summary.json").toFile(), top);
        return out;
    }

    private static void add(double[] sums, double p, double served, double unmet, double cost) {
        sums[0] += p * served;
        sums[1] += p * unmet;
        sums[2] += p * cost;
    }

    private static ObjectNode expected(double[] sums) {
        return JSON.createObjectNode().put("served_inferences", sums[0]).put("unmet_inferences", sums[1])
                .put("total_cost_usd", sums[2]).put("usd_per_million_inferences", sums[2] / sums[0] * 1e6);
    }

    private static ObjectNode figures(double served, double unmet, Double cost, boolean ok, String note) {
        ObjectNode n = JSON.createObjectNode().put("served_inferences", served).put("unmet_inferences", unmet).put("feasible", ok).put("note", note);
        if (cost == null) {
            n.putNull("total_cost_usd").putNull("usd_per_million_inferences");
        } else {
            n.put("total_cost_usd", cost).put("usd_per_million_inferences", cost / served * 1e6);
        }
        return n;
    }

    /** commitments.csv: the central future's orders placed and builds started before D, sorted kind, site, chip, quarter. */
    private static void commitments(Path out, Path central, String d, ObjectNode totals) throws IOException {
        TreeSet<String> rows = new TreeSet<>();
        double servers = 0;
        double mw = 0;
        double capex = 0;
        int serverRows = 0;
        for (CSVRecord r : csv(central.resolve("plan/servers.csv"))) {
            int added = Integer.parseInt(r.get("added"));
            if (added > 0 && r.get("order_quarter").compareTo(d) < 0) {
                rows.add(String.join(",", "server", r.get("site"), r.get("chip"), r.get("quarter"), r.get("added"), ""));
                servers += added;
                capex += Double.parseDouble(r.get("capex_usd"));
                serverRows++;
            }
        }
        for (CSVRecord r : csv(central.resolve("plan/builds.csv"))) {
            if (r.get("start_quarter").compareTo(d) < 0) {
                rows.add(String.join(",", "facility", r.get("site"), "", r.get("ready_quarter"), "", r.get("mw")));
                mw += Double.parseDouble(r.get("mw"));
                capex += Double.parseDouble(r.get("capex_usd"));
            }
        }
        List<String> lines = new ArrayList<>(List.of("kind,site,chip,quarter,added,mw"));
        lines.addAll(rows);
        Files.write(out.resolve("commitments.csv"), lines);
        totals.put("server_rows", serverRows).put("servers_added", servers).put("facility_mw", mw).put("capex_usd", capex);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
