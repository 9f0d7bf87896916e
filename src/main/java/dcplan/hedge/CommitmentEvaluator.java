package dcplan.hedge;

import dcplan.hedge.domain.CommitmentScorer;
import dcplan.hedge.domain.HeldAmount;
import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.RoundedRelaxation;
import dcplan.solver.lp.LpOptions;
import dcplan.solver.lp.LpResult;
import dcplan.solver.lp.PlanLinearProgram;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores shared commitments as {@link DecompositionHedge} scores a candidate: each future's LP
 * relaxation holding them (its recourse: servers fractional after D), weighted by its probability.
 * Hard: minus the futures whose LP has no solution (a budget or supply limit broken); medium: minus
 * the expected unmet volume in units of {@link DecompositionHedge#UNMET_TOLERANCE} of the expected
 * demand volume (so LP round-off does not rank commitments); soft: minus the expected cost in
 * cents. Results are cached by the amounts: the search revisits commitments, and an LP is the
 * whole cost of a score.
 */
final class CommitmentEvaluator implements CommitmentScorer {

    /** One evaluation: how many futures failed, the expectations over the others, and the first failure. */
    record Scored(int failed, double expectedUnmet, double expectedCostUsd, String note) {
    }

    private final List<HedgeCase> cases;
    private final Quarter decision;
    private final List<Commitments> templates;
    private final Map<Plan.SiteChipQuarter, Integer> fixedServers;
    private final Map<Plan.SiteQuarter, Double> fixedMw;
    private final Duration lpLimit;
    private final double unmetUnit;
    private final Map<String, Scored> cache = new HashMap<>();
    private int lpSolves;
    private Long budget;

    /**
     * @param templates    per future, the start's commitments as that future reads them (its lead
     *                     times): the keys it holds, and the values of keys the search does not move
     * @param fixedServers servers held that are no search entity (a negative addition), kept as they are
     * @param fixedMw      MW held that are no search entity (a site without phases), kept as they are
     */
    CommitmentEvaluator(List<HedgeCase> cases, Quarter decision, List<Commitments> templates,
                        Map<Plan.SiteChipQuarter, Integer> fixedServers, Map<Plan.SiteQuarter, Double> fixedMw,
                        Duration lpLimit) {
        this.cases = List.copyOf(cases);
        this.decision = decision;
        this.templates = List.copyOf(templates);
        this.fixedServers = Map.copyOf(fixedServers);
        this.fixedMw = Map.copyOf(fixedMw);
        this.lpLimit = lpLimit;
        this.unmetUnit = Math.max(1e-9, DecompositionHedge.UNMET_TOLERANCE * DecompositionHedge.expectedVolume(cases));
    }

    /**
     * At most {@code budget} distinct commitments are scored (null: no limit); past it, unseen ones
     * score below every scored one (as if no future could hold them), so the search can only
     * return to what it has seen and ends: a limit on the LP work that is as reproducible as the
     * order of the moves.
     */
    void limitEvaluations(Long budget) {
        this.budget = budget;
    }

    @Override
    public HardMediumSoftLongScore score(List<HeldAmount> amounts) {
        String key = fingerprint(amounts);
        if (budget != null && cache.size() >= budget && !cache.containsKey(key)) {
            return HardMediumSoftLongScore.of(-(cases.size() + 1), 0, 0);
        }
        Scored e = evaluate(amounts);
        if (e.failed() > 0) {
            return HardMediumSoftLongScore.of(-e.failed(), 0, 0);
        }
        return HardMediumSoftLongScore.of(0, -Math.round(e.expectedUnmet() / unmetUnit), -Math.round(e.expectedCostUsd() * 100));
    }

    /** The amounts' evaluation, from the cache when they were seen before. */
    Scored evaluate(List<HeldAmount> amounts) {
        return cache.computeIfAbsent(fingerprint(amounts), k -> solve(shared(amounts)));
    }

    /** Each future's LP relaxation holding the commitments as it reads them. */
    private Scored solve(Commitments shared) {
        double unmet = 0;
        double cost = 0;
        int failed = 0;
        String note = "";
        for (int k = 0; k < cases.size(); k++) {
            HedgeCase c = cases.get(k);
            Commitments held = inFuture(shared, k);
            LpResult r = relaxation(c.model(), c.demand(), held);
            lpSolves++;
            String broken = !r.status().hasSolution() ? "LP relaxation " + r.status() + " " + r.message() : wholeRecourseBreaks(c, r, held);
            if (!broken.isEmpty()) {
                failed++;
                note = note.isEmpty() ? c.name() + ": " + broken : note;
                continue;
            }
            unmet += c.probability() * r.unmetInferences();
            cost += c.probability() * r.totalCostUsd();
        }
        return new Scored(failed, unmet, cost, note);
    }

    /**
     * Empty when the future's recourse rounded to whole servers and phases ({@link RoundedRelaxation}
     * holding the commitments) keeps every limit, else the limits it breaks. The LP's fractional
     * servers after D fit a budget or supply that whole ones may not: commitments that only the
     * fractional recourse can honour led every re-plan of the sample to break a limit (measured),
     * so they count as not held.
     */
    private static String wholeRecourseBreaks(HedgeCase c, LpResult r, Commitments held) {
        Evaluation e = PlanEvaluator.evaluate(c.model(), c.demand(), RoundedRelaxation.of(c.model(), r, held), held);
        if (e.feasible()) {
            return "";
        }
        return "whole-server recourse breaks " + e.violations().entrySet().stream().filter(v -> !v.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
    }

    /** A future's LP relaxation holding {@code held}, within the LP limit (null: none): a candidate's score here and in the decomposition. */
    static LpResult relaxation(PlanningModel model, List<dcplan.model.DemandCell> demand, Commitments held, Duration limit) {
        return PlanLinearProgram.solve(model, demand, LpOptions.relaxed().withCommitments(held).withTimeLimit(limit));
    }

    private LpResult relaxation(PlanningModel model, List<dcplan.model.DemandCell> demand, Commitments held) {
        return relaxation(model, demand, held, lpLimit);
    }

    /** The shared commitments the amounts stand for, in the reference future's terms. */
    Commitments shared(List<HeldAmount> amounts) {
        Map<Plan.SiteChipQuarter, Integer> added = new LinkedHashMap<>(fixedServers);
        Map<Plan.SiteQuarter, Double> mw = new LinkedHashMap<>(fixedMw);
        for (HeldAmount a : amounts) {
            if (a.kind() == HeldAmount.Kind.SERVERS) {
                added.put(new Plan.SiteChipQuarter(a.site(), a.chip(), a.quarter()), a.amount());
            } else {
                mw.put(new Plan.SiteQuarter(a.site(), a.quarter()), a.amount() * a.phaseMw());
            }
        }
        return new Commitments(decision, added, mw, List.of());
    }

    /**
     * The shared commitments as future {@code k} holds them: the keys it holds under its own lead
     * times (its template's), with the shared value where there is one; a shared commitment at a
     * site or of a chip that future has not is an orphan (its plan cannot honour it).
     */
    Commitments inFuture(Commitments shared, int k) {
        Commitments template = templates.get(k);
        PlanningModel model = cases.get(k).model();
        Map<Plan.SiteChipQuarter, Integer> added = new HashMap<>(template.heldAdded());
        added.replaceAll((key, v) -> shared.heldAdded().getOrDefault(key, v));
        Map<Plan.SiteQuarter, Double> mw = new HashMap<>(template.heldAddedMw());
        mw.replaceAll((key, v) -> shared.heldAddedMw().getOrDefault(key, v));
        List<String> orphans = new ArrayList<>();
        shared.heldAdded().forEach((key, v) -> {
            Site site = model.site(key.site()).orElse(null);
            Chip chip = model.chip(key.chip()).orElse(null);
            if (v != 0 && (site == null || chip == null)) {
                orphans.add(v + " servers of " + key.chip() + " at " + key.site() + " in " + key.quarter()
                        + " are shared, but " + cases.get(k).name() + " has no " + (site == null ? "site " + key.site() : "chip " + key.chip()));
            }
        });
        return new Commitments(decision, added, mw, orphans);
    }

    /** Every future's commitments for {@code shared}, in the instance's order. */
    List<Commitments> perFuture(Commitments shared) {
        List<Commitments> out = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            out.add(inFuture(shared, k));
        }
        return out;
    }

    int lpSolves() {
        return lpSolves;
    }

    int evaluations() {
        return cache.size();
    }

    private static String fingerprint(List<HeldAmount> amounts) {
        StringBuilder b = new StringBuilder(amounts.size() * 3);
        for (HeldAmount a : amounts) {
            b.append(a.amount()).append(',');
        }
        return b.toString();
    }
}
