package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.domain.PhaseBuild;
import dcplan.solver.domain.ServerPurchase;
import dcplan.solver.domain.SiteChip;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test per constraint, named after it, each with a case that must be penalised (by the
 * hand-worked amount) and one that must not. Figures: a chip of 10 kW at 100,000 USD, idle 0.5,
 * 20-quarter amortisation, 100 chat ips per server, u = 0.8 (so 80 ips per installed server);
 * soft penalties are micro-dollars;
 * sites at PUE 1 and 100 USD/MWh, i.e. 219 USD per kW per quarter (2190 h).
 */
class CapacityConstraintsTest {
    private final ConstraintVerifier<CapacityConstraints, CapacityPlan> verifier =
            ConstraintVerifier.build(new CapacityConstraints(), CapacityPlan.class, DemandChunk.class, ServerPurchase.class,
                    PhaseBuild.class);

    /** Builds the problem with one chunk per cell and routes every chunk to site/chip. */
    private static CapacityPlan routed(TinyModel m, List<DemandCell> demand, String site, String chip) {
        return routed(m, demand, site, chip, Commitments.NONE);
    }

    /** The same, keeping a what-if's commitments. */
    private static CapacityPlan routed(TinyModel m, List<DemandCell> demand, String site, String chip, Commitments held) {
        CapacityPlan p = ProblemBuilder.build(m.build(), demand, 1, held);
        SiteChip route = route(p, site, chip);
        p.getChunks().forEach(c -> c.setRoute(route));
        return p;
    }

    private static SiteChip route(CapacityPlan p, String site, String chip) {
        return p.getRoutes().stream().filter(r -> r.site().id().equals(site) && r.chip().id().equals(chip))
                .findFirst().orElseThrow();
    }

    private static Object[] facts(CapacityPlan p) {
        List<Object> all = new ArrayList<>(p.getChunks());
        all.addAll(p.getQuarters());
        all.addAll(p.getPurchases());
        all.addAll(p.getPhaseBuilds());
        return all.toArray();
    }

    private static TinyModel oneSiteOneChip(double existingMw, double maxMw, Long supply) {
        return TinyModel.oneRegion().site("s", "XX", existingMw, maxMw, 10_000_000, Map.of())
                .chip("c", 100_000, 100, supply, List.of());
    }

    @Test
    void eligibility() {
        TinyModel m = oneSiteOneChip(1, 1, null)
                .chip("banned", 50_000, 100, null, List.of(new Chip.Ban("XX", null)));
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 80, 40));
        verifier.verifyThat(CapacityConstraints::eligibility).given(facts(routed(m, demand, "s", "c"))).penalizesBy(0);
        // the banned chip is not in the chunk's value range, but a warm start may still hold it
        verifier.verifyThat(CapacityConstraints::eligibility).given(facts(routed(m, demand, "s", "banned"))).penalizesBy(1_000);
    }

    @Test
    void power() {
        // 0.1 MW fits 10 servers of 10 kW; 880 ips need ceil(880 / 80) = 11 servers = 110 kW: 10 kW over
        List<DemandCell> over = List.of(TinyModel.cell("2026Q1", 880, 400));
        verifier.verifyThat(CapacityConstraints::power)
                .given(facts(routed(oneSiteOneChip(0.1, 0.1, null), over, "s", "c")))
                .penalizesBy(10 * 2); // 10 kW over in 2026Q1, and in 2026Q2 since servers stay installed
        List<DemandCell> fits = List.of(TinyModel.cell("2026Q1", 800, 400));
        verifier.verifyThat(CapacityConstraints::power)
                .given(facts(routed(oneSiteOneChip(0.1, 0.1, null), fits, "s", "c"))).penalizesBy(0);
    }

    /**
     * Phases the search builds fit under the ceiling too: 0.1 MW existing, up to 0.3 MW in phases
     * of 0.1 MW, 10 servers (0.1 MW) routed. Two phases built in 2026Q1 reach the ceiling; three
     * are 0.1 MW = 100 kW over, in 2026Q1 and 2026Q2 (MW never decrease).
     */
    @Test
    void powerCountsPhasesBuiltAheadOfTheServers() {
        TinyModel m = oneSiteOneChip(0.1, 0.3, null);
        m.sites.set(0, m.sites.get(0).withCommitments(0, 0.1));
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 800, 400));
        CapacityPlan fits = routed(m, demand, "s", "c");
        fits.getPhaseBuilds().get(0).setPhases(2);
        verifier.verifyThat(CapacityConstraints::power).given(facts(fits)).penalizesBy(0);
        CapacityPlan over = routed(m, demand, "s", "c");
        over.getPhaseBuilds().get(0).setPhases(3);
        verifier.verifyThat(CapacityConstraints::power).given(facts(over)).penalizesBy(100 * 2);
    }

    @Test
    void supply() {
        // 10 servers a quarter: 8 then 20 needed -> 8 bought, then 12 bought in 2026Q2: 2 over
        List<DemandCell> ramp = List.of(TinyModel.cell("2026Q1", 640, 300), TinyModel.cell("2026Q2", 1600, 800));
        verifier.verifyThat(CapacityConstraints::supply)
                .given(facts(routed(oneSiteOneChip(10, 10, 10L), ramp, "s", "c"))).penalizesBy(2);
        // 8 then 18: 8 and 10 bought, within supply
        List<DemandCell> gentle = List.of(TinyModel.cell("2026Q1", 640, 300), TinyModel.cell("2026Q2", 1440, 700));
        verifier.verifyThat(CapacityConstraints::supply)
                .given(facts(routed(oneSiteOneChip(10, 10, 10L), gentle, "s", "c"))).penalizesBy(0);
    }

    /**
     * Purchases are floors: 10 servers bought in 2026Q1, where the load needs 8, leave 10 to buy in
     * 2026Q2 for its 20, within the supply of 10 a quarter (the ramp above is 2 over without them).
     */
    @Test
    void supply_purchasesAheadOfNeed() {
        List<DemandCell> ramp = List.of(TinyModel.cell("2026Q1", 640, 300), TinyModel.cell("2026Q2", 1600, 800));
        CapacityPlan p = routed(oneSiteOneChip(10, 10, 10L), ramp, "s", "c");
        p.getPurchases().stream().filter(b -> b.quarter().index() == 0).forEach(b -> b.setServers(10));
        verifier.verifyThat(CapacityConstraints::supply).given(facts(p)).penalizesBy(0);
        // bought beyond the supply: 11 in 2026Q1 is 1 over (and 9 in 2026Q2 within)
        p.getPurchases().stream().filter(b -> b.quarter().index() == 0).forEach(b -> b.setServers(11));
        verifier.verifyThat(CapacityConstraints::supply).given(facts(p)).penalizesBy(1);
    }

    @Test
    void budget() {
        // 11 servers x 100,000 USD = 1.1 M USD in 2026 against 1.0 M: 100 kUSD over
        TinyModel tight = oneSiteOneChip(1, 1, null);
        tight.budgets.put(2026, 1_000_000.0);
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 880, 400));
        verifier.verifyThat(CapacityConstraints::budget).given(facts(routed(tight, demand, "s", "c"))).penalizesBy(100);
        // facility MW count too: 10 servers (1.0 M USD) plus 0.05 MW at 10 M USD/MW (0.5 M USD) in 1.2 M: 300 kUSD over
        TinyModel withExpansion = oneSiteOneChip(0.05, 1, null);
        withExpansion.budgets.put(2026, 1_200_000.0);
        verifier.verifyThat(CapacityConstraints::budget)
                .given(facts(routed(withExpansion, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(300);
        TinyModel enough = oneSiteOneChip(1, 1, null);
        enough.budgets.put(2026, 1_100_000.0);
        verifier.verifyThat(CapacityConstraints::budget).given(facts(routed(enough, demand, "s", "c"))).penalizesBy(0);
    }

    /**
     * Rule 5': MW usable from q are paid over the build quarters before q. 10 servers in 2027Q1
     * need 0.1 MW at 10 MUSD / MW, built in 1 quarter: 1 MUSD paid in 2026Q4 against a 2026
     * budget of 0.5 MUSD (the servers, 1 MUSD, are paid in 2027): 500 kUSD over. The same when
     * 2027Q1 is not the horizon's last quarter (its MW then also stand in 2027Q2).
     */
    @Test
    void budget_constructionCashIsPaidBeforeTheMwAreUsable() {
        for (String to : List.of("2027Q1", "2027Q2")) {
            TinyModel m = constructionModel(to, 500_000.0);
            verifier.verifyThat(CapacityConstraints::budget)
                    .given(facts(routed(m, List.of(TinyModel.cell("2027Q1", 800, 400)), "s", "c"))).penalizesBy(500);
            TinyModel enough = constructionModel(to, 1_000_000.0);
            verifier.verifyThat(CapacityConstraints::budget)
                    .given(facts(routed(enough, List.of(TinyModel.cell("2027Q1", 800, 400)), "s", "c"))).penalizesBy(0);
        }
    }

    /**
     * MW built ahead at a site whose MW are continuous ({@link PhaseBuild} in watts) are paid in
     * the quarter they are first usable: 10 servers in 2027Q1 (1 MUSD) need 0.1 MW (1 MUSD at
     * 10 MUSD / MW) against a 2027 budget of 1 MUSD: 1,000 kUSD over with the MW derived from
     * the servers; none with the 0.1 MW built ahead in 2026Q4 (2026 unbudgeted).
     */
    @Test
    void budget_continuousMwBuiltAheadArePaidInTheirOwnYear() {
        TinyModel m = oneSiteOneChip(0, 1, null);
        m.from = Quarter.parse("2026Q3");
        m.to = Quarter.parse("2027Q1");
        m.budgets.put(2027, 1_000_000.0);
        List<DemandCell> demand = List.of(TinyModel.cell("2027Q1", 800, 400));
        CapacityPlan derived = routed(m, demand, "s", "c");
        verifier.verifyThat(CapacityConstraints::budget).given(facts(derived)).penalizesBy(1_000);
        CapacityPlan ahead = routed(m, demand, "s", "c");
        PhaseBuild q4 = ahead.getPhaseBuilds().stream().filter(b -> b.quarter().index() == 1).findFirst().orElseThrow();
        q4.setPhases(100_000); // watts
        verifier.verifyThat(CapacityConstraints::budget).given(facts(ahead)).penalizesBy(0);
    }

    private static TinyModel constructionModel(String to, double budget2026) {
        TinyModel m = oneSiteOneChip(0, 1, null);
        m.sites.set(0, m.sites.get(0).withCommitments(1, null));
        m.from = Quarter.parse("2026Q4");
        m.to = Quarter.parse(to);
        m.budgets.put(2026, budget2026);
        return m;
    }

    /**
     * (4') 800 ips in 2026Q1 on a chip ordered 1 quarter ahead: its 10 servers are added before
     * its first delivery (2026Q2): 10. The same demand in 2026Q2, or carried by 10 existing
     * servers, adds nothing too early.
     */
    @Test
    void orderLeadTime() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        m.chips.set(0, m.chips.get(0).withOrderLead(1));
        verifier.verifyThat(CapacityConstraints::orderLeadTime)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c"))).penalizesBy(10);
        verifier.verifyThat(CapacityConstraints::orderLeadTime)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q2", 800, 400)), "s", "c"))).penalizesBy(0);
        TinyModel existing = TinyModel.oneRegion().site("s", "XX", 1, 1, 0, Map.of("c", 10)).chip("c", 100_000, 100, null, List.of());
        existing.chips.set(0, existing.chips.get(0).withOrderLead(1));
        verifier.verifyThat(CapacityConstraints::orderLeadTime)
                .given(facts(routed(existing, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c"))).penalizesBy(0);
    }

    /**
     * A what-if decided at 2026Q2 keeps the baseline's 5 servers added in 2026Q1: 800 ips in
     * 2026Q1 need 10, 5 more than held: 5. 400 ips (5 servers) fit the commitments; so does 800
     * ips in 2026Q2, after the held quarters (servers may be added there).
     */
    @Test
    void commitments() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        Commitments held = heldFiveServersIn2026Q1(m);
        verifier.verifyThat(CapacityConstraints::commitments)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c", held))).penalizesBy(5);
        verifier.verifyThat(CapacityConstraints::commitments)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q1", 400, 200)), "s", "c", held))).penalizesBy(0);
        verifier.verifyThat(CapacityConstraints::commitments)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q2", 800, 400)), "s", "c", held))).penalizesBy(0);
    }

    /**
     * Held servers are the baseline's, a constant: the score prices only the servers added beyond
     * them. 800 ips in 2026Q2 need 10 servers, 5 held from 2026Q1: 5 added, 5,000 USD each a
     * quarter, in 2026Q2 only.
     */
    @Test
    void serverCapex_onlyBeyondTheHeldServers() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q2", 800, 400)), "s", "c", heldFiveServersIn2026Q1(m))))
                .penalizesBy(5 * 5_000 * 1_000_000L);
    }

    private static Commitments heldFiveServersIn2026Q1(TinyModel m) {
        Quarter q1 = Quarter.parse("2026Q1");
        Quarter q2 = Quarter.parse("2026Q2");
        Plan baseline = new Plan(List.of(), Map.of(new Plan.SiteChipQuarter("s", "c", q1), 5,
                new Plan.SiteChipQuarter("s", "c", q2), 5), Map.of());
        return Commitments.of(m.build(), baseline, m.build(), q2);
    }

    /**
     * MW come in whole phases: 10 servers draw 0.1 MW, 0.05 MW exist, and phases are 0.25 MW: one
     * phase at 12 MUSD / MW over 60 quarters, 50,000 USD a quarter, both quarters.
     */
    @Test
    void facilityCapex_wholePhases() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0.05, 1, 12_000_000, Map.of()).chip("c", 100_000, 100, null, List.of());
        m.sites.set(0, m.sites.get(0).withCommitments(0, 0.25));
        verifier.verifyThat(CapacityConstraints::facilityCapex)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(2 * 50_000 * 1_000_000L);
    }

    @Test
    void noOverServing() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        CapacityPlan p = routed(m, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c");
        verifier.verifyThat(CapacityConstraints::noOverServing).given(facts(p)).penalizesBy(0);
        // a second chunk of the same cell carrying its whole peak again: 800 ips = 800,000 milli-ips over
        DemandChunk copy = new DemandChunk(99, p.getChunks().get(0).cell(), 800, 400);
        copy.setRoute(p.getChunks().get(0).getRoute());
        List<Object> all = new ArrayList<>(List.of(facts(p)));
        all.add(copy);
        verifier.verifyThat(CapacityConstraints::noOverServing).given(all.toArray()).penalizesBy(800_000 - 64);
    }

    @Test
    void unmetDemand() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        CapacityPlan p = routed(m, List.of(TinyModel.cell("2026Q1", 800, 440)), "s", "c");
        verifier.verifyThat(CapacityConstraints::unmetDemand).given(facts(p)).penalizesBy(0);
        p.getChunks().get(0).setRoute(null);
        // 440 ips on average for 2190 h x 3600 s = 3,468,960,000 inferences
        verifier.verifyThat(CapacityConstraints::unmetDemand).given(facts(p)).penalizesBy(3_468_960_000L);
    }

    @Test
    void servedWithinTheTieAboveTheStart() {
        TinyModel m = oneSiteOneChip(1, 1, null);
        CapacityPlan p = routed(m, List.of(TinyModel.cell("2026Q1", 800, 440), TinyModel.cell("2026Q2", 20, 10)), "s", "c");
        long large = p.getChunks().get(0).inferences();
        long crumb = p.getChunks().get(1).inferences();
        // 440 and 10 ips on average for 2190 h x 3600 s
        org.junit.jupiter.api.Assertions.assertEquals(List.of(3_468_960_000L, 78_840_000L), List.of(large, crumb));
        // no start, no tie: nothing, whatever is unmet
        p.getChunks().forEach(c -> c.setRoute(null));
        verifier.verifyThat(CapacityConstraints::servedWithinTheTieAboveTheStart).given(facts(p)).rewardsWith(0);
        // the start left both unmet; the tie is the crumb and 1,000 inferences more
        dcplan.solver.domain.ServedTie tie = new dcplan.solver.domain.ServedTie(large + crumb, crumb + 1_000);
        verifier.verifyThat(CapacityConstraints::servedWithinTheTieAboveTheStart).given(with(p, tie)).rewardsWith(crumb + 1_000);
        // serving the crumb is within the tie: the reward falls by the crumb, so the medium score
        // (unmet less the reward) stays the same and cost decides
        p.getChunks().get(1).setRoute(route(p, "s", "c"));
        verifier.verifyThat(CapacityConstraints::servedWithinTheTieAboveTheStart).given(with(p, tie)).rewardsWith(1_000);
        // serving the large chunk instead is beyond the tie: no reward, the whole volume counts
        p.getChunks().get(1).setRoute(null);
        p.getChunks().get(0).setRoute(route(p, "s", "c"));
        verifier.verifyThat(CapacityConstraints::servedWithinTheTieAboveTheStart).given(with(p, tie)).rewardsWith(0);
        // everything served: nothing to give back
        p.getChunks().get(1).setRoute(route(p, "s", "c"));
        verifier.verifyThat(CapacityConstraints::servedWithinTheTieAboveTheStart).given(with(p, tie)).rewardsWith(0);
    }

    private static Object[] with(CapacityPlan p, Object fact) {
        List<Object> all = new ArrayList<>(List.of(facts(p)));
        all.add(fact);
        return all.toArray();
    }

    @Test
    void serverCapex() {
        // 800 ips need 10 servers; 4 exist, so 6 added: 6 x 100,000 / 20 = 30,000 USD a quarter, 2 quarters
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 1, 1, 0, Map.of("c", 4)).chip("c", 100_000, 100, null, List.of());
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(m, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(2 * 30_000 * 1_000_000L);
        TinyModel enoughExisting = TinyModel.oneRegion().site("s", "XX", 1, 1, 0, Map.of("c", 10)).chip("c", 100_000, 100, null, List.of());
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(enoughExisting, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(0);
    }

    @Test
    void facilityCapex() {
        // 10 servers draw 0.1 MW; 0.05 MW exist, so 0.05 MW built at 10 M USD/MW = 500,000 USD over
        // 60 quarters = 8,333.333 USD a quarter = 8,333,333,333 micro-dollars, in both quarters
        verifier.verifyThat(CapacityConstraints::facilityCapex)
                .given(facts(routed(oneSiteOneChip(0.05, 1, null), List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(2 * 8_333_333_333L);
        verifier.verifyThat(CapacityConstraints::facilityCapex)
                .given(facts(routed(oneSiteOneChip(0.1, 1, null), List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(0);
    }

    @Test
    void busyEnergy() {
        // 400 ips on average / 100 ips per server = 4 busy servers x (1 - 0.5) x 10 kW x 219 USD/kW = 4,380 USD
        verifier.verifyThat(CapacityConstraints::busyEnergy)
                .given(facts(routed(oneSiteOneChip(1, 1, null), List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(4_380L * 1_000_000L);
        verifier.verifyThat(CapacityConstraints::busyEnergy)
                .given(facts(routed(oneSiteOneChip(1, 1, null), List.of(TinyModel.cell("2026Q1", 800, 0)), "s", "c")))
                .penalizesBy(0);
    }

    @Test
    void idleEnergy() {
        // 10 added servers x 0.5 x 10 kW x 219 USD/kW = 10,950 USD a quarter, in both quarters
        verifier.verifyThat(CapacityConstraints::idleEnergy)
                .given(facts(routed(oneSiteOneChip(1, 1, null), List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(2 * 10_950L * 1_000_000L);
        TinyModel existing = TinyModel.oneRegion().site("s", "XX", 1, 1, 0, Map.of("c", 10)).chip("c", 100_000, 100, null, List.of());
        verifier.verifyThat(CapacityConstraints::idleEnergy)
                .given(facts(routed(existing, List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(0);
    }

    /**
     * Capacity (constraint 2) holds in the derived stream {@link CapacityConstraints#capacity}:
     * it is verified through the server capex it drives (100,000 USD / 20 quarters = 5,000 USD
     * per added server and quarter, two quarters).
     */
    @Test
    void capacity() {
        // 880 ips at 80 ips per installed server need 11 servers (10 would carry 800 only)
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(oneSiteOneChip(1, 1, null), List.of(TinyModel.cell("2026Q1", 880, 400)), "s", "c")))
                .penalizesBy(2 * 11 * 5_000 * 1_000_000L);
        // exactly 800 ips: 10 servers, no server bought for round-off
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(oneSiteOneChip(1, 1, null), List.of(TinyModel.cell("2026Q1", 800, 400)), "s", "c")))
                .penalizesBy(2 * 10 * 5_000 * 1_000_000L);
        // existing servers carry load first: 6 exist, 11 needed, 5 bought
        TinyModel withExisting = TinyModel.oneRegion().site("s", "XX", 1, 1, 0, Map.of("c", 6)).chip("c", 100_000, 100, null, List.of());
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(withExisting, List.of(TinyModel.cell("2026Q1", 880, 400)), "s", "c")))
                .penalizesBy(2 * 5 * 5_000 * 1_000_000L);
    }

    @Test
    void capacity_installedServersFollowTheRunningMaximumOfNeed() {
        // capacity (constraint 2) holds by construction: 20 servers needed in 2026Q1 and 5 in
        // 2026Q2 keep 20 installed in 2026Q2 (I never decreases), so capex counts 20 twice
        List<DemandCell> falling = List.of(TinyModel.cell("2026Q1", 1600, 800), TinyModel.cell("2026Q2", 400, 200));
        verifier.verifyThat(CapacityConstraints::serverCapex)
                .given(facts(routed(oneSiteOneChip(1, 1, null), falling, "s", "c")))
                .penalizesBy(2 * 20 * 5_000 * 1_000_000L);
    }
}
