package dcplan.hedge;

import dcplan.model.Quarter;
import dcplan.model.Site;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Candidate shared commitments from each future's own (made alone): per held (site, chip,
 * quarter) and (site, quarter), the probability-weighted mean and quantiles of what the futures
 * committed, rounded up to whole servers and whole phases (too few servers or MW cost unmet
 * volume in the futures that needed them; one more costs only its capex). "Buy nothing before
 * D" is always a candidate too, so at least one keeps every limit that the futures alone keep.
 * Identical candidates are kept once, the first name winning.
 */
final class CommitmentCandidates {
    /** The quantiles tried besides the mean: the median, and two that lean towards the high futures. */
    static final double[] QUANTILES = {0.5, 0.75, 0.9, 1.0};
    private static final double ROUND_OFF = 1e-6;

    record Candidate(String name, Commitments commitments) {
    }

    private CommitmentCandidates() {
    }

    /** The candidates from the futures' own commitments {@code own} (same order as {@code cases}). */
    static List<Candidate> of(List<HedgeCase> cases, List<Commitments> own, Quarter decision) {
        Map<String, Candidate> byContent = new LinkedHashMap<>();
        add(byContent, new Candidate("mean", combine(cases, own, decision, CommitmentCandidates::mean)));
        for (double p : QUANTILES) {
            String name = p == 1.0 ? "max" : "P" + Math.round(p * 100);
            add(byContent, new Candidate(name, combine(cases, own, decision, v -> quantile(v, p))));
        }
        add(byContent, new Candidate("nothing", combine(cases, own, decision, v -> 0.0)));
        return List.copyOf(byContent.values());
    }

    private static void add(Map<String, Candidate> byContent, Candidate c) {
        String key = new java.util.TreeMap<>(c.commitments().heldAdded().entrySet().stream().collect(
                java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue))) + "|"
                + new java.util.TreeMap<>(c.commitments().heldAddedMw().entrySet().stream().collect(
                java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
        byContent.putIfAbsent(key, c);
    }

    /** A value and the probability of the future that committed it. */
    record Weighted(double value, double probability) {
    }

    private static Commitments combine(List<HedgeCase> cases, List<Commitments> own, Quarter decision,
                                       ToDoubleFunction<List<Weighted>> statistic) {
        TreeSet<Plan.SiteChipQuarter> serverKeys = new TreeSet<>(Comparator.comparing(Plan.SiteChipQuarter::site)
                .thenComparing(Plan.SiteChipQuarter::chip).thenComparing(Plan.SiteChipQuarter::quarter));
        TreeSet<Plan.SiteQuarter> mwKeys = new TreeSet<>(Comparator.comparing(Plan.SiteQuarter::site)
                .thenComparing(Plan.SiteQuarter::quarter));
        own.forEach(c -> {
            serverKeys.addAll(c.heldAdded().keySet());
            mwKeys.addAll(c.heldAddedMw().keySet());
        });
        Map<Plan.SiteChipQuarter, Integer> added = new LinkedHashMap<>();
        for (Plan.SiteChipQuarter k : serverKeys) {
            List<Weighted> v = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                v.add(new Weighted(own.get(i).heldAdded().getOrDefault(k, 0), cases.get(i).probability()));
            }
            added.put(k, (int) Math.ceil(statistic.applyAsDouble(v) - ROUND_OFF));
        }
        Map<Plan.SiteQuarter, Double> mw = new LinkedHashMap<>();
        for (Plan.SiteQuarter k : mwKeys) {
            List<Weighted> v = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                v.add(new Weighted(own.get(i).heldAddedMw().getOrDefault(k, 0.0), cases.get(i).probability()));
            }
            mw.put(k, wholePhases(cases.get(0).model().site(k.site()).orElse(null), statistic.applyAsDouble(v)));
        }
        return new Commitments(decision, added, mw, List.of());
    }

    /** MW rounded up to whole phases when the site builds in phases (round-off forgiven), else kept. */
    static double wholePhases(Site site, double mw) {
        if (site == null || site.phaseMw() == null || site.phaseMw() <= 0) {
            return Math.abs(mw) < ROUND_OFF ? 0.0 : mw;
        }
        return Math.ceil(mw / site.phaseMw() - ROUND_OFF) * site.phaseMw();
    }

    static double mean(List<Weighted> values) {
        return values.stream().mapToDouble(w -> w.value() * w.probability()).sum();
    }

    /** The smallest value whose cumulative probability reaches {@code p} (round-off forgiven). */
    static double quantile(List<Weighted> values, double p) {
        List<Weighted> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(Weighted::value));
        double total = values.stream().mapToDouble(Weighted::probability).sum();
        double cumulative = 0;
        for (Weighted w : sorted) {
            cumulative += w.probability() / total;
            if (cumulative >= p - 1e-12) {
                return w.value();
            }
        }
        return sorted.get(sorted.size() - 1).value();
    }
}
