package dcplan.hedge;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference future's model with every chip's supply and every year's budget at the least
 * any future allows: shared commitments rounded under it keep the supply and budget limits of
 * every future (the rounding's repairs see the tightest of them), which rounding under the
 * reference's own limits does not (a slipped domestic ramp in one future, say).
 */
final class TightestLimits {
    private TightestLimits() {
    }

    static PlanningModel of(PlanningModel reference, List<HedgeCase> futures) {
        List<Chip> chips = new ArrayList<>();
        for (Chip c : reference.chips()) {
            Map<Quarter, Long> supply = new HashMap<>();
            for (Quarter q : reference.quarters()) {
                long least = c.supply().in(q);
                for (HedgeCase f : futures) {
                    least = Math.min(least, f.model().chip(c.id()).map(o -> o.supply().in(q)).orElse(least));
                }
                if (least != Long.MAX_VALUE) {
                    supply.put(q, least);
                }
            }
            chips.add(new Chip(c.id(), c.vendor(), c.domestic(), c.serverPriceUsd(), c.serverKw(), c.idleFraction(),
                    c.amortizationQuarters(), c.throughputIps(), new Chip.Supply(null, supply), c.bannedJurisdictions(),
                    c.orderLeadQuarters()));
        }
        Policy p = reference.policy();
        Map<Integer, Double> budgets = new HashMap<>(p.annualCapexBudgetUsd());
        for (HedgeCase f : futures) {
            f.model().policy().annualCapexBudgetUsd().forEach((year, usd) -> budgets.merge(year, usd, Math::min));
        }
        Policy tight = new Policy(p.horizonFrom(), p.horizonTo(), p.planningQuantile(), p.rho(), p.targetUtilization(),
                budgets, p.facilityAmortizationQuarters());
        return new PlanningModel(reference.regions(), reference.workloads(), reference.sites(), chips, tight);
    }
}
