package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.sweep.DemandDistribution;
import dcplan.sweep.MonteCarlo;

import java.util.ArrayList;
import java.util.List;

/**
 * A risk file's {@code monte_carlo: {samples: N, seed: S}} as futures: {@code sample-001} ...
 * {@code sample-N}, each the base model with one demand realisation of the roll-up's
 * distribution ({@link MonteCarlo}, the sweep's draws: sample i of seed S is the sweep's sample i
 * of seed S), each with probability 1/N.
 *
 * <p>Listed scenarios and samples are not mixed: a sample is a demand future of the base model,
 * a listed scenario a model future with the roll-up's planning demand; weighting one against the
 * other would need a joint distribution nobody stated. A file that wants both is refused, naming
 * the key. The central future (VSS) is the file's {@code central} if it names a sample, else
 * {@code sample-001}.
 */
public final class MonteCarloFutures {
    /** Futures above this many are refused: beyond it the decomposition's task count is unreasonable. */
    public static final int MAX_SAMPLES = 10_000;

    private MonteCarloFutures() {
    }

    /** The risk file's Monte Carlo settings, checked: one clear line naming the file and key. */
    public static void check(RiskSet risk) {
        RiskSet.MonteCarlo mc = risk.monteCarlo();
        if (mc == null) {
            throw new IllegalArgumentException(risk.file() + ": has no monte_carlo");
        }
        if (mc.samples() < 1 || mc.samples() > MAX_SAMPLES) {
            throw new InputException(risk.file() + ": risk.monte_carlo.samples must be within 1.." + MAX_SAMPLES
                    + ", got " + mc.samples());
        }
        if (!risk.members().isEmpty()) {
            throw new InputException(risk.file() + ": risk.scenarios and risk.monte_carlo cannot be mixed (a sample is "
                    + "a demand future of the base model, a listed scenario a model future); keep one of them");
        }
    }

    /** The name of sample {@code index} (0-based) of {@code samples}: sample-001, or wider past 999. */
    public static String name(int index, int samples) {
        int width = Math.max(3, Integer.toString(samples).length());
        return String.format("sample-%0" + width + "d", index + 1);
    }

    /**
     * The N futures of {@code risk} on {@code base}, drawn from {@code distribution} (the roll-up's
     * monthly stats over the base model's horizon, at the policy's rho).
     */
    public static HedgeInstance expand(RiskSet risk, PlanningModel base, DemandDistribution distribution) {
        check(risk);
        if (distribution.cells().isEmpty()) {
            throw new InputException(risk.file() + ": risk.monte_carlo needs the roll-up's demand stats within the "
                    + "horizon " + base.quarters().get(0) + ".." + base.quarters().get(base.quarters().size() - 1)
                    + ", and they have none");
        }
        // Every sample has the distribution's cells: a roll-up of another model shows in the first.
        List<String> problems = DemandTable.validate(MonteCarlo.sample(distribution, distribution.rho(),
                risk.monteCarlo().seed(), 0), base, risk.file() + ": risk.monte_carlo: the roll-up's demand stats");
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        int n = risk.monteCarlo().samples();
        List<HedgeCase> cases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<DemandCell> demand = MonteCarlo.sample(distribution, distribution.rho(), risk.monteCarlo().seed(), i);
            cases.add(new HedgeCase(name(i, n), 1.0 / n, base, demand, ""));
        }
        return new HedgeInstance(cases, risk.decisionQuarter(), central(risk, cases));
    }

    private static int central(RiskSet risk, List<HedgeCase> cases) {
        if (risk.central() == null || risk.central().isBlank()) {
            return 0;
        }
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).name().equals(risk.central())) {
                return i;
            }
        }
        throw new InputException(risk.file() + ": risk.central '" + risk.central() + "' is not one of the samples "
                + cases.get(0).name() + ".." + cases.get(cases.size() - 1).name());
    }
}
