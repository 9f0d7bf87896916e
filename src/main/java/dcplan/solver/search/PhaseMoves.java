package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.IntegerDecision;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
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
public final class PhaseMoves implements MoveIteratorFactory<CapacityPlan, PurchaseMove> {
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
    public long getSize(ScoreDirector<CapacityPlan> scoreDirector) {
        return scoreDirector.getWorkingSolution().getPhaseBuilds().size() * 4L;
    }

    @Override
    public Iterator<PurchaseMove> createOriginalMoveIterator(ScoreDirector<CapacityPlan> scoreDirector) {
        throw new UnsupportedOperationException("phase moves are selected at random only");
    }

    @Override
    public Iterator<PurchaseMove> createRandomMoveIterator(ScoreDirector<CapacityPlan> scoreDirector, Random random) {
        if (builds.isEmpty()) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public PurchaseMove next() {
                return randomMove(random);
            }
        };
    }

    PurchaseMove randomMove(Random random) {
        PhaseBuild b = builds.get(random.nextInt(builds.size()));
        int v = b.value();
        return switch (random.nextInt(5)) {
            case 0 -> new PurchaseMove("build a phase", List.of(b), new int[]{v + 1});
            case 1 -> new PurchaseMove("drop a phase", List.of(b), new int[]{Math.max(0, v - 1)});
            case 2 -> shift(b, v, -1, "shift a phase earlier");
            case 3 -> shift(b, v, 1, "shift a phase later");
            default -> withServers(b, v, random);
        };
    }

    /** One phase of b built in the adjacent quarter instead (a plain build where b has none). */
    private PurchaseMove shift(PhaseBuild b, int v, int direction, String kind) {
        PhaseBuild to = byKey.get(key(b.site().id(), b.quarter().index() + direction));
        if (to == null || v == 0) {
            return new PurchaseMove("build a phase", List.of(b), new int[]{v + 1});
        }
        return new PurchaseMove(kind, List.of(b, to), new int[]{v - 1, to.value() + 1});
    }

    /** A phase built and servers bought at the site in the same quarter, up to what one phase powers. */
    private PurchaseMove withServers(PhaseBuild b, int v, Random random) {
        List<ServerPurchase> here = purchasesAt.get(key(b.site().id(), b.quarter().index()));
        if (here == null) {
            return new PurchaseMove("build a phase", List.of(b), new int[]{v + 1});
        }
        ServerPurchase p = here.get(random.nextInt(here.size()));
        long powered = p.route().serverWatts() > 0 ? b.site().phaseWatts() / p.route().serverWatts() : p.maxValue();
        int d = PurchaseMoves.amount((int) Math.max(1, Math.min(p.maxValue(), powered)), random);
        List<IntegerDecision> both = List.of(b, p);
        return new PurchaseMove("build a phase with servers", both, new int[]{v + 1, Math.min(p.maxValue(), p.value() + d)});
    }
}
