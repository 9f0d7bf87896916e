package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-checkable model with the version-2 fields (contract, "Commitments and lead times"):
 * one region, one workload, one site, two chips, four quarters across a year end.
 *
 * <pre>
 * horizon : 2026Q3 .. 2027Q2 (from = 2026Q3); u 0.8; facility amortisation 40 quarters; budgets as given
 * region br (anywhere); workload chat (SLO 100 ms); demand chat peak 80, avg 40 every quarter
 * site sp : BR, 10 ms, existing 1.0 MW, max 3.0 MW, 1e6 USD/MW, expansion_ready none,
 *           100 USD/MWh, PUE 1.5 (328.5 USD per kW-quarter), existing servers a: 10,
 *           build_quarters 2 (rule 3': MW beyond 1.0 usable from 2026Q3 + 2 = 2027Q1), phase 0.5 MW
 * chip a  : 100,000 USD, 10 kW, idle 0.4, 20 quarters, chat 10 ips, order lead 1 (first delivery 2026Q4)
 * chip b  : 200,000 USD,  5 kW, idle 0.5, 10 quarters, chat 40 ips, order lead 0, banned in BR from {@code banB}
 * </pre>
 *
 * The clean plan: the 10 existing a servers serve chat's 80 ips every quarter (8 busy at peak,
 * 0.8 * 10 = 8), M = 1.0 throughout; no capex.
 */
public final class PlanFixtureV2 {
    public static final Quarter Q3 = Quarter.parse("2026Q3");
    public static final Quarter Q4 = Quarter.parse("2026Q4");
    public static final Quarter Q5 = Quarter.parse("2027Q1");
    public static final Quarter Q6 = Quarter.parse("2027Q2");
    public static final List<Quarter> QUARTERS = List.of(Q3, Q4, Q5, Q6);

    final Map<Integer, Double> budgets;
    final Quarter banB;

    public PlanFixtureV2(Map<Integer, Double> budgets, Quarter banB) {
        this.budgets = budgets;
        this.banB = banB;
    }

    /** Budgets of 10M USD a year, b never banned. */
    public static PlanFixtureV2 standard() {
        return new PlanFixtureV2(Map.of(2026, 10_000_000.0, 2027, 10_000_000.0), null);
    }

    public PlanningModel model() {
        Region br = new Region("br", "Brazil", List.of("BR"), List.of(), Map.of());
        Workload chat = new Workload("chat", 100.0);
        Site sp = new Site("sp", "Sao Paulo", "BR", "BR", Map.of("br", 10.0), 1.0, 3.0, 1_000_000, null,
                100, 1.5, Map.of("a", 10)).withCommitments(2, 0.5);
        Chip a = new Chip("a", "va", false, 100_000, 10, 0.4, 20, Map.of("chat", 10.0), null, List.of())
                .withOrderLead(1);
        Chip b = new Chip("b", "vb", false, 200_000, 5, 0.5, 10, Map.of("chat", 40.0), null,
                banB == null ? List.of() : List.of(new Chip.Ban("BR", banB)));
        Policy policy = new Policy(Q3, Q6, 0.9, 0.0, 0.8, budgets, 40);
        return new PlanningModel(List.of(br), List.of(chat), List.of(sp), List.of(a, b), policy);
    }

    public List<DemandCell> demand() {
        List<DemandCell> cells = new ArrayList<>();
        for (Quarter q : QUARTERS) {
            cells.add(new DemandCell("br", "chat", q, 80, 40));
        }
        return cells;
    }

    /** A mutable plan: I and M given per quarter in horizon order. */
    public static final class Builder {
        final List<Plan.Flow> flows = new ArrayList<>();
        final Map<Plan.SiteChipQuarter, Integer> installed = new LinkedHashMap<>();
        final Map<Plan.SiteQuarter, Double> built = new LinkedHashMap<>();

        public Builder flow(Quarter q, String chip, double peak) {
            flows.add(new Plan.Flow("br", "chat", q, "sp", chip, peak, peak / 2));
            return this;
        }

        public Builder installed(String chip, int... perQuarter) {
            for (int i = 0; i < perQuarter.length; i++) {
                installed.put(new Plan.SiteChipQuarter("sp", chip, QUARTERS.get(i)), perQuarter[i]);
            }
            return this;
        }

        public Builder built(double... perQuarter) {
            for (int i = 0; i < perQuarter.length; i++) {
                built.put(new Plan.SiteQuarter("sp", QUARTERS.get(i)), perQuarter[i]);
            }
            return this;
        }

        public Plan plan() {
            return new Plan(flows, installed, built);
        }
    }

    public Builder clean() {
        Builder b = new Builder().installed("a", 10, 10, 10, 10).built(1.0, 1.0, 1.0, 1.0);
        for (Quarter q : QUARTERS) {
            b.flow(q, "a", 80);
        }
        return b;
    }

    public Evaluation evaluate(Plan plan) {
        return PlanEvaluator.evaluate(model(), demand(), plan);
    }

    public Evaluation evaluate(Plan plan, Commitments commitments) {
        return PlanEvaluator.evaluate(model(), demand(), plan, commitments);
    }
}
