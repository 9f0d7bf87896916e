package dcplan.sweep;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.plan.Plan;
import dcplan.plan.PlanFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a case needs besides the case itself, as text, so executors need no shared file
 * system: the model's five YAML files, the base demand CSV, the roll-up's monthly stats CSV, and
 * for fixed-plan evaluation the plan's three CSV tables. Broadcast once per sweep; each task
 * parses what it needs (cheap next to a solve).
 *
 * @param modelYaml      file name without .yaml -> text, the five files of {@link ModelLoader#FILES}
 * @param demandCsv      the base demand table (scenario kind), or null
 * @param statsCsv       {@code demand_stats.csv} text (sample and fixed-plan-eval kinds), or null
 * @param rho            correlation of the Monte Carlo draws and of sigma
 * @param sampleSeed     the Monte Carlo seed (sample i draws from (sampleSeed, i))
 * @param planCsv        {@code flows.csv}, {@code servers.csv}, {@code facility.csv} -> text, or null
 * @param relaxationMs   LP relaxation time limit in ms (0 = skip)
 * @param polishMs       LP dispatch polish time limit in ms (0 = skip)
 * @param chunksPerCell  OptaPlanner chunks per demand cell (0 = chosen from the problem size)
 * @param scenarios      how scenario text becomes a model and demand
 * @param unimprovedMs   a time-limited case's search ends after this long without a new best (0 = never)
 * @param gap            a case's search ends once proven within this relative gap of the relaxation's bound
 */
public record SweepInputs(Map<String, String> modelYaml, String demandCsv, String statsCsv, double rho,
                          long sampleSeed, Map<String, String> planCsv, long relaxationMs, long polishMs,
                          int chunksPerCell, ScenarioApplier scenarios, long unimprovedMs, double gap) implements Serializable {
    public static final List<String> PLAN_FILES = List.of("flows.csv", "servers.csv", "facility.csv");

    public SweepInputs {
        modelYaml = new TreeMap<>(modelYaml);
        planCsv = planCsv == null ? null : new TreeMap<>(planCsv);
        scenarios = scenarios == null ? ScenarioApplier.FILES : scenarios;
    }

    /** Searching to each case's limit, with the default gap stop. */
    public SweepInputs(Map<String, String> modelYaml, String demandCsv, String statsCsv, double rho,
                       long sampleSeed, Map<String, String> planCsv, long relaxationMs, long polishMs,
                       int chunksPerCell, ScenarioApplier scenarios) {
        this(modelYaml, demandCsv, statsCsv, rho, sampleSeed, planCsv, relaxationMs, polishMs, chunksPerCell, scenarios,
                0, dcplan.solver.GapStop.DEFAULT_GAP);
    }

    /** Reads a model folder's five files as text. */
    public static Map<String, String> readModelTexts(Path folder) {
        Map<String, String> out = new TreeMap<>();
        for (String name : ModelLoader.FILES) {
            try {
                out.put(name, Files.readString(folder.resolve(name + ".yaml")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Reads a run folder's plan tables as text. */
    public static Map<String, String> readPlanTexts(Path runFolder) {
        Map<String, String> out = new TreeMap<>();
        for (String name : PLAN_FILES) {
            try {
                out.put(name, Files.readString(runFolder.resolve("plan").resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public Duration relaxation() {
        return Duration.ofMillis(relaxationMs);
    }

    public Duration polish() {
        return Duration.ofMillis(polishMs);
    }

    /** The model, loaded and validated by {@link ModelLoader} from a private temporary folder. */
    public PlanningModel model() {
        return inTempFolder(dir -> {
            for (Map.Entry<String, String> e : modelYaml.entrySet()) {
                Files.writeString(dir.resolve(e.getKey() + ".yaml"), e.getValue());
            }
            return ModelLoader.load(dir);
        });
    }

    /** The base demand table. */
    public List<DemandCell> demand() {
        if (demandCsv == null) {
            throw new IllegalStateException("this sweep has no base demand");
        }
        return inTempFolder(dir -> {
            Path f = dir.resolve("demand.csv");
            Files.writeString(f, demandCsv);
            return DemandTable.readCsv(f);
        });
    }

    /** The Monte Carlo distribution of the model's horizon. */
    public DemandDistribution distribution(PlanningModel model) {
        if (statsCsv == null) {
            throw new IllegalStateException("this sweep has no demand stats");
        }
        return DemandDistribution.of(DemandDistribution.parseStatsCsv(statsCsv, "demand_stats.csv"), rho, model.quarters());
    }

    /** The fixed plan, read by {@link PlanFiles} as from a run folder. */
    public Plan plan() {
        if (planCsv == null) {
            throw new IllegalStateException("this sweep has no fixed plan");
        }
        return inTempFolder(dir -> {
            Path plan = Files.createDirectories(dir.resolve("plan"));
            for (Map.Entry<String, String> e : planCsv.entrySet()) {
                Files.writeString(plan.resolve(e.getKey()), e.getValue());
            }
            return PlanFiles.read(dir);
        });
    }

    /** Work done in a private temporary folder. */
    public interface InFolder<T> {
        T run(Path dir) throws IOException;
    }

    /** Runs {@code work} in a new temporary folder, deleted afterwards however it ends. */
    public static <T> T inTempFolder(InFolder<T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dcplan-sweep-");
            return work.run(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a leftover temp folder is harmless
                }
            }
        }
    }
}
