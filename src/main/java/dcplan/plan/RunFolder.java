package dcplan.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.PlanningModel;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.Evaluation.BindingLimit;
import dcplan.plan.Evaluation.CostTerms;
import dcplan.plan.Evaluation.QuarterCost;
import dcplan.plan.Evaluation.RegionResult;
import dcplan.plan.Evaluation.YearCapex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one plan run folder, never over an earlier one, as an {@link AtomicFolder}: a reader
 * sees either no folder or a complete one.
 *
 * <pre>
 * out/
 *   plan/flows.csv servers.csv facility.csv unmet.csv builds.csv   (spec columns, full precision)
 *   plan/flows.parquet servers.parquet facility.parquet unmet.parquet builds.parquet
 *   demand.csv                                          (the demand used)
 *   summary.json
 *   ...extra files of {@link RunInfo} (resolved model YAML, log, report)
 * </pre>
 */
public final class RunFolder {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RunFolder() {
    }

    /**
     * Writes the run folder {@code out}. {@code evaluation} must be
     * {@code PlanEvaluator.evaluate(model, demand, plan)}, or for a plan that kept a baseline's
     * commitments {@code PlanEvaluator.evaluate(model, demand, plan, commitments)} with
     * {@code info.withCommitments(decidedUntil, baselineRun)}. Throws {@link dcplan.model.InputException} when
     * {@code out} already exists, IOException when writing fails (nothing is left behind).
     */
    public static void write(Path out, PlanningModel model, List<DemandCell> demand, Plan plan,
                             Evaluation evaluation, RunInfo info) throws IOException {
        AtomicFolder.write(out, tmp -> {
            Path planDir = Files.createDirectory(tmp.resolve("plan"));
            evaluation.tables().writeCsv(planDir);
            evaluation.tables().writeParquet(planDir);
            DemandTable.writeCsv(demand, tmp.resolve("demand.csv"));
            for (Map.Entry<String, byte[]> e : info.extraFiles().entrySet()) {
                Path file = inside(tmp, e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue(), java.nio.file.StandardOpenOption.CREATE_NEW);
            }
            JSON.writeValue(tmp.resolve("summary.json").toFile(), summary(evaluation, info));
            if (info.extraWriter() != null) {
                // last, so that reports made from the folder's own files see all of them
                info.extraWriter().writeInto(tmp);
            }
            return null;
        });
    }

    /** Resolves a relative extra-file path inside the folder, refusing absolute paths and "..". */
    private static Path inside(Path folder, String relative) {
        Path p = folder.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !p.startsWith(folder) || p.equals(folder)) {
            throw new IllegalArgumentException("extra file '" + relative + "' must be a relative path inside the run folder");
        }
        return p;
    }

    /** The summary.json tree (field names as in the spec, snake_case). */
    public static ObjectNode summary(Evaluation ev, RunInfo info) {
        ObjectNode root = JSON.createObjectNode();
        root.put("feasible", ev.feasible());
        root.put("scenario", info.scenario());
        if (info.baselineRun() != null) {
            // a what-if: decided_until null when it re-planned every quarter (absent for a plan made from scratch)
            root.put("decided_until", info.decidedUntil() == null ? null : info.decidedUntil().toString());
            root.put("baseline_run", info.baselineRun());
        }
        root.put("inputs_sha256", info.inputsSha256());
        root.put("solve_seconds", info.solveSeconds());
        root.put("stopped_early", info.stoppedEarly());
        root.put("score", info.score());
        root.put("served_inferences", ev.servedInferences());
        root.put("unmet_inferences", ev.unmetInferences());
        root.put("total_cost_usd", ev.totalCostUsd());
        root.set("cost_usd", terms(ev.cost()));
        number(root, "usd_per_million_inferences", ev.usdPerMillionInferences());
        if (info.lowerBoundUsd() != null) {
            number(root, "lower_bound_usd", info.lowerBoundUsd());
        }
        if (info.gap() != null) {
            number(root, "gap", info.gap());
        }
        root.put("violation_count", ev.violationCount());
        ObjectNode violations = root.putObject("violations");
        ev.violations().forEach((name, lines) -> {
            ArrayNode a = violations.putArray(name);
            lines.forEach(a::add);
        });
        ArrayNode shortRegions = root.putArray("short_regions");
        for (RegionResult r : ev.shortRegions()) {
            ObjectNode o = shortRegions.addObject();
            o.put("region", r.region());
            o.put("unmet_inferences", r.unmetInferences());
            ArrayNode reasons = o.putArray("reasons");
            r.reasons().forEach(reasons::add);
        }
        ArrayNode binding = root.putArray("binding_limits");
        for (BindingLimit b : ev.bindingLimits()) {
            ObjectNode o = binding.addObject();
            o.put("kind", b.kind());
            if (b.site() != null) {
                o.put("site", b.site());
            }
            if (b.chip() != null) {
                o.put("chip", b.chip());
            }
            if (b.region() != null) {
                o.put("region", b.region());
            }
            if (b.workload() != null) {
                o.put("workload", b.workload());
            }
            if (b.year() != null) {
                o.put("year", b.year());
            }
            if (b.quarter() != null) {
                o.put("quarter", b.quarter().toString());
            }
            o.put("sentence", b.sentence());
        }
        ArrayNode capex = root.putArray("capex_by_year");
        for (YearCapex y : ev.capexByYear()) {
            ObjectNode o = capex.addObject();
            o.put("year", y.year());
            o.put("capex_usd", y.capexUsd());
            o.put("server_capex_usd", y.serverCapexUsd());
            o.put("facility_capex_usd", y.facilityCapexUsd());
            number(o, "budget_usd", Double.isFinite(y.budgetUsd()) ? y.budgetUsd() : null); // null = unlimited
        }
        perMillion(root, "usd_per_million_inferences_by_region", ev.usdPerMillionByRegion());
        perMillion(root, "usd_per_million_inferences_by_site", ev.usdPerMillionBySite());
        perMillion(root, "usd_per_million_inferences_by_chip", ev.usdPerMillionByChip());
        ArrayNode byQuarter = root.putArray("cost_by_quarter");
        for (QuarterCost qc : ev.costByQuarter()) {
            ObjectNode o = byQuarter.addObject();
            o.put("quarter", qc.quarter().toString());
            o.setAll(terms(qc.cost()));
            o.put("total", qc.cost().total());
        }
        ObjectNode bySite = root.putObject("cost_by_site");
        ev.costBySite().forEach((k, t) -> bySite.set(k, terms(t)));
        ObjectNode byChip = root.putObject("cost_by_chip");
        ev.costByChip().forEach((k, t) -> byChip.set(k, terms(t)));
        ObjectNode byRegion = root.putObject("cost_by_region_usd");
        ev.costByRegionUsd().forEach(byRegion::put);
        root.put("unattributed_to_regions_usd", ev.unattributedToRegionsUsd());
        root.put("unattributed_to_chips_usd", ev.unattributedToChipsUsd());
        ArrayNode regions = root.putArray("regions");
        for (RegionResult r : ev.regions()) {
            ObjectNode o = regions.addObject();
            o.put("region", r.region());
            o.put("short", r.isShort());
            o.put("served_inferences", r.servedInferences());
            o.put("unmet_inferences", r.unmetInferences());
        }
        if (info.whatIf() != null) {
            root.set("what_if", info.whatIf());
        }
        ArrayNode warnings = root.putArray("warnings");
        ev.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode terms(CostTerms t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("server_capex_amortized", t.serverCapexAmortized());
        o.put("facility_capex_amortized", t.facilityCapexAmortized());
        o.put("energy", t.energy());
        return o;
    }

    private static void perMillion(ObjectNode root, String name, Map<String, Double> values) {
        ObjectNode o = root.putObject(name);
        values.forEach((k, v) -> number(o, k, v));
    }

    /** A number, or JSON null for null / NaN / infinite. */
    private static void number(ObjectNode o, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v.doubleValue());
        }
    }
}
