package dcplan.solver.domain;

import dcplan.model.Chip;

/** A chip with throughput by workload index and supply by quarter slot, for fast lookups. */
public final class ChipFact {
    private final int index;
    private final Chip chip;
    private final double[] throughputByWorkload;
    private final ChipQuarter[] quarters;

    public ChipFact(int index, Chip chip, double[] throughputByWorkload, long[] supplyByQuarter) {
        this.index = index;
        this.chip = chip;
        this.throughputByWorkload = throughputByWorkload.clone();
        this.quarters = new ChipQuarter[supplyByQuarter.length];
        for (int q = 0; q < supplyByQuarter.length; q++) {
            quarters[q] = new ChipQuarter(this, q, supplyByQuarter[q]);
        }
    }

    public int index() {
        return index;
    }

    public Chip chip() {
        return chip;
    }

    public String id() {
        return chip.id();
    }

    public double throughput(int workloadIndex) {
        return throughputByWorkload[workloadIndex];
    }

    /** The (chip, quarter) key of the supply limit; one instance per pair. */
    public ChipQuarter in(int quarterIndex) {
        return quarters[quarterIndex];
    }

    @Override
    public String toString() {
        return chip.id();
    }

    /** Supply limit key: servers of a chip deliverable in one quarter (MAX_VALUE: unlimited). */
    public record ChipQuarter(ChipFact chip, int quarterIndex, long supply) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return chip.id() + "@" + quarterIndex;
        }
    }
}
