package dcplan.scenario;

import dcplan.model.Chip;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.model.Site;

import java.util.ArrayList;
import java.util.List;

/**
 * The quarter a what-if is made at when the command line does not say: the scenario's own
 * {@code decided_until}, failing that the first quarter in which the scenario changes anything
 * (the news arrives when its first effect does; everything decided before it stands). A change
 * that has no quarter of its own (a price, a lead time, a site added) changes the whole horizon,
 * so it gives the horizon's first quarter, where nothing is yet committed.
 *
 * @param quarter the first quarter not yet decided
 * @param why     where it comes from, for the console and the log
 */
public record DecidedUntil(Quarter quarter, String why) {

    public static DecidedUntil of(Scenario s, PlanningModel base) {
        if (s.decidedUntil() != null) {
            return new DecidedUntil(s.decidedUntil(), "the scenario's decided_until");
        }
        Quarter from = base.policy().horizonFrom();
        List<DecidedUntil> firsts = new ArrayList<>();
        firsts.addAll(demand(s));
        firsts.addAll(chips(s, from));
        firsts.addAll(sites(s, base, from));
        firsts.addAll(budget(s, from));
        if (s.policy() != null) {
            firsts.add(new DecidedUntil(from, "a policy change (no quarter of its own)"));
        }
        if (!s.leadTimes().isEmpty()) {
            firsts.add(new DecidedUntil(from, "a lead time change (no quarter of its own)"));
        }
        return firsts.stream().min((a, b) -> a.quarter().compareTo(b.quarter()))
                .map(d -> d.quarter().isBefore(from) ? new DecidedUntil(from, d.why()) : d)
                .orElse(new DecidedUntil(from, "the scenario changes nothing: the horizon's first quarter"));
    }

    private static List<DecidedUntil> demand(Scenario s) {
        List<DecidedUntil> out = new ArrayList<>();
        for (Scenario.DemandMultiplier rule : s.demand()) {
            if (rule.multiplier() != 1.0) {
                out.add(new DecidedUntil(rule.from(), "the first demand multiplier, from " + rule.from()));
            }
        }
        return out;
    }

    private static List<DecidedUntil> chips(Scenario s, Quarter from) {
        List<DecidedUntil> out = new ArrayList<>();
        s.chips().forEach((id, c) -> {
            if (c.serverPriceUsd() != null || !c.throughputIps().isEmpty()) {
                out.add(new DecidedUntil(from, "chip " + id + ": a price or throughput change (no quarter of its own)"));
            }
            if (!c.supply().isEmpty()) {
                Quarter q = c.supply().get(0).from();
                out.add(new DecidedUntil(q, "chip " + id + ": the supply change from " + q));
            }
            for (Chip.Ban b : c.bans()) {
                Quarter q = b.from() == null ? from : b.from();
                out.add(new DecidedUntil(q, "chip " + id + ": the ban in " + b.jurisdiction() + " from " + q));
            }
        });
        return out;
    }

    private static List<DecidedUntil> sites(Scenario s, PlanningModel base, Quarter from) {
        List<DecidedUntil> out = new ArrayList<>();
        if (!s.sites().added().isEmpty() || !s.sites().removed().isEmpty()) {
            out.add(new DecidedUntil(from, "a site added or removed (no quarter of its own)"));
        }
        s.sites().changed().forEach((id, c) -> {
            if (c.maxItMw() != null || c.electricityUsdPerMwh() != null || c.expansionUsdPerMw() != null) {
                out.add(new DecidedUntil(from, "site " + id + ": a ceiling or price change (no quarter of its own)"));
            }
            if (c.expansionReady() != null) {
                // moving the ready quarter changes the plan from the earlier of the two
                Quarter was = base.site(id).map(Site::expansionReady).orElse(null);
                Quarter q = was == null || c.expansionReady().isBefore(was) ? c.expansionReady() : was;
                out.add(new DecidedUntil(q == null ? from : q, "site " + id + ": expansion_ready moved (" + was + " -> "
                        + c.expansionReady() + ")"));
            }
        });
        return out;
    }

    private static List<DecidedUntil> budget(Scenario s, Quarter from) {
        List<DecidedUntil> out = new ArrayList<>();
        if (s.budget() == null) {
            return out;
        }
        if (s.budget().scale() != null && s.budget().scale() != 1.0) {
            out.add(new DecidedUntil(from, "the budget scale (every year)"));
        }
        s.budget().perYearUsd().keySet().stream().min(Integer::compare).ifPresent(year -> {
            Quarter q = Quarter.parse(year + "Q1");
            out.add(new DecidedUntil(q, "the " + year + " budget change"));
        });
        return out;
    }
}
