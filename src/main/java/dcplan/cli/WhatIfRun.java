package dcplan.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.InputsHash;
import dcplan.plan.Plan;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import dcplan.plan.WhatIfTables;
import dcplan.solver.Planner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code dcplan whatif} adds to its run folder (contract version 2, "What-ifs that keep what
 * was already committed"). Held (made at {@code decided_until}): held.csv (the baseline's orders
 * and builds kept), stranded.csv (committed servers a ban leaves idle), and the cost of
 * hindsight: the same scenario re-planned with nothing committed, written to {@code hindsight/}
 * and compared in summary.json's {@code what_if}. Hindsight ({@code --replan-all}): every quarter
 * re-planned, labelled so; stranded.csv still lists installed servers a ban leaves idle.
 */
final class WhatIfRun implements PlanRun.WhatIfPart {
    static final String HELD = "held";
    static final String HINDSIGHT = "hindsight";
    /** Where the held what-if's hindsight plan is written, inside its run folder. */
    static final String HINDSIGHT_FOLDER = "hindsight";

    /** The re-planned comparison of a held what-if: its plan, evaluation and solve time. */
    record Hindsight(Plan plan, Evaluation evaluation, double solveSeconds, String note) {
        static Hindsight of(Planner.Outcome o) {
            return new Hindsight(o.plan(), o.evaluation(), o.search().solveSeconds(), o.polishNote());
        }
    }

    private final PlanRun run;
    private final BaselineRun baseline;
    private final PlanningModel model;
    private final List<DemandCell> demand;
    private final String scenario;
    private final Quarter decidedUntil;
    private final String decidedWhy;
    private final Commitments commitments;
    private Hindsight hindsight;
    private WhatIfTables tables;

    /** {@code decidedUntil} null: every quarter re-planned (hindsight). */
    WhatIfRun(PlanRun run, BaselineRun baseline, PlanningModel model, List<DemandCell> demand, String scenario,
              Quarter decidedUntil, String decidedWhy) {
        this.run = run;
        this.baseline = baseline;
        this.model = model;
        this.demand = demand;
        this.scenario = scenario;
        this.decidedUntil = decidedUntil;
        this.decidedWhy = decidedWhy;
        this.commitments = decidedUntil == null ? Commitments.NONE
                : Commitments.of(baseline.model(), baseline.plan(), model, decidedUntil);
    }

    BaselineRun baseline() {
        return baseline;
    }

    String scenario() {
        return scenario;
    }

    /** Where {@link #decidedUntil} came from (--decided-until, the scenario's, its first change); null when not held. */
    String decidedWhy() {
        return decidedWhy;
    }

    boolean isHeld() {
        return decidedUntil != null;
    }

    /**
     * Whether the held plan needs a hindsight plan of its own: not when nothing can have been
     * committed before {@code decided_until} (it is the horizon's first quarter), where the two are
     * the same problem.
     */
    boolean needsHindsightSolve() {
        return isHeld() && model.policy().horizonFrom().isBefore(decidedUntil);
    }

    void setHindsight(Hindsight h) {
        this.hindsight = h;
    }

    @Override
    public Commitments commitments() {
        return commitments;
    }

    @Override
    public Quarter decidedUntil() {
        return decidedUntil;
    }

    @Override
    public String baselineRun() {
        return baseline.folder().toString();
    }

    /** The console lines saying how the what-if is made, before it is solved. */
    List<String> modeLines() {
        if (!isHeld()) {
            return List.of("HINDSIGHT (--replan-all): every quarter is re-planned as if the scenario had been known "
                    + "from the start; nothing the baseline ordered or started building is kept");
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add("decided until " + decidedUntil + " (" + decidedWhy + "): orders placed and construction started "
                + "before " + decidedUntil + " are kept from the baseline; the rest is planned again");
        commitments.orphans().forEach(o -> lines.add("  cannot be kept: " + o));
        return lines;
    }

    @Override
    public ObjectNode summary(Plan plan, Evaluation evaluation) {
        tables = WhatIfTables.of(model, plan, commitments);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mode", isHeld() ? HELD : HINDSIGHT);
        o.put("decided_until", isHeld() ? decidedUntil.toString() : null);
        o.put("decided_until_source", isHeld() ? decidedWhy : "--replan-all");
        o.put("baseline_run", baselineRun());
        o.put("baseline_scenario", baseline.digest().scenario());
        o.set("held", held());
        o.set("stranded", stranded());
        if (isHeld()) {
            o.set("hindsight", hindsightComparison(evaluation));
        }
        return o;
    }

    private ObjectNode held() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("orders", tables.held().stream().filter(r -> r.kind().equals(WhatIfTables.SERVER)).count());
        h.put("servers", tables.held().stream().mapToInt(WhatIfTables.HeldRow::added).sum());
        h.put("server_capex_usd", tables.heldCapexUsd(WhatIfTables.SERVER));
        h.put("builds", tables.held().stream().filter(r -> r.kind().equals(WhatIfTables.FACILITY)).count());
        h.put("mw", tables.held().stream().mapToDouble(WhatIfTables.HeldRow::mw).sum());
        h.put("facility_capex_usd", tables.heldCapexUsd(WhatIfTables.FACILITY));
        if (isHeld()) {
            run.note(String.format("held: %d orders (%,d servers, %s USD) and %d builds (%s MW, %s USD) kept from the "
                            + "baseline (held.csv)", h.get("orders").asLong(), h.get("servers").asInt(),
                    Format.usd(h.get("server_capex_usd").asDouble()), h.get("builds").asLong(),
                    Format.usd(h.get("mw").asDouble(), 1), Format.usd(h.get("facility_capex_usd").asDouble())));
        }
        return h;
    }

    private ObjectNode stranded() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("rows", tables.stranded().size());
        s.put("servers_at_peak", tables.strandedServersAtPeak());
        s.put("server_quarters", tables.strandedServerQuarters());
        s.put("capex_amortized_usd", tables.strandedCapexAmortizedUsd());
        s.put("idle_energy_usd", tables.strandedIdleEnergyUsd());
        if (!tables.stranded().isEmpty()) {
            run.note(String.format("stranded: up to %,d servers idle under a ban (%,d server-quarters), %s USD of "
                            + "amortised capex and %s USD of idle energy (stranded.csv)", tables.strandedServersAtPeak(),
                    tables.strandedServerQuarters(), Format.usd(tables.strandedCapexAmortizedUsd()),
                    Format.usd(tables.strandedIdleEnergyUsd())));
        }
        return s;
    }

    /** The held plan beside the same scenario re-planned with nothing committed. */
    private ObjectNode hindsightComparison(Evaluation held) {
        Evaluation replanned = hindsight == null ? held : hindsight.evaluation();
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.set("with_commitments", figures(held));
        c.set("replanned", figures(replanned));
        c.put("cost_of_commitments_usd", held.totalCostUsd() - replanned.totalCostUsd());
        c.put("unmet_of_commitments_inferences", held.unmetInferences() - replanned.unmetInferences());
        c.put("run", hindsight == null ? null : HINDSIGHT_FOLDER);
        c.put("note", hindsight == null ? "decided_until is the horizon's first quarter: nothing was committed, "
                + "the held plan is the re-planned one" : "unmet demand counts first (a plan that serves more may cost more); "
                + "both plans come from a time-limited search, so a plan with the commitments can come out better than "
                + "the one without them");
        run.note("cost of hindsight        with the commitments " + Format.usd(held.totalCostUsd()) + " USD, unmet "
                + Format.count(held.unmetInferences()) + "; re-planned with nothing committed "
                + Format.usd(replanned.totalCostUsd()) + " USD, unmet " + Format.count(replanned.unmetInferences()));
        return c;
    }

    private static ObjectNode figures(Evaluation e) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("feasible", e.feasible());
        f.put("total_cost_usd", e.totalCostUsd());
        f.put("served_inferences", e.servedInferences());
        f.put("unmet_inferences", e.unmetInferences());
        if (e.usdPerMillionInferences() == null) {
            f.putNull("usd_per_million_inferences");
        } else {
            f.put("usd_per_million_inferences", e.usdPerMillionInferences());
        }
        return f;
    }

    @Override
    public void writeInto(Path tempFolder, Plan plan, Evaluation evaluation) throws IOException {
        tables.writeCsv(tempFolder);
        if (hindsight != null) {
            RunInfo info = RunInfo.of(scenario, InputsHash.sha256(model, demand), hindsight.solveSeconds(), false,
                    "re-planned with nothing committed; plan kept: " + hindsight.note());
            RunFolder.write(tempFolder.resolve(HINDSIGHT_FOLDER), model, demand, hindsight.plan(), hindsight.evaluation(), info);
        }
    }
}
