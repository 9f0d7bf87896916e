package dcplan.hedge;

import dcplan.hedge.domain.CommitmentPlan;
import dcplan.hedge.domain.HeldAmount;
import dcplan.solver.search.DecisionMove;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveListFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The commitment search's moves, built from the current commitments at every step (the sizes
 * follow the amounts): one method per kind of change a planner would consider for what to buy
 * before the decision quarter. Only servers move between sites and chips; a phase has its site's
 * size, so it is only added or dropped.
 */
public final class CommitmentMoves implements MoveListFactory<CommitmentPlan> {
    /** Steps tried when buying where nothing is bought yet: one server, a rack's worth, a hall's worth. */
    static final int[] NEW_SERVER_STEPS = {1, 10, 100};

    @Override
    public List<DecisionMove<CommitmentPlan>> createMoveList(CommitmentPlan plan) {
        List<HeldAmount> all = plan.amounts();
        List<DecisionMove<CommitmentPlan>> out = new ArrayList<>();
        for (HeldAmount a : all) {
            more(out, a);
            fewer(out, a);
            if (a.kind() == HeldAmount.Kind.SERVERS && a.amount() > 0) {
                for (HeldAmount b : all) {
                    shift(out, a, b);
                    otherSite(out, a, b);
                    otherChip(out, a, b);
                }
            }
        }
        return out;
    }

    /**
     * Buy more: one server or phase, and for servers a quarter more (or a rack or hall's worth
     * where none are bought): the LP rounding may have bought too few where a future runs short.
     */
    static void more(List<DecisionMove<CommitmentPlan>> out, HeldAmount a) {
        set(out, "more", a, a.amount() + 1);
        if (a.kind() == HeldAmount.Kind.SERVERS) {
            if (a.amount() == 0) {
                for (int step : NEW_SERVER_STEPS) {
                    set(out, "more", a, step);
                }
            } else {
                set(out, "more", a, a.amount() + Math.max(2, a.amount() / 4));
            }
        }
    }

    /**
     * Buy fewer: one server or phase, a quarter of them, or none: rounding up every future's
     * fractional need buys servers that idle in the futures that do not need them.
     */
    static void fewer(List<DecisionMove<CommitmentPlan>> out, HeldAmount a) {
        if (a.amount() == 0) {
            return;
        }
        set(out, "fewer", a, a.amount() - 1);
        if (a.kind() == HeldAmount.Kind.SERVERS && a.amount() > 1) {
            set(out, "fewer", a, a.amount() - Math.max(2, a.amount() / 4));
            set(out, "fewer", a, 0);
        }
    }

    /** The same servers a quarter earlier or later (all, or half): ahead of a ban, or later to save capex. */
    static void shift(List<DecisionMove<CommitmentPlan>> out, HeldAmount a, HeldAmount b) {
        if (a.sameLine(b) && Math.abs(a.quarter().ordinal() - b.quarter().ordinal()) == 1) {
            transfer(out, "shift", a, b, a.amount());
            transfer(out, "shift", a, b, (a.amount() + 1) / 2);
        }
    }

    /** The same servers (chip, quarter) at another site: where power or latency serves more futures. */
    static void otherSite(List<DecisionMove<CommitmentPlan>> out, HeldAmount a, HeldAmount b) {
        if (b.kind() == HeldAmount.Kind.SERVERS && a.chip().equals(b.chip()) && a.quarter().equals(b.quarter())
                && !a.site().equals(b.site())) {
            transfer(out, "other site", a, b, a.amount());
        }
    }

    /**
     * Another chip for the same servers (site, quarter), as many as were bought: the hedge's
     * point, a chip that stays available in every future instead of one a future bans.
     */
    static void otherChip(List<DecisionMove<CommitmentPlan>> out, HeldAmount a, HeldAmount b) {
        if (b.kind() == HeldAmount.Kind.SERVERS && a.site().equals(b.site()) && a.quarter().equals(b.quarter())
                && !a.chip().equals(b.chip())) {
            transfer(out, "other chip", a, b, a.amount());
        }
    }

    private static void set(List<DecisionMove<CommitmentPlan>> out, String kind, HeldAmount a, int value) {
        if (value >= 0 && value <= a.max() && value != a.amount()) {
            out.add(new DecisionMove<>(kind, List.of(a), new int[] {value}));
        }
    }

    private static void transfer(List<DecisionMove<CommitmentPlan>> out, String kind, HeldAmount from, HeldAmount to, int n) {
        if (n > 0 && to.amount() + n <= to.max()) {
            out.add(new DecisionMove<>(kind, List.of(from, to), new int[] {from.amount() - n, to.amount() + n}));
        }
    }
}
