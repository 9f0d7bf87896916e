package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.IntegerDecision;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random moves over the phases of MW ({@link PhaseBuild}; local search only): build a phase or
 * drop one at a (site, quarter); shift one a quarter earlier (usable sooner, its construction cash
 * a quarter sooner, possibly in the earlier year's budget) or later; and build a phase together
 * with servers bought at the site in the same quarter, for the case where a phase alone only
 * costs (the servers it would power are not bought yet) and servers alone break the power ceiling.
 */
public final class PhaseMoves extends RandomDecisionMoves {
    private List<PhaseBuild> builds = List.of();
    private Map<String, PhaseBuild> byKey = Map.of();
    private Map<String, List<ServerPurchase>> purchasesAt = Map.of();

    @Override
    public void phaseStarted(ScoreDirector<CapacityPlan> scoreDirector) {
        CapacityPlan plan = scoreDirector.getWorkingSolution();
        builds = plan.getPhaseBuilds();
        byKey = new HashMap<>();
        for (PhaseBuild b : builds) {
            byKey.put(key(b.site().id(), b.quarter().index()), b);
        }
        purchasesAt = new HashMap<>();
        for (ServerPurchase p : plan.getPurchases()) {
            purchasesAt.computeIfAbsent(key(p.route().site().id(), p.quarter().index()), k -> new ArrayList<>()).add(p);
        }
    }

    private static String key(String site, int quarter) {
        return site + "@" + quarter;
    }

    @Override
    int decisionCount(CapacityPlan plan) {
        return plan.getPhaseBuilds().size();
    }

    @Override
    DecisionMove<CapacityPlan> randomMove(Random random) {
        PhaseBuild b = builds.get(random.nextInt(builds.size()));
        int v = b.value();
        return switch (random.nextInt(5)) {
            case 0 -> new DecisionMove<>("build a phase", List.of(b), new int[]{v + 1});
            case 1 -> new DecisionMove<>("drop a phase", List.of(b), new int[]{Math.max(0, v - 1)});
            case 2 -> shift(b, v, -1, "shift a phase earlier");
            case 3 -> shift(b, v, 1, "shift a phase later");
            default -> withServers(b, v, random);
        };
    }

    /** One phase of b built in the adjacent quarter instead (a plain build where b has none). */
    private DecisionMove<CapacityPlan> shift(PhaseBuild b, int v, int direction, String kind) {
        PhaseBuild to = byKey.get(key(b.site().id(), b.quarter().index() + direction));
        if (to == null || v == 0) {
            return new DecisionMove<>("build a phase", List.of(b), new int[]{v + 1});
        }
        return new DecisionMove<>(kind, List.of(b, to), new int[]{v - 1, to.value() + 1});
    }

    /** A phase built and servers bought at the site in the same quarter, up to what one phase powers. */
    private DecisionMove<CapacityPlan> withServers(PhaseBuild b, int v, Random random) {
        List<ServerPurchase> here = purchasesAt.get(key(b.site().id(), b.quarter().index()));
        if (here == null) {
            return new DecisionMove<>("build a phase", List.of(b), new int[]{v + 1});
        }
        ServerPurchase p = here.get(random.nextInt(here.size()));
        long powered = p.route().serverWatts() > 0 ? b.site().phaseWatts() / p.route().serverWatts() : p.maxValue();
        int d = PurchaseMoves.amount((int) Math.max(1, Math.min(p.maxValue(), powered)), random);
        List<IntegerDecision> both = List.of(b, p);
        return new DecisionMove<>("build a phase with servers", both, new int[]{v + 1, Math.min(p.maxValue(), p.value() + d)});
    }
}
