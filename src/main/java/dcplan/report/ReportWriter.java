package dcplan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import dcplan.plan.Evaluation;
import dcplan.plan.Plan;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.PlanFiles;
import dcplan.plan.WhatIfTables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a plan run's report: {@code report.html} (self-contained: inline CSS, JFreeChart charts
 * as inline SVG, no script, nothing fetched) and {@code report.md}, from the run's evaluation,
 * its summary.json tree and the model. Sections, in order: {@link #SECTIONS}.
 *
 * <p>{@link #write} is called with the run's temporary folder (a {@code RunInfo} extra writer),
 * so the report is inside the atomically renamed run folder; {@link #fromRunFolder} rebuilds it
 * from the files of an existing run folder.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    /** The score explanation lines given to {@link #write}, kept so a rebuilt report shows them too. */
    public static final String EXPLANATION = "score-explanation.txt";
    static final String CASH_BY_QUARTER = "cash-by-quarter";
    static final String COMMITMENTS = "commitments";
    /** The section only a what-if's report has, after the headline. */
    public static final String WHAT_IF = "what-if";
    /** Section ids of a plan's report.html, in page order; a what-if's has {@link #WHAT_IF} after the headline. */
    public static final List<String> SECTIONS = List.of("headline", "capex-by-year", CASH_BY_QUARTER, "capex-by-site",
            COMMITMENTS, "chip-mix", "cost-per-region", "sourcing", "power", "utilisation", "binding-limits", "tables");

    /** The section ids of a what-if's report.html, in page order. */
    public static List<String> whatIfSections() {
        List<String> out = new java.util.ArrayList<>(SECTIONS);
        out.add(1, WHAT_IF);
        return List.copyOf(out);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /** The two documents of a report, as text. */
    public record Report(String html, String markdown) {
    }

    /**
     * Renders the report. {@code summary} is the run's summary.json tree
     * ({@code RunFolder.summary(evaluation, info)}): every headline figure is read from it.
     * {@code explanation} is optional (null or empty): lines of {@link PlanExplanation#lines}.
     */
    public static Report render(PlanningModel model, Evaluation evaluation, ObjectNode summary, List<String> explanation) {
        return render(model, evaluation, summary, explanation, null);
    }

    /** As {@link #render(PlanningModel, Evaluation, ObjectNode, List)} with a what-if's tables (null for a plan). */
    public static Report render(PlanningModel model, Evaluation evaluation, ObjectNode summary, List<String> explanation,
                                WhatIfTables whatIf) {
        ReportData data = ReportData.of(model, evaluation, summary, explanation, whatIf);
        return new Report(HtmlReport.render(data), MarkdownReport.render(data));
    }

    /**
     * Writes report.html, report.md and, when {@code explanation} has lines, score-explanation.txt
     * into {@code folder} (a run folder or its temporary folder before the rename). Each file is
     * written beside its final name and moved into place, so a reader never sees half a report.
     * A what-if's held.csv and stranded.csv, when already in {@code folder}, are shown too.
     */
    public static void write(Path folder, PlanningModel model, Evaluation evaluation, ObjectNode summary,
                             List<String> explanation) throws IOException {
        Report report = render(model, evaluation, summary, explanation, WhatIfTables.read(folder));
        if (explanation != null && !explanation.isEmpty()) {
            put(folder.resolve(EXPLANATION), String.join("\n", explanation) + "\n");
        }
        put(folder.resolve(MARKDOWN), report.markdown());
        put(folder.resolve(HTML), report.html());
    }

    /**
     * Rebuilds the report of an existing run folder from its files: {@code summary.json},
     * {@code plan/*.csv}, {@code demand.csv}, the model the plan was made for ({@code inputs/resolved/},
     * else {@code inputs/models/} for folders written before it existed) and, when present,
     * {@code score-explanation.txt}, {@code held.csv} and {@code stranded.csv}; the plan is
     * re-evaluated ({@link PlanEvaluator}) for its tables.
     * Writes report.html and report.md into the folder (replacing earlier ones) and returns them.
     * Throws {@link InputException} naming the file when one is missing or unreadable.
     */
    public static Report fromRunFolder(Path runFolder) throws IOException {
        Report report = renderRunFolder(runFolder);
        put(runFolder.resolve(MARKDOWN), report.markdown());
        put(runFolder.resolve(HTML), report.html());
        return report;
    }

    /** As {@link #fromRunFolder} without writing anything (for tools that compose reports, e.g. compare). */
    public static Report renderRunFolder(Path runFolder) throws IOException {
        Path summaryFile = runFolder.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new InputException(runFolder + ": not a run folder (expected summary.json, plan/*.csv, demand.csv, inputs/models/)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new InputException(summaryFile + ": cannot read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(tree instanceof ObjectNode summary)) {
            throw new InputException(summaryFile + ": expected a JSON object");
        }
        // a scenario's or what-if's plan was made for the resolved model, not the base
        Path resolved = runFolder.resolve("inputs/resolved");
        PlanningModel model = ModelLoader.load(Files.isDirectory(resolved) ? resolved : runFolder.resolve("inputs/models"));
        List<DemandCell> demand = DemandTable.readCsv(runFolder.resolve("demand.csv"));
        Plan plan = PlanFiles.read(runFolder);
        Evaluation ev = PlanEvaluator.evaluate(model, demand, plan);
        Path explanationFile = runFolder.resolve(EXPLANATION);
        List<String> explanation = Files.isRegularFile(explanationFile)
                ? Files.readAllLines(explanationFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
        return render(model, ev, summary, explanation, WhatIfTables.read(runFolder));
    }

    static void put(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
