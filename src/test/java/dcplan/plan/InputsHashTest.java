package dcplan.plan;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Site;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsHashTest {
    final PlanFixture fx = PlanFixture.standard();

    @Test
    void sameInputsHashTheSame() {
        String h = InputsHash.sha256(fx.model(), fx.demand());
        assertEquals(64, h.length());
        assertEquals(h, InputsHash.sha256(fx.model(), fx.demand()));
        // demand order does not matter
        List<DemandCell> reversed = new ArrayList<>(fx.demand());
        Collections.reverse(reversed);
        assertEquals(h, InputsHash.sha256(fx.model(), reversed));
        // map insertion order does not matter
        PlanningModel m = fx.model();
        Map<String, Double> thr = new LinkedHashMap<>();
        thr.put("batch", 20.0);
        thr.put("chat", 10.0);
        Chip a = m.chips().get(0);
        Chip a2 = new Chip(a.id(), a.vendor(), a.domestic(), a.serverPriceUsd(), a.serverKw(), a.idleFraction(),
                a.amortizationQuarters(), thr, a.supply(), a.bannedJurisdictions());
        PlanningModel m2 = new PlanningModel(m.regions(), m.workloads(), m.sites(), List.of(a2, m.chips().get(1)), m.policy());
        assertEquals(h, InputsHash.sha256(m2, fx.demand()));
    }

    @Test
    void anyChangeChangesTheHash() {
        String h = InputsHash.sha256(fx.model(), fx.demand());
        PlanningModel m = fx.model();
        Site sp = m.sites().get(0);
        Site sp2 = new Site(sp.id(), sp.name(), sp.country(), sp.jurisdiction(), sp.latencyMs(), sp.existingItMw(),
                sp.maxItMw(), sp.expansionUsdPerMw(), sp.expansionReady(), sp.electricityUsdPerMwh() + 0.5, sp.pue(),
                sp.existingServers());
        assertNotEquals(h, InputsHash.sha256(new PlanningModel(m.regions(), m.workloads(), List.of(sp2, m.sites().get(1)),
                m.chips(), m.policy()), fx.demand()));
        List<DemandCell> d = new ArrayList<>(fx.demand());
        d.set(0, new DemandCell("br", "chat", fx.q1, 100, 50.000001));
        assertNotEquals(h, InputsHash.sha256(m, d));
    }

    @Test
    void canonicalJsonWritesQuartersAsText() {
        String json = InputsHash.canonicalJson(fx.model(), fx.demand());
        assertTrue(json.contains("\"expansionReady\":\"2026Q2\""), json);
        assertTrue(json.contains("\"horizonFrom\":\"2026Q1\""), json);
    }
}
