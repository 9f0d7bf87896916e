package dcplan.solver.domain;

/**
 * A whole-number purchase the search decides ({@link ServerPurchase}: servers, {@link PhaseBuild}:
 * phases of MW), so that one move type and one loader serve both: each is "this decision takes this
 * value", within 0 .. {@link #maxValue}.
 */
public interface IntegerDecision {

    /** The current value (0 when not yet set). */
    int value();

    /** Sets the value; callers tell the score director around it, with {@link #variableName}. */
    void setValue(int value);

    int maxValue();

    /** What the construction loads: the starting plan's value. */
    int startValue();

    /** The planning variable's name, for the score director's notifications. */
    String variableName();
}
