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
import dcplan.report.ReportWriter;
import dcplan.report.ScoreExplanations;
import dcplan.solver.CapacitySolver;
import dcplan.solver.Planner;
import dcplan.solver.ScoreReading;
import dcplan.solver.domain.CapacityPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The part of {@code plan} and {@code whatif} after the inputs are resolved: solve with progress
 * on the console (Ctrl-C stops the search and the best plan so far is still written), print the
 * summary and the lower bound, write the run folder with its report (report.html, report.md),
 * print its path last. Returns the exit code.
 */
final class PlanRun {

    /**
     * What to plan and where to write it; {@code afterWrite} adds files (reports) to the folder;
     * {@code whatIf} is null for a plan of its own.
     */
    record Request(PlanningModel model, List<DemandCell> demand, CapacityPlan problem,
                   CapacitySolver.Options options, Planner.LpLimits lp, String scenario, Path runFolder,
                   Map<String, byte[]> extraFiles, RunInfo.ExtraWriter afterWrite, WhatIfPart whatIf) {

        Request(PlanningModel model, List<DemandCell> demand, CapacityPlan problem, CapacitySolver.Options options,
                Planner.LpLimits lp, String scenario, Path runFolder, Map<String, byte[]> extraFiles,
                RunInfo.ExtraWriter afterWrite) {
            this(model, demand, problem, options, lp, scenario, runFolder, extraFiles, afterWrite, null);
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

    PlanRun(PrintStream console, StringBuilder log) {
        this.console = console;
        this.log = log;
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
        try {
            Planner.Outcome outcome;
            try (ProgressPrinter progress = new ProgressPrinter(console, new ScoreReading(r.problem()), log)) {
                outcome = planner.plan(r.model(), r.demand(), r.problem(), r.options().withProgress(progress), r.lp(),
                        r.commitments());
            }
            CapacitySolver.Result search = outcome.search();
            if (search.stoppedEarly()) {
                note("stopped early: writing the best plan found so far");
            }
            note("search: " + search.score() + " in " + String.format("%.1f s", search.solveSeconds())
                    + "; plan kept: " + outcome.polishNote());
            Evaluation ev = r.whatIf() == null ? outcome.evaluation()
                    : PlanEvaluator.evaluate(r.model(), r.demand(), outcome.plan(), r.commitments());
            printSummary(ev, r.scenario());
            Bound bound = Bound.of(r.model(), r.demand(), ev, outcome.relaxation(), r.lp().relaxation(), r.commitments());
            note("lower bound              " + bound.describe(ev.totalCostUsd()));
            WhatIfPart whatIf = r.whatIf();
            ObjectNode whatIfSummary = whatIf == null ? null : whatIf.summary(outcome.plan(), ev); // may note lines: before log.txt
            Map<String, byte[]> extra = new LinkedHashMap<>(r.extraFiles());
            extra.put("log.txt", log.toString().getBytes(StandardCharsets.UTF_8));
            RunInfo info = RunInfo.of(r.scenario(), InputsHash.sha256(r.model(), r.demand()), search.solveSeconds(),
                            search.stoppedEarly(), search.score().toString())
                    .withExtraFiles(extra)
                    .withBound(bound.usd(), bound.gap(ev.totalCostUsd()));
            if (whatIf != null) {
                info = info.withCommitments(whatIf.decidedUntil(), whatIf.baselineRun()).withWhatIf(whatIfSummary);
            }
            RunInfo summaryInfo = info;
            List<String> why = ScoreExplanations.lines(search.solution());
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
