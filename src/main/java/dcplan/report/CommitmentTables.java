package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.Quarter;
import dcplan.plan.WhatIfTables;
import dcplan.report.ReportTables.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dcplan.report.ReportFormat.count;
import static dcplan.report.ReportFormat.mw;
import static dcplan.report.ReportFormat.percent;
import static dcplan.report.ReportFormat.usd;
import static dcplan.report.ReportFormat.usdPerMillion;
import static dcplan.report.ReportTables.numericFrom;

/**
 * The tables of contract version 2, for both renderers: cash paid by quarter against the budget,
 * and for a what-if the held commitments, the stranded servers and the cost of hindsight (read
 * from held.csv, stranded.csv and summary.json's {@code what_if}).
 */
final class CommitmentTables {
    private CommitmentTables() {
    }

    static Table cashByQuarter(ReportData d) {
        List<List<String>> rows = new ArrayList<>();
        double soFar = 0;
        for (int q = 0; q < d.quarters().size(); q++) {
            Quarter quarter = d.quarters().get(q);
            if (q == 0 || quarter.year() != d.quarters().get(q - 1).year()) {
                soFar = 0;
            }
            soFar += d.cash().total(q);
            Double budget = d.budget(quarter.year());
            rows.add(List.of(quarter.toString(), usd(d.cash().servers()[q]), usd(d.cash().facility()[q]),
                    usd(d.cash().total(q)), usd(soFar), ReportFormat.budget(budget),
                    budget == null || budget <= 0 ? ReportFormat.NA : percent(soFar / budget)));
        }
        return new Table("table-cash-by-quarter", "Cash paid per quarter: servers on installation, facility MW over their "
                + "construction quarters", List.of("quarter", "servers", "facility construction", "paid", "paid so far in "
                + "the year", "the year's budget", "of budget"), numericFrom(1, 7), rows,
                "Facility cash is paid in equal parts over a build's construction quarters (plan/builds.csv), so a build "
                        + "ready early in a year can draw on the year before's budget.");
    }

    /** Per site: each build (construction start to ready) and each chip's orders (first order to last delivery). */
    static Table commitments(dcplan.plan.PlanTables t) {
        List<List<String>> rows = new ArrayList<>();
        for (dcplan.plan.PlanTables.BuildRow b : t.builds()) {
            rows.add(List.of(b.site(), "build", mw(b.mw()), b.startQuarter().toString(), b.readyQuarter().toString(),
                    usd(b.capexUsd())));
        }
        Map<String, List<dcplan.plan.PlanTables.ServerRow>> orders = new LinkedHashMap<>();
        t.servers().stream().filter(r -> r.added() > 0)
                .forEach(r -> orders.computeIfAbsent(r.site() + "|" + r.chip(), k -> new ArrayList<>()).add(r));
        for (List<dcplan.plan.PlanTables.ServerRow> g : orders.values()) {
            dcplan.plan.PlanTables.ServerRow first = g.get(0);
            rows.add(List.of(first.site(), g.size() + (g.size() == 1 ? " order of " : " orders of ") + first.chip(),
                    count(g.stream().mapToInt(dcplan.plan.PlanTables.ServerRow::added).sum()) + " servers",
                    first.orderQuarter().toString(), g.get(g.size() - 1).quarter().toString(),
                    usd(g.stream().mapToDouble(dcplan.plan.PlanTables.ServerRow::capexUsd).sum())));
        }
        return new Table("table-commitments", "Commitments: builds from construction start to ready, orders from the "
                + "first order to the last delivery", List.of("site", "commitment", "amount", "from", "to", "capex"),
                numericFrom(2, 6), rows, null);
    }

    static Table held(WhatIfTables w) {
        List<List<String>> rows = new ArrayList<>();
        for (WhatIfTables.HeldRow r : w.held()) {
            boolean server = r.kind().equals(WhatIfTables.SERVER);
            rows.add(List.of(server ? "order" : "build", r.site(), server ? r.chip() : "facility MW", r.committedIn().toString(),
                    r.quarter().toString(), server ? count(r.added()) + " servers" : mw(r.mw()), usd(r.capexUsd())));
        }
        return new Table("table-held", "held.csv: the baseline's orders and builds kept (made before decided_until, "
                + "arriving before it plus the lead time)", List.of("kind", "site", "what", "committed in",
                "arrives", "amount", "capex"), numericFrom(5, 7), rows, null);
    }

    /** stranded.csv grouped by (site, chip): the quarters stranded, the most servers idle, what they cost. */
    static Table stranded(WhatIfTables w) {
        Map<String, List<WhatIfTables.StrandedRow>> groups = new LinkedHashMap<>();
        w.stranded().forEach(r -> groups.computeIfAbsent(r.site() + "|" + r.chip(), k -> new ArrayList<>()).add(r));
        List<List<String>> rows = new ArrayList<>();
        for (List<WhatIfTables.StrandedRow> g : groups.values()) {
            WhatIfTables.StrandedRow first = g.get(0);
            WhatIfTables.StrandedRow peak = g.stream().max((a, b) -> Integer.compare(a.servers(), b.servers())).orElseThrow();
            rows.add(List.of(first.site(), first.chip(), first.quarter() + "–" + g.get(g.size() - 1).quarter(),
                    count(peak.servers()), count(peak.existingServers()), count(peak.heldServers()),
                    count(peak.plannedServers()), usd(g.stream().mapToDouble(WhatIfTables.StrandedRow::capexAmortizedUsd).sum()),
                    usd(g.stream().mapToDouble(WhatIfTables.StrandedRow::idleEnergyUsd).sum())));
        }
        return new Table("table-stranded", "stranded.csv by site and chip: servers installed where their chip is banned, "
                + "idle but paid for", List.of("site", "chip", "quarters", "servers", "existing", "kept", "added here",
                "capex (amortised)", "idle energy"), numericFrom(3, 9), rows,
                "Servers: the most idle in one quarter, split into existing before the horizon, kept from the baseline "
                        + "(held.csv) and added by this plan. Existing servers are sunk: their capex is not a cost of the "
                        + "plan; their idle energy is. Costs over the quarters listed.");
    }

    /** The held plan beside the same scenario re-planned with nothing committed (summary.json what_if.hindsight). */
    static Table hindsight(JsonNode h) {
        JsonNode held = h.path("with_commitments");
        JsonNode free = h.path("replanned");
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("total cost", usd(held.path("total_cost_usd").asDouble()), usd(free.path("total_cost_usd").asDouble()),
                usd(h.path("cost_of_commitments_usd").asDouble())));
        rows.add(row("USD per million inferences", usdPerMillion(ReportFormat.number(held.get("usd_per_million_inferences"))),
                usdPerMillion(ReportFormat.number(free.get("usd_per_million_inferences"))), ""));
        rows.add(row("served inferences", count(held.path("served_inferences").asDouble()),
                count(free.path("served_inferences").asDouble()), ""));
        rows.add(row("unmet inferences", count(held.path("unmet_inferences").asDouble()),
                count(free.path("unmet_inferences").asDouble()), count(h.path("unmet_of_commitments_inferences").asDouble())));
        rows.add(row("feasible", ReportFormat.yesNo(held.path("feasible").asBoolean()),
                ReportFormat.yesNo(free.path("feasible").asBoolean()), ""));
        return new Table("table-hindsight", "The cost of hindsight: this plan, which keeps the baseline's commitments, "
                + "beside the same scenario re-planned with nothing committed", List.of("", "with the commitments",
                "re-planned in hindsight", "difference (with - without)"), numericFrom(1, 4), rows, h.path("note").asText(null));
    }

    private static List<String> row(String... cells) {
        return List.of(cells);
    }
}
