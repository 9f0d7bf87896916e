package dcplan.cli;

/** Named exit codes, documented in {@code dcplan --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int NO_FEASIBLE_PLAN = 3;

    private ExitCodes() {
    }
}
