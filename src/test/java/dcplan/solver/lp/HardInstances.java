package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.Quarter;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded planning instances of the hard kinds of issue 11, where limits bind: the measurement
 * basis for comparing the planner with the exact MIP ({@code bin/bench solver}). The same
 * (flavor, size, seed) always gives the same instance.
 *
 * <p><b>The base</b> (one draw per (size, seed), shared by every flavor; magnitudes as
 * {@link RandomInstances} and models/*.yaml): workloads llm-chat (SLO 100 ms), llm-batch (none),
 * embedding (60 ms), recsys (40 ms); chips in price tiers 80k..350k USD, 6..11 kW, throughput
 * rising with the tier (the dear chips are the power-frugal ones and the cheapest to run for
 * embedding and recsys; the cheap ones compete on llm-chat and llm-batch); demand per (region,
 * workload) of 80..1500 servers' worth growing 1..8 % a quarter; sites at 6..14 MUSD/MW, 45..160
 * USD/MWh, PUE 1.08..1.6, each region with at least one home site 4..20 ms away, others 20..180
 * ms away. In the base nothing is meant to bind: supply unlimited, no budget, no residency, and a region's
 * home sites may grow to 1.5 times its last quarter's need on the most power-hungry chip (the
 * cheapest sites' ceilings may still bind a little). A flavor then tightens it, drawing from its own random stream:
 * <ul>
 *   <li>{@link Flavor#SUPPLY_BOUND}: every chip but the one dearest to run (the fallback) gets a
 *       quarterly supply of 30..60 % of the growth it would carry where it is cheaper to run
 *       than the fallback (and the same share of the first quarter's fleet), so the cheap chips'
 *       supply binds in most quarters and the rest of the growth goes to the dear fallback; the
 *       capped chip cheapest to run overall gets a supply window of 1.5..2.5 times that, then
 *       zero from a quarter in the second half of the horizon (a discontinued chip): the optimum
 *       buys it ahead of need before the window closes. LP: relaxing supply lowers the cost by
 *       2..20 %.</li>
 *   <li>{@link Flavor#RESIDENCY_BOUND}: three quarters of the regions (at least one) may be
 *       served only in their own jurisdiction, or their own and a neighbour's, with tight SLO
 *       overrides (llm-chat 25..40 ms, embedding 20..30, recsys 12..20; the region's first home
 *       site is 3..10 ms away so every cell stays servable); their home sites may grow to only
 *       1.3..1.6 times their last need on the power-frugal chips; and the last site becomes a
 *       hub in its own jurisdiction (HUB), cheap (40..50 USD/MWh, PUE 1.08..1.12, 5.5..6.5
 *       MUSD/MW), 10..35 ms from every region, roomy. What binds is where demand may go: the
 *       unrestricted regions move to the hub, the restricted ones cannot (LP: relaxing residency
 *       and the SLO overrides lowers the cost by 5..24 %).</li>
 *   <li>{@link Flavor#POWER_BOUND}: the cheapest chip becomes a power-hungry value chip, priced
 *       (at least 30k USD) to run 8..15 % cheaper than the best other chip over the demand mix.
 *       Each region's home sites have existing MW of 1.02..1.12 times what its demand needs on
 *       the power-frugal chips (plus what existing servers draw) until a late
 *       {@code expansion_ready} (the region's quarter between a third and a half of the horizon), and a ceiling of 1.03..1.12 times its last quarter's need: the plan must buy
 *       the frugal dear chips and fill sites to the ceiling (LP: relaxing MW ceilings and
 *       expansion dates lowers the cost by 8..23 %).</li>
 *   <li>{@link Flavor#BUDGET_BOUND}: the cheapest chip becomes a cash-light older generation,
 *       written off over 6..8 quarters and priced (at least 30k USD) to run 10..20 % dearer than
 *       the best other chip on every workload: cheap to buy, dear per quarter. Each year's budget
 *       is a share of what that year's growth costs in cash (servers and MW beyond those built)
 *       on the chips cheapest to run: 0.45..0.7 in the first year, then alternately 0.3..0.5 and
 *       0.8..1.1; where the budgets so far fall below 1.05 times what the cash-light plan needs
 *       so far, the year is raised, or after a tight year the roomy year before it. The plan
 *       must buy cash-light chips, or buy ahead in a roomier year (LP: relaxing budgets lowers
 *       the cost by 0.4..12 %).</li>
 *   <li>{@link Flavor#PARTLY_UNSERVABLE}: 11..17 % of the demand volume has nowhere to go. One
 *       region, scaled to 55..70 % of that share, may be served only in a jurisdiction with no
 *       site (no eligible site at all); another, the largest, is held to its own jurisdiction,
 *       whose sites lose their servers and expansion and keep just the MW that leaves the rest of
 *       the share unserved when filled as the most served plan fills them (power-frugal chips,
 *       the workloads of least MW per inference first): every eligible site's MW exhausted. The
 *       most any plan serves is then 83..89 % of the demand.</li>
 *   <li>{@link Flavor#MIXED}: residency on three quarters of the regions (with the hub), power
 *       ceilings of 1.15..1.35 times need (on the power-frugal chips or the supply fallback,
 *       whichever draws more), supply caps of 40..70 % and the budget flavor's budgets (without
 *       the cash-light chip, floored at the cash-lightest chips' plan), all at once, every demand
 *       servable. In the seeds checked supply and residency bind always, budgets on the sizes of
 *       more than one year, power seldom.</li>
 * </ul>
 * {@code HardInstancesTest} checks each flavor with the exact LP: what is said to bind does.
 *
 * <p><b>Version-2 commitments</b> ({@code generate(flavor, size, seed, true)}, "v2" in the
 * name; {@link HardCommitments}): the same instance, with the fields of the contract's
 * "Commitments and lead times" drawn from a stream of their own (the instance without them is
 * unchanged, draw for draw). Every site builds in 1..4 quarters (at most half the horizon: 1..2
 * on tiny) and adds MW in phases of 15..40 % of its headroom held to 4..24 MW (a headroom under
 * 4 MW is one phase), adjusted so that whole phases of at most 24 MW fill the headroom (the
 * flavor's ceilings stay); a site that cannot grow has no phase. Chips are ordered 0..2 quarters ahead, the lead rising
 * with the price (the cheap chips are quick to get) or, in a third of the seeds, falling with it;
 * in a quarter of the seeds even the quickest chip takes a quarter. What binds: nothing may be
 * built in the first quarter, and no server added before its chip's lead, so the early quarters
 * are served by what exists (and the quick chips, where the existing MW hold them): part of
 * their demand goes unmet, and the MW needed later are started ahead, in whole phases.
 */
public final class HardInstances {

    /** What binds; see the class comment. */
    public enum Flavor {
        SUPPLY_BOUND, RESIDENCY_BOUND, POWER_BOUND, BUDGET_BOUND, PARTLY_UNSERVABLE, MIXED;

        /** Lower case with dashes, as on the command line: {@code supply-bound}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Flavor parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The sizes of the solver benchmarks (bin/bench solver, bin/bench solver-checkpoints). {@code LONG}
     * is medium's regions, sites, chips and workloads over five years instead of three: issue 11's
     * sizes all end at 12 quarters, and another generator's need not (960 server decisions, still
     * on the planner's medium path, under {@code MipCandidates.RELAX_AND_FIX_ALONGSIDE_MAX}).
     */
    public enum Size {
        TINY(2, 3, 2, 2, 4), SMALL(3, 5, 3, 3, 8), MEDIUM(6, 12, 4, 4, 12), LARGE(12, 40, 5, 4, 12),
        LONG(6, 12, 4, 4, 20);

        private final int regions;
        private final int sites;
        private final int chips;
        private final int workloads;
        private final int quarters;

        Size(int regions, int sites, int chips, int workloads, int quarters) {
            this.regions = regions;
            this.sites = sites;
            this.chips = chips;
            this.workloads = workloads;
            this.quarters = quarters;
        }

        public int regions() {
            return regions;
        }

        public int sites() {
            return sites;
        }

        public int chips() {
            return chips;
        }

        public int workloads() {
            return workloads;
        }

        public int quarters() {
            return quarters;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Size parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A generated instance. */
    public record Instance(Flavor flavor, Size size, long seed, boolean commitments, PlanningModel model,
                           List<DemandCell> demand) {
        /** Such as {@code small supply-bound #1}, or {@code small supply-bound v2 #1} with commitments. */
        public String name() {
            return size.label() + " " + flavor.label() + (commitments ? " v2" : "") + " #" + seed;
        }
    }

    private HardInstances() {
    }

    /** The version-1 instance: no lead times, no phases. */
    public static Instance generate(Flavor flavor, Size size, long seed) {
        return generate(flavor, size, seed, false);
    }

    /** With {@code commitments}, the instance with the version-2 fields (see the class comment). */
    public static Instance generate(Flavor flavor, Size size, long seed, boolean commitments) {
        HardInstanceDraft d = HardInstanceBase.draw(size, new SplittableRandom(seed));
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + 7919L * (flavor.ordinal() + 1));
        switch (flavor) {
            case SUPPLY_BOUND -> HardFlavors.supplyBound(d, rnd, 0.3, 0.6);
            case RESIDENCY_BOUND -> HardFlavors.residencyBound(d, rnd, 0.75, 1.3, 1.6);
            case POWER_BOUND -> HardFlavors.powerBound(d, rnd, 1.03, 1.12, d::minMw, true);
            case BUDGET_BOUND -> HardFlavors.budgetBound(d, rnd, true, 1.0, d::cheapestToBuy);
            case PARTLY_UNSERVABLE -> HardFlavors.partlyUnservable(d, rnd);
            case MIXED -> HardFlavors.mixed(d, rnd);
        }
        if (commitments) {
            HardCommitments.add(d, new SplittableRandom(seed * 1_000_033L + 104_729L * (flavor.ordinal() + 1)));
        }
        return new Instance(flavor, size, seed, commitments, d.model(), d.demand());
    }

    /**
     * {@code model} with {@code chip} banned in every jurisdiction from {@code from}: the export-ban
     * future of the hedge's tests and benches (HedgeGapTest, ExtensiveFormStartedBoundTest,
     * bin/bench hedge-gap, EfBoundProbe).
     */
    public static PlanningModel bannedEverywhere(PlanningModel model, String chip, Quarter from) {
        List<Chip> chips = new ArrayList<>();
        for (Chip c : model.chips()) {
            if (!c.id().equals(chip)) {
                chips.add(c);
                continue;
            }
            List<Chip.Ban> bans = new ArrayList<>(c.bannedJurisdictions());
            model.sites().stream().map(s -> s.jurisdiction()).distinct().forEach(j -> bans.add(new Chip.Ban(j, from)));
            chips.add(new Chip(c.id(), c.vendor(), c.domestic(), c.serverPriceUsd(), c.serverKw(), c.idleFraction(),
                    c.amortizationQuarters(), c.throughputIps(), c.supply(), bans, c.orderLeadQuarters()));
        }
        return new PlanningModel(model.regions(), model.workloads(), model.sites(), chips, model.policy());
    }
}
