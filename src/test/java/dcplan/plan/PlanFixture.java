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
 * A tiny hand-checkable model: one region, two workloads, two sites, two chips, two quarters.
 *
 * <pre>
 * region br (residency: anywhere); workloads chat (SLO 100 ms), batch (no SLO)
 * site sp : BR, latency br 10 ms, existing 1.0 MW, max 2.0 MW, 1e6 USD/MW, ready in Q2,
 *           100 USD/MWh, PUE 1.5, existing servers a: 10     -> 1.5*2190*100 = 328,500 USD per MW-quarter
 * site far: US, latency br 150 ms (chat ineligible), existing 0 MW, max 1.0, 2e6 USD/MW, ready always,
 *           50 USD/MWh, PUE 1.2                                 -> 1.2*2190*50  = 131,400 USD per MW-quarter
 * chip a  : 100,000 USD, 10 kW, idle 0.4, 20 quarters, chat 10 ips, batch 20 ips, supply 100
 * chip b  : 200,000 USD,  5 kW, idle 0.5, 10 quarters, chat 40 ips, no batch, supply 5, banned in US
 * policy  : u 0.8, facility amortisation 40 quarters, budget as given
 * demand  : chat Q1 peak 100 avg 50; chat Q2 peak 200 avg 100; batch Q2 peak 40 avg 40
 * </pre>
 *
 * The clean plan: I[sp,a] = 10, 10; I[sp,b] = 0, 5; I[far,a] = 0, 3; M[sp] = 1.0, 1.2;
 * M[far] = 0, 0.05; flows chat Q1 sp/a 80 (chat Q1 is 20 ips short), chat Q2 sp/a 80 and sp/b 120,
 * batch Q2 far/a 40.
 *
 * <p>Public so that the tests of {@code dcplan.plan.evaluation} share it.
 */
public final class PlanFixture {
    public final Quarter q1;
    public final Quarter q2;
    final Map<Integer, Double> budgets;

    public PlanFixture(Quarter q1, Quarter q2, Map<Integer, Double> budgets) {
        this.q1 = q1;
        this.q2 = q2;
        this.budgets = budgets;
    }

    public static PlanFixture standard() {
        return new PlanFixture(Quarter.parse("2026Q1"), Quarter.parse("2026Q2"), Map.of(2026, 5_000_000.0));
    }

    public PlanningModel model() {
        Region br = new Region("br", "Brazil", List.of("BR"), List.of(), Map.of());
        Workload chat = new Workload("chat", 100.0);
        Workload batch = new Workload("batch", null);
        Site sp = new Site("sp", "Sao Paulo", "BR", "BR", Map.of("br", 10.0), 1.0, 2.0, 1_000_000, q2,
                100, 1.5, Map.of("a", 10));
        Site far = new Site("far", "Far away", "US", "US", Map.of("br", 150.0), 0.0, 1.0, 2_000_000, null,
                50, 1.2, Map.of());
        Chip a = new Chip("a", "va", false, 100_000, 10, 0.4, 20, Map.of("chat", 10.0, "batch", 20.0),
                new Chip.Supply(100L, Map.of()), List.of());
        Chip b = new Chip("b", "vb", false, 200_000, 5, 0.5, 10, Map.of("chat", 40.0),
                new Chip.Supply(5L, Map.of()), List.of(new Chip.Ban("US", null)));
        Policy policy = new Policy(q1, q2, 0.9, 0.0, 0.8, budgets, 40);
        return new PlanningModel(List.of(br), List.of(chat, batch), List.of(sp, far), List.of(a, b), policy);
    }

    public List<DemandCell> demand() {
        return List.of(new DemandCell("br", "chat", q1, 100, 50),
                new DemandCell("br", "chat", q2, 200, 100),
                new DemandCell("br", "batch", q2, 40, 40));
    }

    /** A mutable plan to tweak per test. */
    public final class Builder {
        final List<Plan.Flow> flows = new ArrayList<>();
        final Map<Plan.SiteChipQuarter, Integer> installed = new LinkedHashMap<>();
        final Map<Plan.SiteQuarter, Double> built = new LinkedHashMap<>();

        public Builder flow(String w, Quarter q, String s, String c, double peak) {
            double ratio = w.equals("chat") ? 0.5 : 1.0;
            flows.add(new Plan.Flow("br", w, q, s, c, peak, peak * ratio));
            return this;
        }

        public Builder installed(String s, String c, Quarter q, Integer n) {
            if (n == null) {
                installed.remove(new Plan.SiteChipQuarter(s, c, q));
            } else {
                installed.put(new Plan.SiteChipQuarter(s, c, q), n);
            }
            return this;
        }

        public Builder built(String s, Quarter q, double mw) {
            built.put(new Plan.SiteQuarter(s, q), mw);
            return this;
        }

        public Plan plan() {
            return new Plan(flows, installed, built);
        }
    }

    public Builder clean() {
        return new Builder()
                .installed("sp", "a", q1, 10).installed("sp", "a", q2, 10)
                .installed("sp", "b", q2, 5)
                .installed("far", "a", q2, 3)
                .built("sp", q1, 1.0).built("sp", q2, 1.2)
                .built("far", q1, 0.0).built("far", q2, 0.05)
                .flow("chat", q1, "sp", "a", 80)
                .flow("chat", q2, "sp", "a", 80)
                .flow("chat", q2, "sp", "b", 120)
                .flow("batch", q2, "far", "a", 40);
    }

    public Evaluation evaluate(Plan plan) {
        return PlanEvaluator.evaluate(model(), demand(), plan);
    }
}
