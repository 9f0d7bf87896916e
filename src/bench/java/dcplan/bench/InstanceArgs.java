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

    /** A comma-separated list of sizes; an unknown one is named with the sizes there are ({@link Size}). */
    static List<Size> sizes(String arg) {
        return Arrays.stream(arg.split(",")).map(InstanceArgs::size).toList();
    }

    private static Size size(String name) {
        try {
            return Size.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sizes: unknown size '" + name.trim() + "'; the sizes are "
                    + Arrays.stream(Size.values()).map(Size::label).toList());
        }
    }

    /** A comma-separated list of seeds. */
    static long[] seeds(String arg) {
        return Arrays.stream(arg.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
