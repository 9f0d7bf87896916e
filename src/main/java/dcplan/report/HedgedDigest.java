package dcplan.report;

import dcplan.report.HedgeRun.Figures;
import dcplan.report.HedgeRun.Future;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A hedged run in the comparison ({@link CompareReport}) and wherever a {@link RunDigest} or
 * {@link RunViews} is read: its expected figures over its futures, labelled as such. The headline
 * figures are summary.json's {@code expected} ones; every other figure is the probability-weighted
 * sum of the futures' own (each read by {@link RunDigest#read} or {@link RunViews#read} from its
 * folder), and a cost per unit is the expected cost over the expected units served, as the contract
 * defines the expected cost per million inferences.
 */
final class HedgedDigest {
    private HedgedDigest() {
    }

    /** The label a hedged run goes by: "hedged export-controls (expected over 3 futures)". */
    static String scenario(HedgeRun run) {
        return "hedged " + run.text("risk") + " (expected over " + run.futures().size() + " futures)";
    }

    static RunDigest digest(Path folder) {
        HedgeRun run = HedgeRun.read(folder);
        List<RunDigest> futures = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (Future f : run.futures()) {
            RunDigest d = RunDigest.read(f.folder());
            futures.add(d);
            d.bindingLimits().forEach(l -> limits.add(f.name() + ": " + l));
        }
        double[] p = probabilities(run);
        Figures e = run.expected();
        return new RunDigest(folder, scenario(run), run.feasible(), e.usdPerMillion() == null ? Double.NaN : e.usdPerMillion(),
                e.totalCostUsd(), sum(futures, p, RunDigest::serverCapexAmortized),
                sum(futures, p, RunDigest::facilityCapexAmortized), sum(futures, p, RunDigest::energy),
                e.servedInferences(), e.unmetInferences(), run.num("/lower_bound_usd"),
                weighted(futures, p, RunDigest::capexBySite), weighted(futures, p, RunDigest::capexByChip),
                weighted(futures, p, RunDigest::capexByQuarter), weighted(futures, p, RunDigest::unmetByRegion),
                limits, run.text("inputs_sha256"), null, null);
    }

    static RunViews views(Path folder) {
        HedgeRun run = HedgeRun.read(folder);
        List<RunViews> futures = run.futures().stream().map(f -> RunViews.read(f.folder())).toList();
        double[] p = probabilities(run);
        return new RunViews(weighted(futures, p, RunViews::costByRegion),
                ratio(futures, p, RunViews::costByRegion, RunViews::usdPerMillionByRegion),
                weighted(futures, p, RunViews::costByWorkload),
                ratio(futures, p, RunViews::costByWorkload, RunViews::usdPerMillionByWorkload),
                ratio(futures, p, RunViews::costByWorkload, RunViews::usdPerMillionTokensByWorkload),
                futures.get(0).lastQuarter(), weighted(futures, p, RunViews::serversBySiteChip),
                weighted(futures, p, RunViews::capexByYear), budget(futures, p), sum(futures, p, RunViews::demandInferences));
    }

    private static double[] probabilities(HedgeRun run) {
        return run.futures().stream().mapToDouble(Future::probability).toArray();
    }

    private static <T> double sum(List<T> futures, double[] p, Function<T, Double> figure) {
        double out = 0;
        for (int i = 0; i < futures.size(); i++) {
            out += p[i] * figure.apply(futures.get(i));
        }
        return out;
    }

    /** The expected value per key (a future without the key counts 0), sorted where the futures' maps are. */
    private static <T, K> Map<K, Double> weighted(List<T> futures, double[] p, Function<T, Map<K, Double>> map) {
        Map<K, Double> out = map.apply(futures.get(0)) instanceof TreeMap ? new TreeMap<>() : new LinkedHashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            double w = p[i];
            map.apply(futures.get(i)).forEach((k, v) -> out.merge(k, w * v, Double::sum));
        }
        return out;
    }

    /**
     * A cost per unit per key, in expectation: the expected cost over the expected units, each
     * future's units being its cost over its cost per unit (a future serving none adds none).
     */
    private static <T> Map<String, Double> ratio(List<T> futures, double[] p, Function<T, Map<String, Double>> cost,
                                                 Function<T, Map<String, Double>> perUnit) {
        Set<String> keys = new LinkedHashSet<>();
        futures.forEach(f -> keys.addAll(perUnit.apply(f).keySet()));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : keys) {
            double costs = 0;
            double units = 0;
            for (int i = 0; i < futures.size(); i++) {
                double c = cost.apply(futures.get(i)).getOrDefault(k, 0.0);
                double r = perUnit.apply(futures.get(i)).getOrDefault(k, Double.NaN);
                costs += p[i] * c;
                units += Double.isFinite(r) && r > 0 ? p[i] * c / r : 0;
            }
            out.put(k, units > 0 ? costs / units : Double.NaN);
        }
        return out;
    }

    /** The expected budget per year; unlimited (null) when it is unlimited in any future. */
    private static Map<Integer, Double> budget(List<RunViews> futures, double[] p) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            double w = p[i];
            futures.get(i).budgetByYear().forEach((y, b) -> out.merge(y, b == null ? Double.NaN : w * b, Double::sum));
        }
        out.replaceAll((y, b) -> Double.isNaN(b) ? null : b);
        return out;
    }
}
