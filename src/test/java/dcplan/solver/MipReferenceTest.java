package dcplan.solver;

import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Evaluation;
import dcplan.solver.lp.HardInstances;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner against the exact MIP (OR-Tools SCIP, {@value #REFERENCE_SECONDS} s) on the hard
 * instances of issue 11 ({@link HardInstances}, where limits bind), one per flavor, seed 1: the
 * small size (3 regions, 5 sites, 3 chips, 3 workloads, 8 quarters) where SCIP proves the
 * optimum within seconds (supply-bound, partly unservable, mixed), the tiny size (2, 3, 2, 2, 4)
 * where it needs longer on small (residency-, power- and budget-bound: 40 s did not prove them
 * on 2 cores at load average 15). The plan must be feasible, serve as much as the MIP (within
 * {@value #SAME_SERVED} of the demand) and cost at most {@value #COST_FACTOR} times the MIP's
 * plan. Before the MIP candidate ({@link MipCandidates}) the planner missed this on small
 * supply-bound (2.5-3.3 % above), small budget-bound and mixed (infeasible plans), and served less
 * on tiny residency-, power- and budget-bound.
 *
 * <p>Not timed: each case is a {@value #SEARCH_SECONDS} s search, the LP steps and the planner's
 * MIP (half the search's time), then the reference MIP; about a minute at most each on 2 busy
 * cores. Tagged {@code solver-quality} to run them alone ({@code -Dgroups=solver-quality}).
 */
@Tag("solver-quality")
class MipReferenceTest {
    static final double COST_FACTOR = 1.001;
    static final double SAME_SERVED = 1e-6;
    static final long REFERENCE_SECONDS = 30;
    static final long SEARCH_SECONDS = 16;
    static final CapacitySolver.Options SEARCH = CapacitySolver.Options.timeLimited(Duration.ofSeconds(SEARCH_SECONDS), 1);
    static final long V2_SEARCH_SECONDS = 4;
    static final CapacitySolver.Options V2_SEARCH = CapacitySolver.Options.timeLimited(Duration.ofSeconds(V2_SEARCH_SECONDS), 1);
    static final Planner.LpLimits LP = new Planner.LpLimits(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void thePlanIsWithinATenthOfAPercentOfTheMipAndServesAsMuch(Flavor flavor) {
        Size size = switch (flavor) {
            case RESIDENCY_BOUND, POWER_BOUND, BUDGET_BOUND -> Size.TINY;
            default -> Size.SMALL;
        };
        assertWithinATenthOfAPercentOfTheMipServingAsMuch(HardInstances.generate(flavor, size, 1), SEARCH);
    }

    /**
     * The same on the version-2 instances (lead times and phases, {@code HardInstances.generate(...,
     * true)}), tiny, seed 1: the early quarters are partly unmet by every plan, the MW come in whole
     * phases started ahead. SCIP proves these in well under a second, so the planner gets a
     * {@value #V2_SEARCH_SECONDS} s search; about 10 s a case on 2 busy cores.
     */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void withCommitmentsThePlanIsWithinATenthOfAPercentOfTheMipAndServesAsMuch(Flavor flavor) {
        assertWithinATenthOfAPercentOfTheMipServingAsMuch(HardInstances.generate(flavor, Size.TINY, 1, true), V2_SEARCH);
    }

    private static void assertWithinATenthOfAPercentOfTheMipServingAsMuch(Instance in, CapacitySolver.Options search) {
        Planner.Outcome outcome = new Planner().plan(in.model(), in.demand(), search, LP);
        System.out.println("MipReferenceTest " + in.name() + ": plan cost " + outcome.evaluation().totalCostUsd()
                + ", kept " + outcome.polishNote());
        LpResult mip = reference(in);
        Evaluation ev = outcome.evaluation();
        double volume = volume(in);
        String line = String.format(Locale.ROOT, "%s: cost %.2f USD, MIP's %.2f USD (%s, %+.4f %%); unmet %.6g, MIP's %.6g"
                        + " (%+.3g of the demand); kept %s", in.name(), ev.totalCostUsd(), mip.totalCostUsd(),
                mip.provenOptimal() ? "proven optimal" : mip.status().toString(),
                100 * (ev.totalCostUsd() / mip.totalCostUsd() - 1), ev.unmetInferences(), mip.unmetInferences(),
                (ev.unmetInferences() - mip.unmetInferences()) / volume, outcome.polishNote());
        System.out.println("MipReferenceTest " + line);
        assertTrue(ev.feasible(), line + "; " + ev.violations());
        assertTrue(ev.unmetInferences() <= mip.unmetInferences() + SAME_SERVED * volume, "serves less than the MIP; " + line);
        assertTrue(ev.totalCostUsd() <= COST_FACTOR * mip.totalCostUsd(), "cost above the MIP's; " + line);
    }

    /**
     * Served first: on tiny partly unservable instances (11-17 % of the demand has nowhere to go)
     * the plan serves the most any plan can, the MIP's phase-1 maximum (proven: phase 1's gap is
     * 1e-9). The relaxation's maximum is 1.4e-4 and 3.0e-4 of the demand above it on seeds 1 and
     * 2 (whole servers and phases cost a little volume), so the MIP's is the reference. The issue's
     * run served 0.02-0.16 % of the demand less than possible.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aPartlyUnservablePlanServesTheMostAnyPlanCan(long seed) {
        Instance in = HardInstances.generate(Flavor.PARTLY_UNSERVABLE, Size.TINY, seed);
        Planner.Outcome outcome = new Planner().plan(in.model(), in.demand(), SEARCH, LP);
        LpResult mip = reference(in, true);
        double volume = volume(in);
        Evaluation ev = outcome.evaluation();
        String line = String.format(Locale.ROOT, "%s: served %.8g, MIP's maximum %.8g, relaxation's %.8g (of %.8g); kept %s",
                in.name(), ev.servedInferences(), mip.maxServedInferences(), outcome.relaxation().maxServedInferences(),
                volume, outcome.polishNote());
        System.out.println("MipReferenceTest " + line);
        assertTrue(ev.feasible(), line + "; " + ev.violations());
        assertTrue(ev.unmetInferences() > 0.05 * volume, "the instance is partly unservable; " + line);
        assertEquals(mip.maxServedInferences(), ev.servedInferences(), SAME_SERVED * volume, "the plan serves the maximum; " + line);
    }

    private static LpResult reference(Instance in) {
        return reference(in, false);
    }

    /** The MIP within {@value #REFERENCE_SECONDS} s; {@code proven}: its optimum must be proven. */
    private static LpResult reference(Instance in, boolean proven) {
        LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(),
                LpOptions.integer().withTimeLimit(Duration.ofSeconds(REFERENCE_SECONDS)));
        assertTrue(mip.status().hasSolution(), in.name() + ": the reference MIP found no plan: " + mip.status() + " " + mip.message());
        assertTrue(!proven || mip.provenOptimal(), in.name() + ": the reference MIP must be proven optimal: " + mip.status());
        return mip;
    }

    private static double volume(Instance in) {
        return in.demand().stream().mapToDouble(DemandCell::avgIps).sum() * Quarter.SECONDS;
    }
}
