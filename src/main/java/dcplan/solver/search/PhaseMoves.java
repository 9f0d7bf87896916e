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
 * Random moves over the MW built ahead ({@link PhaseBuild}; local search only), a step at a time (a
 * phase, or 1 MW where MW are continuous, {@link PhaseBuild#stepUnits}): build a step or drop one
 * at a (site, quarter); shift one a quarter earlier (usable sooner, its construction cash a
 * quarter sooner, possibly in the earlier year's budget) or later; and build a step together with
 * servers bought at the site in the same quarter, for the case where MW alone only cost (the
 * servers they would power are not bought yet) and servers alone break the power ceiling.
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
        int step = b.stepUnits();
        return switch (random.nextInt(5)) {
            case 0 -> build(b, v, step);
            case 1 -> new DecisionMove<>("drop MW ahead", List.of(b), new int[]{Math.max(0, v - step)});
            case 2 -> shift(b, v, step, -1, "shift MW ahead earlier");
            case 3 -> shift(b, v, step, 1, "shift MW ahead later");
            default -> withServers(b, v, step, random);
        };
    }

    private static DecisionMove<CapacityPlan> build(PhaseBuild b, int v, int step) {
        return new DecisionMove<>("build MW ahead", List.of(b), new int[]{(int) Math.min((long) v + step, b.maxValue())});
    }

    /** A step of b's MW built in the adjacent quarter instead (all it has, if less; a plain build where it has none). */
    private DecisionMove<CapacityPlan> shift(PhaseBuild b, int v, int step, int direction, String kind) {
        PhaseBuild to = byKey.get(key(b.site().id(), b.quarter().index() + direction));
        if (to == null || v == 0) {
            return build(b, v, step);
        }
        int d = (int) Math.min(Math.min(v, step), (long) to.maxValue() - to.value());
        return new DecisionMove<>(kind, List.of(b, to), new int[]{v - d, to.value() + d});
    }

    /** A step of MW built and servers bought at the site in the same quarter, up to what the step powers. */
    private DecisionMove<CapacityPlan> withServers(PhaseBuild b, int v, int step, Random random) {
        List<ServerPurchase> here = purchasesAt.get(key(b.site().id(), b.quarter().index()));
        if (here == null) {
            return build(b, v, step);
        }
        ServerPurchase p = here.get(random.nextInt(here.size()));
        long stepWatts = step * b.unitWatts();
        long powered = p.route().serverWatts() > 0 ? stepWatts / p.route().serverWatts() : p.maxValue();
        int d = PurchaseMoves.amount((int) Math.max(1, Math.min(p.maxValue(), powered)), random);
        List<IntegerDecision> both = List.of(b, p);
        return new DecisionMove<>("build MW ahead with servers", both,
                new int[]{(int) Math.min((long) v + step, b.maxValue()), Math.min(p.maxValue(), p.value() + d)});
    }
}
