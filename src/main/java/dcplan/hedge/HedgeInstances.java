package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.InputException;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.scenario.Scenario;
import dcplan.scenario.ScenarioLoader;
import dcplan.scenario.ScenarioResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link RiskSet} made into the {@link HedgeInstance} a solver takes: each listed future's
 * scenario loaded against the base model ({@link ScenarioLoader}) and applied to the base model
 * and demand ({@link ScenarioResolver}), exactly as {@code dcplan plan --scenario} does; the
 * decision quarter checked against the horizon.
 */
public final class HedgeInstances {
    private HedgeInstances() {
    }

    /**
     * Builds the instance. {@code demand} is the base demand (its roll-up under the base policy, in
     * the horizon); {@code rollUp} rolls the forecasts up again under a scenario's policy (quantile,
     * rho) for a scenario that changes it, and is null when the demand was given as a table (such a
     * scenario is then refused, as {@code plan --demand} refuses it).
     */
    public static HedgeInstance build(RiskSet risk, PlanningModel base, List<DemandCell> demand,
                                      Function<PlanningModel, List<DemandCell>> rollUp) {
        checkDecisionQuarter(risk, base);
        if (risk.monteCarlo() != null) {
            // a caller's mistake, not the user's: demand samples are drawn by MonteCarloFutures.expand
            throw new IllegalArgumentException(risk.file() + ": a Monte Carlo risk file's futures come from "
                    + "MonteCarloFutures.expand, not from HedgeInstances.build");
        }
        List<HedgeCase> cases = new ArrayList<>();
        int central = 0;
        for (RiskSet.Member m : risk.members()) {
            if (m.name().equals(risk.central())) {
                central = cases.size();
            }
            cases.add(future(risk, m, base, demand, rollUp));
        }
        return new HedgeInstance(cases, risk.decisionQuarter(), central);
    }

    /** D must be a quarter of the horizon: commitments before it are shared. */
    public static void checkDecisionQuarter(RiskSet risk, PlanningModel base) {
        List<Quarter> horizon = base.quarters();
        if (!horizon.contains(risk.decisionQuarter())) {
            throw new InputException(risk.file() + ": risk.decision_quarter: " + risk.decisionQuarter()
                    + " is outside the horizon " + horizon.get(0) + ".." + horizon.get(horizon.size() - 1));
        }
    }

    /** One listed future: the base model, or the scenario applied to it. */
    static HedgeCase future(RiskSet risk, RiskSet.Member m, PlanningModel base, List<DemandCell> demand,
                            Function<PlanningModel, List<DemandCell>> rollUp) {
        if (m.scenarioFile() == null) {
            return new HedgeCase(m.name(), m.probability(), base, demand, "");
        }
        Scenario s = ScenarioLoader.load(m.scenarioFile(), base);
        List<DemandCell> own = demand;
        if (s.changesRollUp()) {
            if (rollUp == null) {
                throw new InputException(m.scenarioFile() + ": policy: planning_quantile / rho "
                        + ScenarioResolver.ROLL_UP_ONLY + ": hedge with --forecasts (scenario '" + m.name() + "' of "
                        + risk.file() + ")");
            }
            own = rollUp.apply(new PlanningModel(base.regions(), base.workloads(), base.sites(), base.chips(),
                    ScenarioResolver.policy(base.policy(), s)));
        }
        ScenarioResolver.Resolved r = ScenarioResolver.resolve(base, own, s);
        try {
            return new HedgeCase(m.name(), m.probability(), r.model(), r.demand(), Files.readString(m.scenarioFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
