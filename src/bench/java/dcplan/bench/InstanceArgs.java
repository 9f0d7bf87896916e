package dcplan.bench;

import dcplan.solver.lp.HardInstances.Flavor;
import dcplan.solver.lp.HardInstances.Size;

import java.util.Arrays;
import java.util.List;

/** The hard-instance options the solver benchmarks share: {@code --flavors}, {@code --sizes}, {@code --seeds}. */
final class InstanceArgs {
    private InstanceArgs() {
    }

    /** "all" or a comma-separated list of flavor names. */
    static List<Flavor> flavors(String arg) {
        return arg.equals("all") ? List.of(Flavor.values()) : Arrays.stream(arg.split(",")).map(Flavor::parse).toList();
    }

    /** A comma-separated list of sizes: tiny, small, medium, large, long (medium over 20 quarters). */
    static List<Size> sizes(String arg) {
        return Arrays.stream(arg.split(",")).map(Size::parse).toList();
    }

    /** A comma-separated list of seeds. */
    static long[] seeds(String arg) {
        return Arrays.stream(arg.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
