package dcplan.report;

import dcplan.plan.ReportThresholds;
import dcplan.report.HedgeRun.Commitment;
import dcplan.report.HedgeRun.Figures;
import dcplan.report.HedgeRun.Future;
import dcplan.report.ReportTables.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.mw;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;

/**
 * What a hedged run's report shows, as tables and sentences shared by report.html and report.md
 * ({@link HedgeReport}): what to commit now, each future's figures, what each future does from
 * the decision quarter on, and EVPI and VSS in a planner's words. Unmet inferences under a
 * millionth of the demand are shown as 0 ({@link ReportThresholds}).
 */
final class HedgeTables {
    private HedgeTables() {
    }

    /** What to do now, in one sentence: servers to order, MW to start, before D, and their capex. */
    static String commitNow(HedgeRun run) {
        String d = run.text("decided_until");
        List<Commitment> rows = run.commitments();
        if (rows.isEmpty()) {
            return "Nothing needs committing before " + d + ": every future's plan orders its servers and starts its "
                    + "MW from " + d + " on, once it is known which future comes.";
        }
        double servers = rows.stream().filter(Commitment::isServer).mapToDouble(Commitment::added).sum();
        double mw = rows.stream().filter(c -> !c.isServer()).mapToDouble(Commitment::mw).sum();
        Set<String> serverSites = new TreeSet<>();
        Set<String> mwSites = new TreeSet<>();
        rows.forEach(c -> (c.isServer() ? serverSites : mwSites).add(c.site()));
        List<String> parts = new ArrayList<>();
        if (servers > 0) {
            parts.add("order " + count(servers) + " servers at " + String.join(", ", serverSites));
        }
        if (mw > 0) {
            parts.add("start " + mw(mw) + " of facility at " + String.join(", ", mwSites));
        }
        Double capex = run.num("/commitments/capex_usd");
        return "Before " + d + ", in every future: " + String.join(" and ", parts)
                + (capex == null ? "" : " (capex " + usd(capex) + ")") + ". The rest waits until it is known which future comes.";
    }

    /** commitments.csv for people: what, where, when to decide it, when it is usable, how much. */
    static Table commitments(HedgeRun run) {
        List<List<String>> rows = new ArrayList<>();
        for (Commitment c : run.commitments()) {
            rows.add(List.of(c.isServer() ? "order servers" : "start building MW", c.site(), c.isServer() ? c.chip() : "",
                    c.decidedIn(), c.quarter(), c.isServer() ? count(c.added()) : "", c.isServer() ? "" : mw(c.mw()),
                    usd(c.capexUsd())));
        }
        return new Table("table-commit-now", "Shared commitments, before " + run.text("decided_until"),
                List.of("what", "site", "chip", "decide in", "usable from", "servers", "MW", "capex (cash)"),
                ReportTables.numericFrom(5, 8), rows, "Decide in: the servers' order quarter, the MW's construction start; "
                + "capex as the central future's plan pays it (commitments.csv has the rows).");
    }

    /** One row per future: its probability and its hedged plan's figures beside its plan alone and the central's kept. */
    static Table futures(HedgeRun run) {
        List<List<String>> rows = new ArrayList<>();
        for (Future f : run.futures()) {
            rows.add(row(f.name(), ReportFormat.percent(f.probability()), f.hedged(), f.alone(), f.centralKept()));
        }
        rows.add(row("expected", "100.0 %", run.expected(), run.expectedAlone(), run.expectedCentralKept()));
        return new Table("table-futures", "Each future under the hedged plan", List.of("future", "probability", "feasible",
                "USD / M inferences", "unmet inferences", "total cost", "alone", "central kept"),
                ReportTables.numericFrom(1, 8), rows, "Total cost: under the hedged plan. Alone: that future's own plan, "
                + "made as if it were known in advance. Central kept: the " + run.text("central") + " future's own commitments before "
                + run.text("decided_until") + " kept, re-planned from then on.");
    }

    private static List<String> row(String name, String probability, Figures hedged, Figures alone, Figures kept) {
        return List.of(name, probability, hedged == null || hedged.feasible() == null ? "" : ReportFormat.yesNo(hedged.feasible()),
                hedged == null ? ReportFormat.NA : usdPerMillion(hedged.usdPerMillion()),
                hedged == null ? ReportFormat.NA : count(unmetShown(hedged)), cost(hedged), cost(alone),
                breaks(kept) ? "breaks a limit" : cost(kept));
    }

    /** Whether keeping the central's commitments breaks a limit of this future: infeasible, or no figures and a note. */
    private static boolean breaks(Figures kept) {
        return kept != null && (Boolean.FALSE.equals(kept.feasible())
                || Double.isNaN(kept.totalCostUsd()) && !kept.note().isEmpty());
    }

    private static String cost(Figures f) {
        return f == null ? ReportFormat.NA : usd(f.totalCostUsd());
    }

    /** Unmet inferences as shown: round-off of the demand volume as 0. */
    static double unmetShown(Figures f) {
        return ReportThresholds.shown(f.unmetInferences(), f.servedInferences() + f.unmetInferences());
    }

    /** Servers ordered and MW started from D on, one column per future (rows: what, where). */
    static Table afterDecision(HedgeRun run) {
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        Set<String> servers = new TreeSet<>();
        Set<String> sites = new TreeSet<>();
        run.futures().forEach(f -> {
            servers.addAll(f.serversAfter().keySet());
            sites.addAll(f.mwAfter().keySet());
        });
        servers.forEach(k -> byKey.put("servers: " + k, new LinkedHashMap<>()));
        sites.forEach(k -> byKey.put("MW: " + k, new LinkedHashMap<>()));
        List<String> headers = new ArrayList<>(List.of("from " + run.text("decided_until") + " on"));
        for (Future f : run.futures()) {
            headers.add(f.name());
            f.serversAfter().forEach((k, v) -> byKey.get("servers: " + k).put(f.name(), count(v)));
            f.mwAfter().forEach((k, v) -> byKey.get("MW: " + k).put(f.name(), mw(v)));
        }
        List<List<String>> rows = new ArrayList<>();
        byKey.forEach((key, values) -> {
            List<String> row = new ArrayList<>(List.of(key));
            run.futures().forEach(f -> row.add(values.getOrDefault(f.name(), "")));
            rows.add(row);
        });
        return new Table("table-after-decision", "What each future does once it is known", headers,
                ReportTables.numericFrom(1, headers.size()), rows, "Servers ordered (by site / chip) and facility MW "
                + "started (by site) from " + run.text("decided_until") + " on, in each future's own plan.");
    }

    /** EVPI in a planner's words. */
    static String evpi(HedgeRun run) {
        Double cost = run.num("/evpi/cost_usd");
        Double unmet = run.num("/evpi/unmet_inferences");
        if (cost == null) {
            return "The value of knowing the future in advance (EVPI) was not computed.";
        }
        Double served = unmetBeyondRoundOff(run, unmet);
        return "Knowing in advance which future comes would save " + usd(Math.max(0, cost)) + " in expectation"
                + (served == null ? "" : " and serve " + count(Math.abs(served)) + (served > 0 ? " more" : " fewer")
                + " inferences") + (cost <= 0 ? ": the hedged plan already does as well as "
                + "each future's own plan made alone." : " (EVPI): that is what the uncertainty costs, and the most a "
                + "perfect forecast would be worth.");
    }

    /** VSS in a planner's words: what planning for the central future alone and adapting later would cost or break. */
    static String vss(HedgeRun run) {
        String central = run.text("central");
        String lead = "Planning for the " + central + " future alone and adapting later (keeping its commitments before "
                + run.text("decided_until") + ")";
        Double cost = run.num("/vss/cost_usd");
        String note = run.summary().path("vss").path("note").asText("");
        if (cost == null) {
            return lead + (note.isEmpty() ? " was not evaluated." : " would not hold up in every future: " + note + ".");
        }
        Double unmet = unmetBeyondRoundOff(run, run.num("/vss/unmet_inferences"));
        String verdict = cost >= 0 ? " would cost " + usd(cost) + " more in expectation" : " would cost "
                + usd(-cost) + " less in expectation (the hedged plan is not the best found)";
        return lead + verdict + (unmet == null ? "" : " and leave " + count(Math.abs(unmet)) + (unmet > 0 ? " more" : " fewer")
                + " inferences unmet") + " (VSS)" + (note.isEmpty() ? "." : "; " + note + ".");
    }

    /** An unmet difference worth saying (beyond round-off of the expected demand), else null. */
    private static Double unmetBeyondRoundOff(HedgeRun run, Double unmet) {
        Figures e = run.expected();
        double demand = e == null ? 0 : e.servedInferences() + e.unmetInferences();
        return unmet == null || ReportThresholds.isRoundOff(unmet, demand) || Math.abs(unmet) < 0.5 ? null : unmet;
    }

    /** Total cost per future (USD M): the hedged plan, its own plan alone, the central's commitments kept (when given). */
    static Map<String, Map<String, Double>> costSeries(HedgeRun run) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Set<String> series = new LinkedHashSet<>(List.of("hedged plan", "its own plan alone", "central's commitments kept"));
        series.forEach(s -> out.put(s, new LinkedHashMap<>()));
        for (Future f : run.futures()) {
            put(out.get("hedged plan"), f.name(), f.hedged());
            put(out.get("its own plan alone"), f.name(), f.alone());
            put(out.get("central's commitments kept"), f.name(), f.centralKept());
        }
        out.values().removeIf(Map::isEmpty);
        return out;
    }

    private static void put(Map<String, Double> series, String future, Figures f) {
        if (f != null && Double.isFinite(f.totalCostUsd())) {
            series.put(future, f.totalCostUsd());
        }
    }
}
