package dcplan.solver.lp;

import dcplan.plan.Plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times {@link PlanLinearProgram} on {@link RandomInstances}: {@code bin/bench lp [what...]}
 * with what among {@code lp} (relaxation, small / medium / large seeds 1-3), {@code mip}
 * (small seeds 1-3, 60 s limit) and {@code polish} (dispatch polish of the rounded-up
 * relaxation, medium / large seed 1); all three by default. Prints one Markdown row per run
 * and, with {@code -Ddcplan.lp.debug=true}, each solver call to stderr.
 */
public final class LpBenchmark {

    private LpBenchmark() {
    }

    public static void main(String[] args) {
        List<String> what = args.length == 0 ? List.of("lp", "mip", "polish") : List.of(args);
        System.out.println("backend: " + PlanLinearProgram.backendDescription());
        System.out.println("load average at start: " + loadAverage());
        System.out.println();
        System.out.println("| run | instance | seed | seconds | status | proven | cost (USD) | served (inferences) | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        if (what.contains("lp")) {
            for (String size : List.of(System.getProperty("dcplan.bench.sizes", "small,medium,large").split(","))) {
                for (long seed = 1; seed <= 3; seed++) {
                    RandomInstances.Instance in = instance(size, seed);
                    LpResult r = PlanLinearProgram.solve(in.model(), in.demand(),
                            LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(300)));
                    row("LP relaxation", size, seed, r);
                }
            }
        }
        if (what.contains("mip")) {
            for (long seed = 1; seed <= 3; seed++) {
                RandomInstances.Instance in = instance("small", seed);
                LpResult r = PlanLinearProgram.solve(in.model(), in.demand(),
                        LpOptions.integer().withTimeLimit(Duration.ofSeconds(60)));
                row("MIP", "small", seed, r);
            }
        }
        if (what.contains("polish")) {
            for (String size : List.of("medium", "large")) {
                RandomInstances.Instance in = instance(size, 1);
                LpResult lp = PlanLinearProgram.solve(in.model(), in.demand(),
                        LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(300)));
                Map<Plan.SiteChipQuarter, Integer> up = new HashMap<>();
                lp.installedExact().forEach((k, v) -> {
                    int n = (int) Math.ceil(v - 1e-9);
                    if (n > 0) {
                        up.put(k, n);
                    }
                });
                Plan given = new Plan(lp.plan().flows(), up, lp.plan().itMwBuilt());
                LpResult r = PlanLinearProgram.polishDispatch(in.model(), in.demand(), given,
                        LpOptions.relaxed().withTimeLimit(Duration.ofSeconds(300)));
                row("polishDispatch", size, 1, r);
            }
        }
    }

    static RandomInstances.Instance instance(String size, long seed) {
        return switch (size) {
            case "small" -> RandomInstances.small(seed);
            case "medium" -> RandomInstances.medium(seed);
            case "large" -> RandomInstances.large(seed);
            default -> throw new IllegalArgumentException(size);
        };
    }

    private static void row(String run, String size, long seed, LpResult r) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %s%s | %s | %.6e | %.6e | %s |%n", run, size, seed,
                r.solveSeconds(), r.status(), r.timeLimitHit() ? " (limit hit)" : "", r.provenOptimal(),
                r.totalCostUsd(), r.servedInferences(), loadAverage());
        if (!r.message().isEmpty()) {
            System.out.println("  note: " + r.message());
        }
    }

    static String loadAverage() {
        try {
            String[] f = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
