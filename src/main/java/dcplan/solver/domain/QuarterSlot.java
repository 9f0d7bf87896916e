package dcplan.solver.domain;

import dcplan.model.Quarter;

/** A quarter of the horizon, by position: {@code index} 0 is the first quarter. */
public final class QuarterSlot {
    private final int index;
    private final Quarter quarter;
    private final BudgetYear budgetYear;
    private QuarterSlot next;
    private QuarterSlot previous;

    public QuarterSlot(int index, Quarter quarter, BudgetYear budgetYear) {
        this.index = index;
        this.quarter = quarter;
        this.budgetYear = budgetYear;
    }

    /** Links each slot to the next and the previous one; the ends stay null. */
    public static void link(java.util.List<QuarterSlot> slots) {
        for (int i = 0; i + 1 < slots.size(); i++) {
            slots.get(i).next = slots.get(i + 1);
            slots.get(i + 1).previous = slots.get(i);
        }
    }

    public int index() {
        return index;
    }

    public Quarter quarter() {
        return quarter;
    }

    public int year() {
        return quarter.year();
    }

    public BudgetYear budgetYear() {
        return budgetYear;
    }

    /** The following quarter of the horizon, or null for the last one. */
    public QuarterSlot next() {
        return next;
    }

    /** The slot {@code quarters} quarters earlier, or null before the horizon. */
    public QuarterSlot back(int quarters) {
        QuarterSlot slot = this;
        for (int k = 0; k < quarters && slot != null; k++) {
            slot = slot.previous;
        }
        return slot;
    }

    /** Whether this is the horizon's last quarter. */
    public boolean isLast() {
        return next == null;
    }

    @Override
    public String toString() {
        return quarter.toString();
    }
}
