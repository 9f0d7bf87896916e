package dcplan.hedge;

import dcplan.model.DemandCell;
import dcplan.model.ModelLoader;
import dcplan.model.ModelWriter;
import dcplan.model.PlanningModel;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Plan;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One future's solve as a Spark task ships it: plain serialisable values only (the model as its
 * five YAML files written by {@link ModelWriter}, which {@link ModelLoader} reads back equal; the
 * demand and the held commitments as rows), so an executor needs no shared file system and
 * rebuilds exactly the objects the driver has.
 *
 * @param kind what to do with the future ({@link FutureSolve})
 * @param index    the future's place in the batch, so results come back in order
 * @param searchMs the search's time limit for this future (0: none, step-limited)
 * @param lpMs     each LP's time limit (0: the LP steps are off, as a null limit is for the planner)
 */
public record FutureTask(Kind kind, int index, String name, Map<String, String> modelYaml, List<DemandRow> demand,
                         HeldRows held, long seed, Long steps, long searchMs, long lpMs) implements Serializable {

    /** What an executor does with a future. */
    public enum Kind {
        /** The planner (OptaPlanner with the LP seed and polish), holding the commitments. */
        PLAN,
        /** The LP relaxation alone, holding the commitments: fast; its plan and figures come back. */
        LP,
        /**
         * As {@link #LP}, but only the relaxation's unmet volume and cost come back, not its plan:
         * for scoring candidate commitments, where the driver reads nothing else, and a batch's
         * plans were most of what it collected.
         */
        LP_FIGURES;

        /** Whether this is an LP relaxation (of either kind). */
        public boolean lp() {
            return this != PLAN;
        }
    }

    public record DemandRow(String region, String workload, String quarter, double peakIps, double avgIps)
            implements Serializable {
    }

    public record AddedRow(String site, String chip, String quarter, int added) implements Serializable {
    }

    public record MwRow(String site, String quarter, double mw) implements Serializable {
    }

    /** {@link Commitments} as rows; a null decision quarter is {@link Commitments#NONE}. */
    public record HeldRows(String decidedUntil, List<AddedRow> added, List<MwRow> mw, List<String> orphans)
            implements Serializable {
        public HeldRows {
            added = List.copyOf(added);
            mw = List.copyOf(mw);
            orphans = List.copyOf(orphans);
        }

        static HeldRows of(Commitments c) {
            if (c.isNone()) {
                return new HeldRows(null, List.of(), List.of(), List.of());
            }
            List<AddedRow> added = new ArrayList<>();
            c.heldAdded().forEach((k, v) -> added.add(new AddedRow(k.site(), k.chip(), k.quarter().toString(), v)));
            added.sort(Comparator.comparing(AddedRow::site).thenComparing(AddedRow::chip).thenComparing(AddedRow::quarter));
            List<MwRow> mw = new ArrayList<>();
            c.heldAddedMw().forEach((k, v) -> mw.add(new MwRow(k.site(), k.quarter().toString(), v)));
            mw.sort(Comparator.comparing(MwRow::site).thenComparing(MwRow::quarter));
            return new HeldRows(c.decidedUntil().toString(), added, mw, c.orphans());
        }

        Commitments commitments() {
            if (decidedUntil == null) {
                return Commitments.NONE;
            }
            Map<Plan.SiteChipQuarter, Integer> a = new HashMap<>();
            added.forEach(r -> a.put(new Plan.SiteChipQuarter(r.site(), r.chip(), Quarter.parse(r.quarter())), r.added()));
            Map<Plan.SiteQuarter, Double> m = new HashMap<>();
            mw.forEach(r -> m.put(new Plan.SiteQuarter(r.site(), Quarter.parse(r.quarter())), r.mw()));
            return new Commitments(Quarter.parse(decidedUntil), a, m, orphans);
        }
    }

    public FutureTask {
        modelYaml = Map.copyOf(modelYaml);
        demand = List.copyOf(demand);
    }

    /**
     * The task for {@code future} holding {@code held}, one of {@code futures} in the call: the
     * settings' seed, step limit and LP limit, and the future's share of the time limit as
     * {@link LocalCaseRunner} gives it.
     */
    public static FutureTask of(Kind kind, int index, HedgeCase future, Commitments held, HedgeSettings settings,
                                int futures) {
        return of(kind, index, future, ModelWriter.toYaml(future.model(), ""), held, settings, futures);
    }

    /**
     * One task per future of {@code cases}, holding {@code held} (one each), indexed from
     * {@code firstIndex}, each the share of one of {@code cases.size()} futures. Each distinct
     * model is written to YAML once and its map shared by the tasks (the record keeps an
     * unmodifiable map as it is): the futures of a Monte Carlo file share one model object, and
     * writing it for each of some hundreds of tasks was serial work on the driver; a Spark task
     * holding several of them also serialises the shared map once.
     */
    public static List<FutureTask> batch(Kind kind, int firstIndex, List<HedgeCase> cases, List<Commitments> held,
                                         HedgeSettings settings) {
        if (cases.size() != held.size()) {
            throw new IllegalArgumentException(cases.size() + " futures but " + held.size() + " commitments");
        }
        Map<PlanningModel, Map<String, String>> yaml = new IdentityHashMap<>();
        List<FutureTask> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            HedgeCase c = cases.get(i);
            out.add(of(kind, firstIndex + i, c, yaml.computeIfAbsent(c.model(), m -> Map.copyOf(ModelWriter.toYaml(m, ""))),
                    held.get(i), settings, cases.size()));
        }
        return out;
    }

    private static FutureTask of(Kind kind, int index, HedgeCase future, Map<String, String> modelYaml,
                                 Commitments held, HedgeSettings settings, int futures) {
        Duration share = LocalCaseRunner.options(settings, futures).timeLimit();
        List<DemandRow> rows = future.demand().stream().map(d -> new DemandRow(d.region(), d.workload(),
                d.quarter().toString(), d.peakIps(), d.avgIps())).toList();
        return new FutureTask(kind, index, future.name(), modelYaml, rows, HeldRows.of(held), settings.seed(),
                settings.steps(), millis(share), millis(settings.lpTimeLimit()));
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    /** The settings of this one future: its search time (null: none), seed, step limit and LP limit. */
    public HedgeSettings settings() {
        return new HedgeSettings(searchMs > 0 ? Duration.ofMillis(searchMs) : null, seed, steps,
                lpMs > 0 ? Duration.ofMillis(lpMs) : null);
    }

    /** The future itself, as the driver had it. */
    public HedgeCase future(PlanningModel model) {
        return new HedgeCase(name, 0.0, model, demandCells(), "");
    }

    public List<DemandCell> demandCells() {
        return demand.stream().map(r -> new DemandCell(r.region(), r.workload(), Quarter.parse(r.quarter()),
                r.peakIps(), r.avgIps())).toList();
    }

    public Commitments commitments() {
        return held.commitments();
    }

    /** The model, loaded by {@link ModelLoader} from a private temporary folder. */
    public PlanningModel model() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dcplan-future-");
            for (Map.Entry<String, String> e : modelYaml.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
            return ModelLoader.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
