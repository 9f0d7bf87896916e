package dcplan;

import dcplan.model.Chip;
import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hand-worked models of contract version 2 ("Commitments and lead times") shared by the LP
 * and the planner tests, on {@link TinyModel}'s ground: region r, workload chat, u = 0.8, PUE 1,
 * 100 USD/MWh. Chips are 10 kW, idle 0.5, 20 quarters: A 100,000 USD at 100 ips, B 50,000 USD at
 * 80 ips. Demand cells are peak 8000 / avg 4000 ips.
 */
public final class CommitmentModels {
    private CommitmentModels() {
    }

    /** A cell of 8000 peak, 4000 avg ips in each quarter given. */
    public static List<DemandCell> cells(String... quarters) {
        List<DemandCell> out = new ArrayList<>();
        for (String q : quarters) {
            out.add(TinyModel.cell(q, 8000, 4000));
        }
        return out;
    }

    /** Chip A at site s (XX) with no MW yet, up to 10 MW at 8 MUSD / MW in phases of {@code phaseMw}, built in {@code buildQuarters}. */
    public static TinyModel phasedSite(String from, String to, int buildQuarters, double phaseMw) {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 0, 10, 8e6, Map.of()).chip("A", 100_000, 100, null, List.of());
        m.sites.set(0, m.sites.get(0).withCommitments(buildQuarters, phaseMw));
        m.from = Quarter.parse(from);
        m.to = Quarter.parse(to);
        return m;
    }

    /** Chip A ordered 1 quarter ahead at a site with 10 MW, 2026Q1-2026Q2. */
    public static PlanningModel orderLeadModel() {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of()).chip("A", 100_000, 100, null, List.of());
        m.chips.set(0, m.chips.get(0).withOrderLead(1));
        return m.build();
    }

    /** A (no lead time) and B (ordered 1 quarter ahead, with {@code bBans}) at a site with 10 MW, 2026Q1-2026Q4. */
    public static PlanningModel strandingModel(List<Chip.Ban> bBans) {
        TinyModel m = TinyModel.oneRegion().site("s", "XX", 10, 10, 0, Map.of())
                .chip("A", 100_000, 100, null, List.of())
                .chip("B", 50_000, 80, null, bBans);
        m.chips.set(1, m.chips.get(1).withOrderLead(1));
        m.to = Quarter.parse("2026Q4");
        return m.build();
    }
}
