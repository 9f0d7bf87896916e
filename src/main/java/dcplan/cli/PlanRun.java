package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.PlanningModel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.Quarter;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.InputsHash;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import dcplan.report.PlanExplanation;
import dcplan.report.ReportWriter;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import dcplan.solver.ScoreReading;
import dcplan.solver.domain.CapacityPlan;
import dcplan.solver.lp.PlanLinearProgram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The part of {@code plan} and {@code whatif} after the inputs are resolved: solve with progress
 * on the console (Ctrl-C stops the search and the best plan so far is still written), print the
 * summary and the lower bound, write the run folder with its report (report.html, report.md),
 * print its path last. Returns the exit code.
 */
final class PlanRun {

    /**
     * What to plan and where to write it; {@code afterWrite} adds files (reports) to the folder;
     * {@code command} ("plan", "whatif") and {@code recorded} (what else a rerun needs, e.g. the
     * what-if's baseline) go into summary.json's settings with the solve settings; {@code whatIf}
     * is null for a plan of its own.
     */
    record Request(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, SolveSettings solve,
                   String scenario, Path runFolder, Map<String, byte[]> extraFiles, RunInfo.ExtraWriter afterWrite,
                   String command, Map<String, Object> recorded, WhatIfPart whatIf) {

        Request(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, SolveSettings solve,
                String scenario, Path runFolder, Map<String, byte[]> extraFiles, RunInfo.ExtraWriter afterWrite,
                String command, Map<String, Object> recorded) {
            this(model, demand, problem, solve, scenario, runFolder, extraFiles, afterWrite, command, recorded, null);
        }

        Commitments commitments() {
            return whatIf == null ? Commitments.NONE : whatIf.commitments();
        }
    }

    /**
     * What a what-if adds to its run: the commitments the plan keeps, the baseline it came from,
     * its own summary.json figures and files (written before the report, which reads them).
     */
    interface WhatIfPart {
        Commitments commitments();

        /** The first quarter not yet decided; null when every quarter is re-planned. */
        Quarter decidedUntil();

        String baselineRun();

        ObjectNode summary(Plan plan, Evaluation evaluation);

        void writeInto(Path tempFolder, Plan plan, Evaluation evaluation) throws IOException;
    }

    private final PrintStream console;
    private final StringBuilder log;
    private final LogCapture libraryLog;

    /** {@code libraryLog}: the libraries' log lines captured while the run was made, appended to log.txt. */
    PlanRun(PrintStream console, StringBuilder log, LogCapture libraryLog) {
        this.console = console;
        this.log = log;
        this.libraryLog = libraryLog;
    }

    void note(String line) {
        console.println(line);
        log.append(line).append('\n');
    }

    int execute(Request r) throws Exception {
        Planner planner = new Planner();
        CountDownLatch written = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            planner.terminateEarly();
            try {
                written.await(120, TimeUnit.SECONDS); // let the main thread write the best plan so far
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "dcplan-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        Map<String, Object> settings = settings(r);
        try {
            Planner.Outcome outcome;
            try (ProgressPrinter progress = new ProgressPrinter(console, new ScoreReading(r.problem()), log)) {
                outcome = planner.plan(r.model(), r.demand(), r.problem(), r.solve().solverOptions().withProgress(progress),
                        r.solve().lpLimits(), r.commitments());
            }
            CapacitySolver.Result search = outcome.search();
            if (search.stoppedEarly()) {
                note("stopped early: writing the best plan found so far");
            }
            note("search: " + (search.ran() ? search.score() + " in " + String.format("%.1f s", search.solveSeconds())
                    + " (" + search.ended() + ")" : search.ended()) + "; plan kept: " + outcome.polishNote());
            // where the planning step's time went, against --time-limit (docs/solver.md, "The deadline")
            note("planning steps: " + outcome.steps().stream().map(Planner.Step::toString)
                    .collect(Collectors.joining("; ")));
            // which LP solvers ran matters to a rerun (OR-Tools and the ojAlgo fallback can split demand differently)
            settings.put("lp_solvers", PlanLinearProgram.backendDescription());
            Evaluation ev = r.whatIf() == null ? outcome.evaluation()
                    : PlanEvaluator.evaluate(r.model(), r.demand(), outcome.plan(), r.commitments());
            printSummary(ev, r.scenario());
            Bound bound = Bound.of(r.model(), r.demand(), ev, outcome.relaxation(), r.solve().boundTimeLimit(),
                    r.commitments(), outcome.mip(), r.solve().solverOptions().gap());
            note("lower bound              " + bound.describe(ev.totalCostUsd()));
            WhatIfPart whatIf = r.whatIf();
            ObjectNode whatIfSummary = whatIf == null ? null : whatIf.summary(outcome.plan(), ev); // may note lines: before log.txt
            Map<String, byte[]> extra = new LinkedHashMap<>(r.extraFiles());
            extra.put("log.txt", logText(r).getBytes(StandardCharsets.UTF_8));
            RunInfo info = RunInfo.of(r.scenario(), InputsHash.sha256(r.model(), r.demand()), search.solveSeconds(),
                            search.stoppedEarly(), search.ran() ? search.score().toString() : null)
                    .withExtraFiles(extra)
                    .withBound(bound.usd(), bound.gap(ev.totalCostUsd()), bound.kind())
                    .withSettings(settings);
            if (whatIf != null) {
                info = info.withCommitments(whatIf.decidedUntil(), whatIf.baselineRun()).withWhatIf(whatIfSummary);
            }
            RunInfo summaryInfo = info;
            // the plan written (often the LP's re-split), not the search's solution
            List<String> why = PlanExplanation.lines(ev);
            RunInfo.ExtraWriter afterWrite = r.afterWrite();
            RunFolder.write(r.runFolder(), r.model(), r.demand(), outcome.plan(), ev, info.withExtraWriter(tmp -> {
                if (whatIf != null) {
                    whatIf.writeInto(tmp, outcome.plan(), ev);
                }
                try {
                    ReportWriter.write(tmp, r.model(), ev, RunFolder.summary(ev, summaryInfo), why);
                } catch (Exception | LinkageError e) {
                    // the plan is the product; a report that cannot be drawn (no fonts on a bare
                    // machine, say) must not throw a finished solve away: say so and keep the run
                    String why2 = "report not written: " + e;
                    console.println("dcplan: warning: " + why2 + " (rebuild it later with ReportWriter.fromRunFolder)");
                    java.nio.file.Files.writeString(tmp.resolve("report-error.txt"), why2 + "\n");
                }
                if (afterWrite != null) {
                    afterWrite.writeInto(tmp);
                }
            }));
            System.out.println(r.runFolder());
            return ev.feasible() ? ExitCodes.OK : ExitCodes.NO_FEASIBLE_PLAN;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C in progress: the hook is running and now sees the latch released
            }
        }
    }

    /** summary.json's settings: dcplan's version, the command and what it recorded, the solve settings. */
    private static Map<String, Object> settings(Request r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dcplan_version", Version.current());
        s.put("command", r.command());
        s.putAll(r.recorded());
        s.putAll(r.solve().toMap());
        return s;
    }

    /**
     * log.txt: how the run was made (dcplan's version, the command, seed, steps, time limits, the
     * LP solvers), what the console showed, then the libraries' log lines (Spark, OptaPlanner)
     * captured meanwhile.
     */
    private String logText(Request r) {
        String library = libraryLog == null ? "" : libraryLog.text();
        return "dcplan " + Version.current() + " " + r.command() + ": " + r.solve().logLine() + "\n"
                + "LP solvers: " + PlanLinearProgram.backendDescription() + "\n"
                + log + (library.isEmpty() ? "" : "\nlibrary log (log4j):\n" + library);
    }

    /** The headline figures, on the console and in log.txt. */
    private void printSummary(Evaluation ev, String scenario) {
        double volume = ev.servedInferences() + ev.unmetInferences();
        note("scenario                 " + scenario);
        note("feasible                 " + (ev.feasible() ? "yes" : "NO: " + ev.violations().keySet()));
        note("cost per M inferences    " + Format.usd(ev.usdPerMillionInferences() == null ? Double.NaN : ev.usdPerMillionInferences(), 4) + " USD");
        note("total cost               " + Format.usd(ev.totalCostUsd()) + " USD (server capex "
                + Format.usd(ev.cost().serverCapexAmortized()) + ", facility capex " + Format.usd(ev.cost().facilityCapexAmortized())
                + ", energy " + Format.usd(ev.cost().energy()) + ")");
        note("served                   " + Format.count(ev.servedInferences()) + " inferences ("
                + Format.percent(volume > 0 ? ev.servedInferences() / volume : 1) + ")");
        note("unmet                    " + Format.count(ev.unmetInferences()) + " inferences");
        ev.shortRegions().forEach(r -> note("  short: " + r.region() + " " + Format.count(r.unmetInferences())
                + " inferences unmet; " + String.join("; ", r.reasons().stream().limit(3).toList())));
        ev.bindingLimits().stream().limit(8).forEach(b -> note("  binds: " + b.sentence()));
        if (ev.bindingLimits().size() > 8) {
            note("  ... " + (ev.bindingLimits().size() - 8) + " more binding limits in summary.json");
        }
    }
}
