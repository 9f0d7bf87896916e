package dcplan.hedge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.model.UnitCosts;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;

import java.util.List;
import java.util.Map;

/**
 * The top-level summary.json of a hedged run folder (the agreed format,
 * /work/briefs/hedge-format.md): the risk, D, how it was solved, each future's figures (its own
 * folder's summary, alone, with the central's commitments kept), the expectations, EVPI, VSS,
 * the bound and the shared commitments' totals.
 */
final class HedgeSummary {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HedgeSummary() {
    }

    /** {@code folderSummaries}: each future's own folder summary.json tree, in the instance's order. */
    static ObjectNode of(RiskSet risk, HedgeInstance instance, HedgedPlan hedged, HedgeFigures figures,
                         List<ObjectNode> folderSummaries, String inputsSha256, Map<String, Object> settings) {
        ObjectNode root = JSON.objectNode();
        root.put("hedged", true);
        root.put("risk", risk.name());
        root.put("decided_until", instance.decisionQuarter().toString());
        root.put("central", instance.centralCase().name());
        root.put("method", hedged.method());
        root.put("solve_seconds", hedged.solveSeconds());
        root.put("feasible", hedged.plans().stream().allMatch(p -> p.evaluation().feasible()));
        root.put("inputs_sha256", inputsSha256);
        if (!settings.isEmpty()) {
            root.set("settings", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(settings));
        }
        ArrayNode scenarios = root.putArray("scenarios");
        for (int i = 0; i < instance.cases().size(); i++) {
            CasePlan p = hedged.plans().get(i);
            ObjectNode s = scenarios.addObject();
            s.put("name", p.name());
            s.put("probability", p.probability());
            s.put("folder", HedgeRunFolder.SCENARIOS + "/" + p.name());
            s.set("summary", folderSummaries.get(i));
            s.set("alone", figures(figures.alone().get(i).evaluation(), null));
            s.set("central_kept", figures(figures.centralKept().get(i).evaluation(),
                    i == instance.central() ? "the central future's own plan" : ""));
        }
        root.set("expected", expectation(figures.hedged()));
        root.set("expected_alone", expectation(figures.expectedAlone()));
        root.set("expected_central_kept", figures.vssNote().isEmpty() ? expectation(figures.expectedCentralKept()) : JSON.nullNode());
        ObjectNode evpi = root.putObject("evpi");
        evpi.put("unmet_inferences", figures.evpiUnmet());
        evpi.put("cost_usd", figures.evpiCostUsd());
        ObjectNode vss = root.putObject("vss");
        number(vss, "unmet_inferences", figures.vssUnmet());
        number(vss, "cost_usd", figures.vssCostUsd());
        vss.put("note", figures.vssNote());
        number(root, "lower_bound_usd", hedged.expectedCostBoundUsd());
        root.put("lower_bound_kind", hedged.expectedCostBoundUsd() == null ? null : hedged.boundKind());
        root.set("commitments", commitments(hedged.shared(), instance.centralCase().model()));
        return root;
    }

    private static ObjectNode figures(Evaluation e, String note) {
        ObjectNode o = JSON.objectNode();
        o.put("unmet_inferences", e.unmetInferences());
        o.put("total_cost_usd", e.totalCostUsd());
        number(o, "usd_per_million_inferences", e.usdPerMillionInferences());
        o.put("feasible", e.feasible());
        if (note != null) {
            o.put("note", note.isEmpty() && !e.feasible() ? "keeping the central's commitments breaks "
                    + String.join(", ", e.violations().entrySet().stream().filter(v -> !v.getValue().isEmpty())
                    .map(Map.Entry::getKey).toList()) : note);
        }
        return o;
    }

    private static ObjectNode expectation(HedgeFigures.Expectation x) {
        ObjectNode o = JSON.objectNode();
        o.put("served_inferences", x.servedInferences());
        o.put("unmet_inferences", x.unmetInferences());
        o.put("total_cost_usd", x.totalCostUsd());
        number(o, "usd_per_million_inferences", x.usdPerMillion());
        return o;
    }

    /** Rows, servers added, MW and their capex (cash) of the shared commitments, priced by {@code model}. */
    private static ObjectNode commitments(Commitments shared, PlanningModel model) {
        int rows = 0;
        long servers = 0;
        double mw = 0;
        double capex = 0;
        for (Map.Entry<Plan.SiteChipQuarter, Integer> e : shared.heldAdded().entrySet()) {
            if (e.getValue() != 0) {
                rows++;
                servers += e.getValue();
                Chip chip = model.chip(e.getKey().chip()).orElse(null);
                capex += chip == null ? 0 : UnitCosts.serverCashFor(chip, e.getValue());
            }
        }
        for (Map.Entry<Plan.SiteQuarter, Double> e : shared.heldAddedMw().entrySet()) {
            if (e.getValue() != 0) {
                mw += e.getValue();
                Site site = model.site(e.getKey().site()).orElse(null);
                capex += site == null ? 0 : UnitCosts.facilityCashFor(site, e.getValue());
            }
        }
        ObjectNode o = JSON.objectNode();
        o.put("server_rows", rows);
        o.put("servers_added", servers);
        o.put("facility_mw", mw);
        o.put("capex_usd", capex);
        return o;
    }

    /** A number, or JSON null for null / NaN / infinite. */
    static void number(ObjectNode o, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v.doubleValue());
        }
    }
}
