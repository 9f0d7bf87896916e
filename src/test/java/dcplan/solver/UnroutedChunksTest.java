package dcplan.solver;

import dcplan.TinyModel;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.domain.DemandChunk;
import dcplan.solver.search.UnroutedChunks;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.SolverConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The construction of the unrouted chunks ({@link UnroutedChunks}): once a chunk of a cell stays
 * unrouted, the cell's other chunks as large are not tried (nothing changed, so each would score
 * every route as the first did).
 */
class UnroutedChunksTest {

    /** One site, one chip of 100 chat ips a server (80 at u = 0.8), 10 servers a quarter. */
    private static PlanningModel supplyTen() {
        return TinyModel.oneRegion().site("s", "XX", 10, 10, 10_000_000, Map.of()).chip("c", 100_000, 100, 10L, List.of())
                .build();
    }

    /** 1,600 peak ips in 32 chunks of 50 (0.625 servers each): supply for 10 servers carries 15 or 16 of them. */
    private static CapacityPlan oneCellTwiceTheSupply(PlanningModel model) {
        List<DemandCell> demand = List.of(TinyModel.cell("2026Q1", 1600, 800));
        return ProblemBuilder.build(model, demand, 32);
    }

    private static CapacityPlan construct(CapacityPlan problem, UnroutedChunks construction) {
        SolverConfig config = CapacitySolver.config(CapacitySolver.Options.stepLimited(1, 1));
        config.setPhaseConfigList(List.of(new CustomPhaseConfig().withCustomPhaseCommands(construction)));
        return SolverFactory.<CapacityPlan>create(config).buildSolver().solve(problem);
    }

    @Test
    void aCellsChunksAsLargeAreNotTriedOnceOneStaysUnrouted() {
        CapacityPlan problem = oneCellTwiceTheSupply(supplyTen());
        assertEquals(32, problem.getChunks().size());
        UnroutedChunks construction = new UnroutedChunks(() -> false, null);
        CapacityPlan built = construct(problem, construction);
        long routed = built.getChunks().stream().filter(c -> c.getRoute() != null).count();
        assertEquals(0, built.getScore().hardScore(), "within supply: " + built.getScore());
        assertTrue(routed >= 15 && routed <= 16, "as many as 10 servers carry: " + routed);
        assertEquals(routed + 1, construction.tried(), "the first chunk that stayed unrouted ends the cell's tries");
        assertFalse(construction.unfinished(), "every chunk reached: the deadline may read its seconds as what it takes");
        assertTrue(construction.seconds() > 0, "timed: " + construction.seconds());
    }

    @Test
    void nothingIsTriedOnceItsTimeIsUp() {
        CapacityPlan problem = oneCellTwiceTheSupply(supplyTen());
        UnroutedChunks construction = new UnroutedChunks(() -> false, Duration.ZERO);
        CapacityPlan built = construct(problem, construction);
        assertEquals(0, construction.tried());
        assertTrue(built.getChunks().stream().map(DemandChunk::getRoute).allMatch(r -> r == null), "left as the start left them");
        assertTrue(construction.unfinished(), "cut at its limit: how long it would take is not known");
    }

    @Test
    void aStoppedConstructionIsUnfinished() {
        CapacityPlan problem = oneCellTwiceTheSupply(supplyTen());
        UnroutedChunks construction = new UnroutedChunks(() -> true, null);
        construct(problem, construction);
        assertEquals(0, construction.tried());
        assertTrue(construction.unfinished(), "stopped before its first chunk");
    }
}
