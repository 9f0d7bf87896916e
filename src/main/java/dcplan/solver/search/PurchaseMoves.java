package dcplan.solver.search;

import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.ServerPurchase;
import org.optaplanner.core.api.score.director.ScoreDirector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random moves over the purchases (local search only): buy or drop servers at one (route, quarter);
 * shift servers to the quarter before (buying ahead of need, for a later quarter's supply or
 * budget) or after; move servers to another site (same chip and quarter); swap servers for another
 * chip (same site and quarter). Amounts are log-uniform, from one server to the purchase's range,
 * so that both a single server and a whole quarter's purchase can move.
 */
public final class PurchaseMoves extends RandomDecisionMoves {
    private List<ServerPurchase> purchases = List.of();
    private Map<String, ServerPurchase> byKey = Map.of();
    private Map<String, List<ServerPurchase>> sameChipQuarter = Map.of();
    private Map<String, List<ServerPurchase>> sameSiteQuarter = Map.of();

    @Override
    public void phaseStarted(ScoreDirector<CapacityPlan> scoreDirector) {
        purchases = scoreDirector.getWorkingSolution().getPurchases();
        byKey = new HashMap<>();
        sameChipQuarter = new HashMap<>();
        sameSiteQuarter = new HashMap<>();
        for (ServerPurchase p : purchases) {
            byKey.put(key(p, p.quarter().index()), p);
            sameChipQuarter.computeIfAbsent(p.route().chip().id() + "@" + p.quarter().index(), k -> new ArrayList<>()).add(p);
            sameSiteQuarter.computeIfAbsent(p.route().site().id() + "@" + p.quarter().index(), k -> new ArrayList<>()).add(p);
        }
    }

    private static String key(ServerPurchase p, int quarter) {
        return p.route().toString() + "@" + quarter;
    }

    @Override
    int decisionCount(CapacityPlan plan) {
        return plan.getPurchases().size();
    }

    @Override
    DecisionMove<CapacityPlan> randomMove(Random random) {
        ServerPurchase p = purchases.get(random.nextInt(purchases.size()));
        int v = servers(p);
        return switch (random.nextInt(5)) {
            case 0 -> shift(p, v, -1, random, "shift earlier");
            case 1 -> shift(p, v, 1, random, "shift later");
            case 2 -> transfer(p, v, sameChipQuarter.get(p.route().chip().id() + "@" + p.quarter().index()), random,
                    "move between sites");
            case 3 -> transfer(p, v, sameSiteQuarter.get(p.route().site().id() + "@" + p.quarter().index()), random,
                    "swap chip");
            default -> {
                int d = amount(p.maxServers(), random);
                int value = random.nextBoolean() ? v + d : Math.max(0, v - d);
                yield new DecisionMove<>(random.nextInt(4) == 0 ? "drop" : "buy or sell",
                        List.of(p), new int[]{random.nextInt(4) == 0 ? 0 : Math.min(p.maxServers(), value)});
            }
        };
    }

    /**
     * Servers bought in the adjacent quarter instead: the neighbour buys d more, p up to d fewer
     * (with nothing bought at p this buys ahead of need, which the derived servers never do).
     */
    private DecisionMove<CapacityPlan> shift(ServerPurchase p, int v, int direction, Random random, String kind) {
        ServerPurchase to = byKey.get(key(p, p.quarter().index() + direction));
        if (to == null) {
            return single(p, v, random);
        }
        int d = amount(Math.max(1, v > 0 ? v : to.maxServers()), random);
        return new DecisionMove<>(kind, List.of(p, to),
                new int[]{Math.max(0, v - d), Math.min(to.maxServers(), servers(to) + d)});
    }

    /** Up to d of p's servers bought by another purchase of the group instead (another site or chip). */
    private DecisionMove<CapacityPlan> transfer(ServerPurchase p, int v, List<ServerPurchase> group, Random random, String kind) {
        if (v == 0 || group == null || group.size() < 2) {
            return single(p, v, random);
        }
        ServerPurchase to = group.get(random.nextInt(group.size()));
        if (to == p) {
            return single(p, v, random);
        }
        int d = amount(v, random);
        return new DecisionMove<>(kind, List.of(p, to), new int[]{v - d, Math.min(to.maxServers(), servers(to) + d)});
    }

    private DecisionMove<CapacityPlan> single(ServerPurchase p, int v, Random random) {
        int d = amount(p.maxServers(), random);
        return new DecisionMove<>("buy or sell", List.of(p),
                new int[]{random.nextBoolean() ? Math.min(p.maxServers(), v + d) : Math.max(0, v - d)});
    }

    /** 1 .. upTo, log-uniform: as likely to move one server as a hundred. */
    static int amount(int upTo, Random random) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, upTo));
        int scale = 1 << random.nextInt(bits + 1);
        return Math.min(Math.max(1, upTo), 1 + random.nextInt(scale));
    }

    private static int servers(ServerPurchase p) {
        return p.getServers() == null ? 0 : p.getServers();
    }
}
