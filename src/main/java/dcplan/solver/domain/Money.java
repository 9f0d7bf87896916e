package dcplan.solver.domain;

/**
 * The score's money unit: micro-dollars, whole numbers (a score in floating point would drift
 * under incremental updates). A micro-dollar per match keeps the score's cost within about 1e-12
 * of the evaluator's on plans of hundreds of millions of USD, and a long holds 9.2e12 USD.
 */
public final class Money {
    /** Soft-score units per USD. */
    public static final double MICROS_PER_USD = 1e6;

    private Money() {
    }

    /** USD as whole micro-dollars, rounded once. */
    public static long micros(double usd) {
        return Math.round(usd * MICROS_PER_USD);
    }

    /** Micro-dollars (a soft score) as USD. */
    public static double usd(long micros) {
        return micros / MICROS_PER_USD;
    }
}
