package dcplan.hedge;

import dcplan.CommitmentModels;
import dcplan.TinyModel;
import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hand-worked hedge of the tests: buying domestic servers ahead under a ban risk.
 *
 * <p>One region r and one site s (XX, 10 MW built, PUE 1, 100 USD/MWh), 2026Q1-2026Q2, demand
 * 8000 peak / 4000 avg ips a quarter, u = 0.8; every chip 10 kW, idle 0.5, 20 quarters:
 * <ul>
 *   <li>{@code nv}: 40,000 USD, 100 ips, no lead time;</li>
 *   <li>{@code dom}: 100,000 USD, 80 ips, ordered one quarter ahead (none in 2026Q1);</li>
 *   <li>{@code alt}: 120,000 USD, 80 ips, no lead time, 60 servers a quarter;</li>
 *   <li>{@code rent}: 1,000,000 USD, 80 ips, no lead time.</li>
 * </ul>
 * Futures: {@code base} (p 0.5) and {@code ban} (p 0.5, nv banned in XX from 2026Q2); D = 2026Q2,
 * so nv's 2026Q1 additions and every dom order (installed up to 2026Q2) are shared.
 *
 * <p>By hand: both buy 100 nv in 2026Q1 (the cheapest way to serve it; dom cannot arrive yet).
 * In 2026Q2 the ban future needs 125 servers at 80 ips. Alone it buys 125 dom (5,000 USD a
 * quarter each, the cheapest); the base alone buys none. Hedged, a dom server is paid in both
 * futures (idle in the base: 5,000 + 1,095 USD) while an alt server only in the ban one (6,000 USD
 * at probability 0.5), so alt takes its 60 and dom the other 65 (rent at 50,000 a quarter never
 * pays). Keeping the base's plan (no dom) leaves the ban future 65 rent servers; keeping the ban
 * future's (125 dom) idles 60 more dom in the base: both cost more in expectation.
 */
final class HedgeModels {
    static final Quarter D = Quarter.parse("2026Q2");

    private HedgeModels() {
    }

    static PlanningModel model(boolean ban) {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of())
                .chip("nv", 40_000, 100, null, ban ? List.of(new Chip.Ban("XX", D)) : List.of())
                .chip("dom", 100_000, 80, null, List.of())
                .chip("alt", 120_000, 80, 60L, List.of())
                .chip("rent", 1_000_000, 80, null, List.of());
        m.chips.set(1, m.chips.get(1).withOrderLead(1));
        return m.build();
    }

    static HedgeInstance instance() {
        List<HedgeCase> cases = List.of(
                new HedgeCase("base", 0.5, model(false), CommitmentModels.cells("2026Q1", "2026Q2"), ""),
                new HedgeCase("ban", 0.5, model(true), CommitmentModels.cells("2026Q1", "2026Q2"), ""));
        return new HedgeInstance(cases, D, 0);
    }

    /** An exact case runner for the tests: each future's MIP keeping its commitments. */
    static final CaseRunner MIP = (cases, held, settings) -> {
        List<CasePlan> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HedgeCase c = cases.get(i);
            Commitments kept = held.get(i);
            LpResult r = PlanLinearProgram.solve(c.model(), c.demand(), LpOptions.integer().withCommitments(kept));
            out.add(new CasePlan(c.name(), c.probability(), r.plan(), PlanEvaluator.evaluate(c.model(), c.demand(), r.plan(), kept)));
        }
        return out;
    };
}
