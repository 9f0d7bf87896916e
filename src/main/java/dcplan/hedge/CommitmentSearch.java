package dcplan.hedge;

import dcplan.hedge.domain.CommitmentPlan;
import dcplan.hedge.domain.CommitmentScoreCalculator;
import dcplan.hedge.domain.HeldAmount;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.common.SelectionCacheType;
import org.optaplanner.core.config.heuristic.selector.common.SelectionOrder;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveListFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.AcceptorType;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchPickEarlyType;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OptaPlanner searching the shared commitments of a handful of futures (issue 13): the entities
 * are what is bought before the decision quarter ({@link HeldAmount}: servers per site, chip and
 * quarter; whole phases per site and quarter), the score every future's recourse LP holding them
 * ({@link CommitmentEvaluator}), lexicographic over expectations (futures that cannot hold them,
 * expected unmet, expected cost), the moves {@link CommitmentMoves}. It starts from commitments
 * found otherwise (the extensive form's rounding), so it can only keep or improve them by that
 * score: OptaPlanner's best solution is never worse than its first.
 *
 * <p>First-improvement hill climbing: a score is a few LPs, seconds each on the sample, so the
 * search takes the first move that beats the last step and stops at a local optimum (a whole
 * neighbourhood without a better move), at its time limit, or at its evaluation limit (under
 * {@code --steps}: reproducible, since the LPs have no randomness and the moves' order comes from
 * the seed).
 */
public final class CommitmentSearch {
    /**
     * Under --steps S, at most S / this many distinct commitments scored (at least
     * {@link #MIN_EVALUATIONS}): a score is an LP per future (about a second for the sample's three
     * under load), so --steps 2000 allows 100 of them.
     */
    static final long STEPS_PER_EVALUATION = 20;
    static final long MIN_EVALUATIONS = 20;
    /** A server commitment may grow to twice its start plus this many servers (the moves' range). */
    static final int SERVER_HEADROOM = 1000;

    /**
     * The search's outcome.
     *
     * @param shared      the best commitments in the reference future's terms
     * @param held        the same as each future holds them (its lead times), in the instance's order
     * @param evaluations distinct commitments scored (each one LP per future)
     * @param startShared the start, as given (for a fallback when a re-plan cannot hold the best)
     * @param startHeld   the start as each future holds it
     */
    public record Result(Commitments shared, List<Commitments> held, HardMediumSoftLongScore start,
                         HardMediumSoftLongScore best, int evaluations, int lpSolves, double seconds,
                         Commitments startShared, List<Commitments> startHeld) {
        public boolean improved() {
            return best.compareTo(start) > 0;
        }

        /** One line for the method and the log. */
        public String describe() {
            return String.format("commitment search (OptaPlanner): %d commitments scored by %d LPs in %.1f s, %s", evaluations,
                    lpSolves, seconds, improved() ? "improved the start from " + start + " to " + best
                            : "kept the start (" + start + ", a local optimum or out of time)");
        }
    }

    private CommitmentSearch() {
    }

    /**
     * Improves {@code start} (commitments in the terms of {@code reference}'s model) for every
     * future of {@code instance}; {@code templates} are the start as each future holds it.
     * {@code time}: the search's limit (null: none); {@code steps}: the hedge's step limit (null: none).
     */
    public static Result improve(HedgeInstance instance, PlanningModel reference, Commitments start, List<Commitments> templates,
                                 Duration time, Long steps, long seed, Duration lpLimit) {
        return improve(instance, reference, start, templates, List.of(), time, steps, seed, lpLimit);
    }

    /**
     * As above, starting instead from the best of {@code alternatives} (e.g. the decomposition's
     * candidates, in the reference's terms) when it scores better than {@code start}; an
     * alternative whose commitments are not the same entities (other keys, MW off whole phases)
     * is left out. The result's start, the fallback, stays {@code start}.
     */
    public static Result improve(HedgeInstance instance, PlanningModel reference, Commitments start, List<Commitments> templates,
                                 List<Commitments> alternatives, Duration time, Long steps, long seed, Duration lpLimit) {
        long t0 = System.nanoTime();
        Map<Plan.SiteChipQuarter, Integer> fixedServers = new LinkedHashMap<>();
        Map<Plan.SiteQuarter, Double> fixedMw = new LinkedHashMap<>();
        List<HeldAmount> amounts = entities(reference, start, fixedServers, fixedMw);
        CommitmentEvaluator evaluator = new CommitmentEvaluator(instance.cases(), instance.decisionQuarter(), templates,
                fixedServers, fixedMw, lpLimit);
        HardMediumSoftLongScore startScore = evaluator.score(amounts);
        HardMediumSoftLongScore firstScore = startScore;
        List<HeldAmount> first = amounts;
        for (Commitments alternative : alternatives) {
            List<HeldAmount> other = sameEntities(reference, alternative, amounts, fixedServers, fixedMw);
            if (other != null && evaluator.score(other).compareTo(firstScore) > 0) {
                first = other;
                firstScore = evaluator.score(other);
            }
        }
        amounts = first;
        evaluator.limitEvaluations(steps == null ? null : Math.max(MIN_EVALUATIONS, steps / STEPS_PER_EVALUATION));
        CommitmentPlan best = amounts.isEmpty() || (time == null && steps == null) ? new CommitmentPlan(amounts, evaluator)
                : solver(time, steps, seed).solve(new CommitmentPlan(amounts, evaluator));
        HardMediumSoftLongScore bestScore = evaluator.score(best.amounts());
        if (bestScore.compareTo(firstScore) < 0) {
            best = new CommitmentPlan(amounts, evaluator); // never worse than its start (OptaPlanner keeps its best; belt and braces)
            bestScore = firstScore;
        }
        Commitments shared = evaluator.shared(best.amounts());
        return new Result(shared, evaluator.perFuture(shared), startScore, bestScore, evaluator.evaluations(),
                evaluator.lpSolves(), (System.nanoTime() - t0) / 1e9, start, templates);
    }

    /**
     * The planning entities for {@code start}: every held server addition (none negative) and every
     * held whole number of phases; what is neither (MW at a site without phases, a negative
     * addition) is kept as it is in the fixed maps.
     */
    static List<HeldAmount> entities(PlanningModel reference, Commitments start, Map<Plan.SiteChipQuarter, Integer> fixedServers,
                                     Map<Plan.SiteQuarter, Double> fixedMw) {
        List<HeldAmount> out = new ArrayList<>();
        long id = 0;
        List<Map.Entry<Plan.SiteChipQuarter, Integer>> servers = new ArrayList<>(start.heldAdded().entrySet());
        servers.sort(Map.Entry.comparingByKey(Comparator.comparing(Plan.SiteChipQuarter::site)
                .thenComparing(Plan.SiteChipQuarter::chip).thenComparing(k -> k.quarter().ordinal())));
        for (Map.Entry<Plan.SiteChipQuarter, Integer> e : servers) {
            Plan.SiteChipQuarter k = e.getKey();
            if (e.getValue() < 0) {
                fixedServers.put(k, e.getValue());
                continue;
            }
            out.add(HeldAmount.servers(id++, k.site(), k.chip(), k.quarter(), e.getValue(), 2 * e.getValue() + SERVER_HEADROOM));
        }
        List<Map.Entry<Plan.SiteQuarter, Double>> mw = new ArrayList<>(start.heldAddedMw().entrySet());
        mw.sort(Map.Entry.comparingByKey(Comparator.comparing(Plan.SiteQuarter::site).thenComparing(k -> k.quarter().ordinal())));
        for (Map.Entry<Plan.SiteQuarter, Double> e : mw) {
            Site site = reference.site(e.getKey().site()).orElse(null);
            Double phase = site == null ? null : site.phaseMw();
            long phases = phase == null || phase <= 0 ? -1 : Math.round(e.getValue() / phase);
            if (phases < 0 || Math.abs(phases * phase - e.getValue()) > 1e-6) {
                fixedMw.put(e.getKey(), e.getValue());
                continue;
            }
            int max = (int) Math.ceil((site.maxItMw() - site.existingItMw()) / phase - 1e-9);
            out.add(HeldAmount.phases(id++, site.id(), e.getKey().quarter(), phase, (int) phases, max));
        }
        return out;
    }

    /** {@code alternative}'s entities when they are {@code amounts}' (same keys, same fixed parts), else null. */
    private static List<HeldAmount> sameEntities(PlanningModel reference, Commitments alternative, List<HeldAmount> amounts,
                                                 Map<Plan.SiteChipQuarter, Integer> fixedServers, Map<Plan.SiteQuarter, Double> fixedMw) {
        Map<Plan.SiteChipQuarter, Integer> otherServers = new LinkedHashMap<>();
        Map<Plan.SiteQuarter, Double> otherMw = new LinkedHashMap<>();
        List<HeldAmount> other = entities(reference, alternative, otherServers, otherMw);
        if (other.size() != amounts.size() || !otherServers.equals(fixedServers) || !otherMw.equals(fixedMw)) {
            return null;
        }
        for (int i = 0; i < other.size(); i++) {
            HeldAmount a = amounts.get(i);
            HeldAmount o = other.get(i);
            if (!a.sameLine(o) || !a.quarter().equals(o.quarter())) {
                return null;
            }
        }
        return other;
    }

    private static Solver<CommitmentPlan> solver(Duration time, Long steps, long seed) {
        TerminationConfig termination = new TerminationConfig();
        if (time != null) {
            termination.setSpentLimit(time);
        }
        if (steps != null) {
            // the evaluator's budget ends the search; this only stops endless sideways steps among scored ones
            termination.setScoreCalculationCountLimit(steps);
        }
        LocalSearchPhaseConfig hillClimbing = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(new MoveListFactoryConfig().withMoveListFactoryClass(CommitmentMoves.class)
                        .withCacheType(SelectionCacheType.STEP).withSelectionOrder(SelectionOrder.SHUFFLED))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withAcceptorTypeList(List.of(AcceptorType.HILL_CLIMBING)))
                .withForagerConfig(new LocalSearchForagerConfig()
                        .withPickEarlyType(LocalSearchPickEarlyType.FIRST_LAST_STEP_SCORE_IMPROVING))
                // a step that does not improve is a sideways move at a local optimum: stop there
                .withTerminationConfig(new TerminationConfig().withUnimprovedStepCountLimit(1));
        SolverConfig config = new SolverConfig()
                .withSolutionClass(CommitmentPlan.class)
                .withEntityClasses(HeldAmount.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig().withEasyScoreCalculatorClass(CommitmentScoreCalculator.class))
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(seed)
                .withTerminationConfig(termination)
                .withPhases(hillClimbing);
        return SolverFactory.<CommitmentPlan>create(config).buildSolver();
    }
}
