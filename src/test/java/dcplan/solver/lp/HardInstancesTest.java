package dcplan.solver.lp;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.LeadTimes;
import dcplan.model.ModelLoader;
import dcplan.model.ModelValidator;
import dcplan.model.ModelWriter;
import dcplan.model.PlanningModel;
import dcplan.model.Policy;
import dcplan.model.Quarter;
import dcplan.model.Region;
import dcplan.model.Site;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Instance;
import dcplan.solver.lp.HardInstances.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each flavor of {@link HardInstances} is of its kind, judged by the exact LP relaxation of the
 * contract's model (the LP's optimum is what any good plan approaches; the MIP is too slow for a
 * test on a busy machine, except where noted): what the class comment says binds does, and
 * relaxing it lowers the optimum's cost. Tiny seeds 1..3 and small seeds 1..2.
 */
class HardInstancesTest {

    private static final LpOptions LP = LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(60));

    record Case(Size size, long seed) {
        Instance of(Flavor flavor) {
            return HardInstances.generate(flavor, size, seed);
        }

        @Override
        public String toString() {
            return size.label() + " #" + seed;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case(Size.TINY, 1), new Case(Size.TINY, 2), new Case(Size.TINY, 3),
                new Case(Size.SMALL, 1), new Case(Size.SMALL, 2));
    }

    // ------------------------------------------------------------------ every flavor

    @Test
    void sameFlavorSizeAndSeedGiveTheSameInstance() {
        for (Flavor f : Flavor.values()) {
            Instance a = HardInstances.generate(f, Size.SMALL, 7);
            Instance b = HardInstances.generate(f, Size.SMALL, 7);
            assertEquals(a.model(), b.model(), f.label());
            assertEquals(a.demand(), b.demand(), f.label());
            assertNotEquals(a.model(), HardInstances.generate(f, Size.SMALL, 8).model(), f.label() + ": seeds differ");
        }
        assertNotEquals(HardInstances.generate(Flavor.SUPPLY_BOUND, Size.SMALL, 7).model(),
                HardInstances.generate(Flavor.POWER_BOUND, Size.SMALL, 7).model());
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void everySizeHasTheBenchmarksDimensionsAndValidates(Flavor flavor) {
        for (Size size : Size.values()) {
            Instance in = HardInstances.generate(flavor, size, 1);
            PlanningModel m = in.model();
            String at = in.name();
            assertEquals(size.regions(), m.regions().size(), at);
            assertEquals(size.sites(), m.sites().size(), at);
            assertEquals(size.chips(), m.chips().size(), at);
            assertEquals(size.workloads(), m.workloads().size(), at);
            assertEquals(size.quarters(), m.quarters().size(), at);
            assertEquals(size.regions() * size.workloads() * size.quarters(), in.demand().size(), at);
            assertEquals(List.of(), ModelValidator.validate(m, at), at);
            assertTrue(in.demand().stream().allMatch(d -> d.peakIps() > 0 && d.avgIps() > 0 && d.avgIps() <= d.peakIps()), at);
        }
    }

    // ------------------------------------------------------------------ one flavor each

    @ParameterizedTest
    @MethodSource("cases")
    void supplyBoundBindsInMostQuartersAndADiscontinuedChipStops(Case c) {
        Instance in = c.of(Flavor.SUPPLY_BOUND);
        LpResult lp = solve(in, UnaryOperator.identity());
        assertFullyServed(in, lp);
        double share = supplyBindingShare(in.model(), lp);
        assertTrue(share >= 0.6, c + ": supply binds in " + share + " of the capped (chip, quarter) pairs");
        assertTrue(in.model().chips().stream().anyMatch(chip -> chip.supply().in(last(in.model())) == 0),
                c + ": a chip whose supply drops to zero");
        assertCheaperWithout(in, lp, HardInstancesTest::withoutSupply, 0.02, "supply");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void residencyBoundRestrictsMostRegionsAndTheirPlaceBinds(Case c) {
        Instance in = c.of(Flavor.RESIDENCY_BOUND);
        LpResult lp = solve(in, UnaryOperator.identity());
        assertFullyServed(in, lp);
        long restricted = in.model().regions().stream().filter(r -> !r.residency().isEmpty() && !r.latencySloMs().isEmpty()).count();
        assertTrue(restricted * 2 > in.model().regions().size(), c + ": " + restricted + " regions restricted");
        assertCheaperWithout(in, lp, HardInstancesTest::withoutResidency, 0.04, "residency and SLO overrides");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void powerBoundFillsSitesToTheirCeilingWithLateExpansion(Case c) {
        Instance in = c.of(Flavor.POWER_BOUND);
        LpResult lp = solve(in, UnaryOperator.identity());
        assertFullyServed(in, lp);
        double share = powerBindingShare(in.model(), lp);
        assertTrue(share >= 0.4, c + ": power binds in " + share + " of the (site, quarter) pairs with servers");
        Quarter from = in.model().policy().horizonFrom();
        long late = in.model().sites().stream().filter(s -> s.expansionReady() != null && from.isBefore(s.expansionReady())).count();
        assertTrue(late * 2 > in.model().sites().size(), c + ": " + late + " sites with a late expansion_ready");
        assertCheaperWithout(in, lp, HardInstancesTest::withoutPowerLimits, 0.05, "MW ceilings");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void budgetBoundBudgetsAreBelowWhatTheUnconstrainedPlanSpends(Case c) {
        Instance in = c.of(Flavor.BUDGET_BOUND);
        LpResult lp = solve(in, UnaryOperator.identity());
        assertFullyServed(in, lp);
        LpResult free = solve(in, HardInstancesTest::withoutBudgets);
        Evaluation spent = PlanEvaluator.evaluate(in.model(), in.demand(), free.plan());
        assertTrue(spent.capexByYear().stream().anyMatch(y -> y.capexUsd() > y.budgetUsd()),
                c + ": the unconstrained optimum spends within every budget: " + spent.capexByYear());
        assertCheaperWithout(in, lp, HardInstancesTest::withoutBudgets, 0.004, "budgets");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void partlyUnservableServesAtMostEightyToNinetyPercent(Case c) {
        Instance in = c.of(Flavor.PARTLY_UNSERVABLE);
        LpResult lp = solve(in, UnaryOperator.identity());
        double served = lp.maxServedInferences() / volume(in.demand());
        assertTrue(served >= 0.80 && served <= 0.90, c + ": the most any plan serves is " + served + " of the demand");
    }

    @Test
    void partlyUnservableLeavesCellsWithNoEligibleSiteInTheExactOptimum() {
        Instance in = new Case(Size.TINY, 1).of(Flavor.PARTLY_UNSERVABLE);
        LpResult mip = PlanLinearProgram.solve(in.model(), in.demand(), LpOptions.integer().withTimeLimit(Duration.ofSeconds(30)));
        assertTrue(mip.provenOptimal(), mip.message());
        Evaluation ev = PlanEvaluator.evaluate(in.model(), in.demand(), mip.plan());
        assertTrue(ev.feasible(), ev.violations().toString());
        assertTrue(ev.bindingLimits().stream().anyMatch(b -> b.kind().equals("no_eligible_site")), ev.bindingLimits().toString());
        double unmet = ev.unmetInferences() / volume(in.demand());
        assertTrue(unmet >= 0.10 && unmet <= 0.20, "unmet share " + unmet);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mixedBindsSeveralLimitsAtOnce(Case c) {
        Instance in = c.of(Flavor.MIXED);
        LpResult lp = solve(in, UnaryOperator.identity());
        assertFullyServed(in, lp);
        List<String> binding = new ArrayList<>();
        Map<String, UnaryOperator<PlanningModel>> relaxations = Map.of("supply", HardInstancesTest::withoutSupply,
                "budgets", HardInstancesTest::withoutBudgets, "residency", HardInstancesTest::withoutResidency,
                "power", HardInstancesTest::withoutPowerLimits);
        relaxations.forEach((name, relax) -> {
            if (solve(in, relax).totalCostUsd() < lp.totalCostUsd() * (1 - 5e-4)) {
                binding.add(name);
            }
        });
        assertTrue(binding.size() >= 2, c + ": only " + binding + " lower the cost by 0.05 % when relaxed");
    }

    // ------------------------------------------------------------------ version 2: commitments

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void versionTwoFieldsAreThereValidAndReadBackByTheLoader(Flavor flavor, @TempDir Path dir) throws IOException {
        for (Size size : Size.values()) {
            Instance in = HardInstances.generate(flavor, size, 1, true);
            PlanningModel m = in.model();
            String at = in.name();
            assertEquals(List.of(), ModelValidator.validate(m, at), at);
            for (Site s : m.sites()) {
                String site = at + " " + s.id() + ": build_quarters " + s.buildQuarters() + ", phase_mw " + s.phaseMw();
                assertTrue(s.buildQuarters() >= 1 && s.buildQuarters() <= Math.min(4, size.quarters() / 2), site);
                if (s.maxItMw() - s.existingItMw() < 0.001) {
                    assertNull(s.phaseMw(), site);
                } else {
                    assertTrue(s.phaseMw() != null && s.phaseMw() > 0 && s.phaseMw() <= 24, site);
                    assertEquals(s.maxItMw(), s.usableMaxItMw(), 0.05, site + ": whole phases fill the headroom");
                }
            }
            IntSummaryStatistics leads = m.chips().stream().mapToInt(Chip::orderLeadQuarters).summaryStatistics();
            assertTrue(leads.getMin() >= 0 && leads.getMax() <= 2 && leads.getMax() > leads.getMin(), at + ": order leads " + leads);
            Path folder = dir.resolve(flavor.label() + "-" + size.label());
            ModelWriter.write(m, folder, at);
            assertEquals(m, ModelLoader.load(folder), at + ": the loader reads the instance back as it is");
        }
    }

    @Test
    void versionTwoIsDeterministicPerSeedAndLeavesTheRestOfTheInstanceAsItWas() {
        for (Flavor f : Flavor.values()) {
            Instance v2 = HardInstances.generate(f, Size.SMALL, 7, true);
            assertEquals(v2.model(), HardInstances.generate(f, Size.SMALL, 7, true).model(), f.label());
            assertNotEquals(v2.model(), HardInstances.generate(f, Size.SMALL, 8, true).model(), f.label() + ": seeds differ");
            Instance v1 = HardInstances.generate(f, Size.SMALL, 7);
            assertEquals(v1.model(), HardInstances.generate(f, Size.SMALL, 7, false).model(), f.label());
            assertNotEquals(v1.model(), v2.model(), f.label());
            assertEquals(v1.model(), withoutCommitments(v2.model()), f.label() + ": only the version-2 fields differ");
            assertEquals(v1.demand(), v2.demand(), f.label());
        }
    }

    /** Lead times bind: the exact optimum with them serves less (the early quarters' demand, in part). */
    @Test
    void leadTimesMakeTheExactOptimumServeLess() {
        Instance in = HardInstances.generate(Flavor.SUPPLY_BOUND, Size.TINY, 1, true);
        LpOptions mip = LpOptions.integer().withTimeLimit(Duration.ofSeconds(30));
        LpResult with = PlanLinearProgram.solve(in.model(), in.demand(), mip);
        LpResult without = PlanLinearProgram.solve(withoutCommitments(in.model()), in.demand(), mip);
        assertTrue(with.provenOptimal() && without.provenOptimal(), with.status() + " " + without.status());
        Evaluation ev = PlanEvaluator.evaluate(in.model(), in.demand(), with.plan());
        assertTrue(ev.feasible(), ev.violations().toString());
        double volume = volume(in.demand());
        double lost = (with.unmetInferences() - without.unmetInferences()) / volume;
        assertTrue(lost > 0.05 && with.unmetInferences() < 0.6 * volume, "lead times leave " + lost + " of the demand unmet");
        Quarter first = in.model().policy().horizonFrom();
        double unmetFirst = ev.cells().stream().filter(c -> c.quarter().equals(first)).mapToDouble(Evaluation.CellResult::unmetInferences).sum();
        assertTrue(unmetFirst > 0, "the first quarter's demand is partly unmet");
    }

    // ------------------------------------------------------------------ measures

    private static LpResult solve(Instance in, UnaryOperator<PlanningModel> relax) {
        LpResult r = PlanLinearProgram.solve(relax.apply(in.model()), in.demand(), LP);
        assertTrue(r.provenOptimal(), in.name() + ": " + r.status() + " " + r.message());
        return r;
    }

    private static void assertFullyServed(Instance in, LpResult lp) {
        assertEquals(1.0, lp.maxServedInferences() / volume(in.demand()), 1e-9, in.name() + ": every demand is servable");
    }

    /** Relaxing a limit lowers the LP optimum's cost by at least {@code share}. */
    private static void assertCheaperWithout(Instance in, LpResult lp, UnaryOperator<PlanningModel> relax, double share,
                                             String what) {
        double relaxed = solve(in, relax).totalCostUsd();
        assertTrue(relaxed < lp.totalCostUsd() * (1 - share), in.name() + ": without " + what + " the optimum costs "
                + relaxed + " against " + lp.totalCostUsd() + ", less than " + 100 * share + " % lower");
    }

    private static double volume(List<DemandCell> demand) {
        return demand.stream().mapToDouble(DemandCell::avgIps).sum() * Quarter.SECONDS;
    }

    private static Quarter last(PlanningModel m) {
        return m.quarters().get(m.quarters().size() - 1);
    }

    /** Share of the (capped chip, quarter) pairs whose supply the plan's additions reach (within 1e-6). */
    static double supplyBindingShare(PlanningModel m, LpResult lp) {
        List<Quarter> qs = m.quarters();
        int pairs = 0;
        int binding = 0;
        for (Chip c : m.chips()) {
            for (int q = 0; q < qs.size(); q++) {
                long cap = c.supply().in(qs.get(q));
                if (cap == Long.MAX_VALUE) {
                    continue;
                }
                pairs++;
                double added = 0;
                for (Site s : m.sites()) {
                    double before = q == 0 ? s.existingServers(c.id()) : installed(lp, s, c, qs.get(q - 1));
                    added += installed(lp, s, c, qs.get(q)) - before;
                }
                if (added >= cap - 1e-6 * Math.max(1, cap)) {
                    binding++;
                }
            }
        }
        return pairs == 0 ? 0 : (double) binding / pairs;
    }

    /** Share of the (site, quarter) pairs with servers whose MW are within one server of the site's ceiling. */
    static double powerBindingShare(PlanningModel m, LpResult lp) {
        double maxKw = m.chips().stream().mapToDouble(Chip::serverKw).max().orElse(0);
        int pairs = 0;
        int binding = 0;
        for (Site s : m.sites()) {
            for (Quarter q : m.quarters()) {
                double kw = 0;
                for (Chip c : m.chips()) {
                    kw += installed(lp, s, c, q) * c.serverKw();
                }
                if (kw > 0) {
                    pairs++;
                    binding += kw / 1000.0 >= LeadTimes.maxMwIn(s, m.policy(), q) - maxKw / 1000.0 ? 1 : 0;
                }
            }
        }
        return pairs == 0 ? 0 : (double) binding / pairs;
    }

    private static double installed(LpResult lp, Site s, Chip c, Quarter q) {
        return lp.installedExact().getOrDefault(new Plan.SiteChipQuarter(s.id(), c.id(), q), 0.0);
    }

    // ------------------------------------------------------------------ relaxations

    static PlanningModel withoutSupply(PlanningModel m) {
        List<Chip> chips = m.chips().stream().map(c -> new Chip(c.id(), c.vendor(), c.domestic(), c.serverPriceUsd(),
                c.serverKw(), c.idleFraction(), c.amortizationQuarters(), c.throughputIps(), Chip.Supply.UNLIMITED,
                c.bannedJurisdictions())).toList();
        return new PlanningModel(m.regions(), m.workloads(), m.sites(), chips, m.policy());
    }

    static PlanningModel withoutBudgets(PlanningModel m) {
        Policy p = m.policy();
        return new PlanningModel(m.regions(), m.workloads(), m.sites(), m.chips(), new Policy(p.horizonFrom(),
                p.horizonTo(), p.planningQuantile(), p.rho(), p.targetUtilization(), Map.of(), p.facilityAmortizationQuarters()));
    }

    /** Residency and the regions' SLO overrides gone (the workloads' own SLOs stay). */
    static PlanningModel withoutResidency(PlanningModel m) {
        List<Region> regions = m.regions().stream().map(r -> new Region(r.id(), r.name(), r.countries(), List.of(), Map.of())).toList();
        return new PlanningModel(regions, m.workloads(), m.sites(), m.chips(), m.policy());
    }

    /** The version-2 fields gone: built in no time, continuously, every chip installed as ordered. */
    static PlanningModel withoutCommitments(PlanningModel m) {
        List<Site> sites = m.sites().stream().map(s -> s.withCommitments(0, null)).toList();
        List<Chip> chips = m.chips().stream().map(c -> c.withOrderLead(0)).toList();
        return new PlanningModel(m.regions(), m.workloads(), sites, chips, m.policy());
    }

    /** Every site may grow to five times its ceiling plus 100 MW, from the start. */
    static PlanningModel withoutPowerLimits(PlanningModel m) {
        List<Site> sites = m.sites().stream().map(s -> new Site(s.id(), s.name(), s.country(), s.jurisdiction(), s.latencyMs(),
                s.existingItMw(), Math.max(s.maxItMw(), s.existingItMw()) * 5 + 100, s.expansionUsdPerMw(), null,
                s.electricityUsdPerMwh(), s.pue(), s.existingServers())).toList();
        return new PlanningModel(m.regions(), m.workloads(), sites, m.chips(), m.policy());
    }
}
