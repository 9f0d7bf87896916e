package dcplan.cli;

import dcplan.model.InputException;
import dcplan.solver.OjAlgoQuiet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dcplan} command: one subcommand per planner task. */
@Command(name = "dcplan", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Capacity planner for AI inference data centers: roll up demand forecasts "
                + "with Spark, plan capex with OptaPlanner, report and compare what-ifs.",
        subcommands = {
                // one line per subcommand class, in the order a planner uses them
                PlanCommand.class,
                WhatIfCommand.class,
                HedgeCommand.class,
                RerunCommand.class,
                ForecastsCommand.class,
                AggregateCommand.class,
                CompareCommand.class,
                SweepCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:internal error (a bug: rerun with --verbose and report it)",
                "2:bad input or usage (the message names the file and what is wrong)",
                "3:no feasible plan (the run folder says which limits bind)"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  dcplan forecasts generate --rows 200000 --seed 7 --out data/forecasts/sample",
                "  dcplan aggregate --forecasts data/forecasts/sample --models models --out runs/demand-1",
                "  dcplan plan --models models --forecasts data/forecasts/sample --time-limit 60s",
                "  dcplan rerun runs/20261129-135245-base   (the same plan again, from the run folder alone)",
                "  dcplan <command> --help   (each command lists its own examples)"})
public final class Main {
    /** Problems printed for one bad input; the rest are counted. */
    static final int MAX_PROBLEMS = 25;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        OjAlgoQuiet.load();
        CommandLine cli = new CommandLine(new Main());
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, verbose));
        cli.setParameterExceptionHandler((ex, args2) -> {
            System.err.println("dcplan: " + ex.getMessage().lines().findFirst().orElse("") + suggestion(ex)
                    + " (see '" + ex.getCommandLine().getCommandName() + " --help')");
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** ", did you mean --seed?" for a misspelt option or subcommand, from picocli's own suggestions. */
    static String suggestion(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return ", did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?";
        }
        return "";
    }

    static int handle(Exception ex, boolean verbose) {
        if (ex instanceof InputException bad) {
            // every problem of a small input; a table with thousands of bad rows shows the first ones
            bad.problems().stream().limit(MAX_PROBLEMS).forEach(problem -> System.err.println("dcplan: " + problem));
            if (bad.problems().size() > MAX_PROBLEMS) {
                System.err.println("dcplan: ... and " + (bad.problems().size() - MAX_PROBLEMS) + " more problems like these");
            }
            if (verbose) {
                ex.printStackTrace();
            }
            return ExitCodes.BAD_INPUT;
        }
        System.err.println("dcplan: internal error: " + ex);
        if (verbose) {
            ex.printStackTrace();
        }
        return ExitCodes.INTERNAL;
    }
}
