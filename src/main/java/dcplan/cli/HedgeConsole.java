package dcplan.cli;

import dcplan.hedge.CasePlan;
import dcplan.hedge.HedgeFigures;
import dcplan.hedge.HedgedPlan;

import java.util.function.Consumer;

/** The headline lines {@code dcplan hedge} prints: each future, the expectations, EVPI, VSS, the bound. */
final class HedgeConsole {
    private HedgeConsole() {
    }

    static void print(Consumer<String> note, HedgedPlan hedged, HedgeFigures f) {
        for (CasePlan p : hedged.plans()) {
            note.accept(String.format("  %-24s p %.3f  %s  cost %s USD, unmet %s inferences", p.name(), p.probability(),
                    p.evaluation().feasible() ? "feasible  " : "INFEASIBLE " + p.evaluation().violations().keySet(),
                    Format.usd(p.evaluation().totalCostUsd()), Format.count(p.evaluation().unmetInferences())));
        }
        HedgeFigures.Expectation x = f.hedged();
        note.accept("expected cost            " + Format.usd(x.totalCostUsd()) + " USD, unmet " + Format.count(x.unmetInferences())
                + " inferences, " + (x.usdPerMillion() == null ? "-" : Format.usd(x.usdPerMillion(), 4)) + " USD per M inferences");
        note.accept("EVPI                     " + Format.usd(f.evpiCostUsd()) + " USD, unmet " + Format.count(f.evpiUnmet())
                + " (each future planned alone, in expectation)");
        note.accept("VSS                      " + (f.vssNote().isEmpty() ? Format.usd(f.vssCostUsd()) + " USD, unmet "
                + Format.count(f.vssUnmet()) + " (the central future's commitments kept everywhere, less the hedge)" : f.vssNote()));
        if (hedged.expectedCostBoundUsd() != null) {
            double gap = (x.totalCostUsd() - hedged.expectedCostBoundUsd()) / Math.max(1.0, Math.abs(hedged.expectedCostBoundUsd()));
            note.accept("lower bound              " + Format.usd(hedged.expectedCostBoundUsd()) + " USD (" + hedged.boundKind()
                    + "), gap " + Format.percent(gap));
        }
    }
}
