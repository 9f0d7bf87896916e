package dcplan.hedge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcplan.model.ModelWriter;
import dcplan.model.io.AtomicFolder;
import dcplan.plan.Commitments;
import dcplan.plan.Evaluation;
import dcplan.plan.InputsHash;
import dcplan.plan.PlanEvaluator;
import dcplan.plan.RunFolder;
import dcplan.plan.RunInfo;
import dcplan.report.PlanExplanation;
import dcplan.report.ReportWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a hedged run folder, atomically ({@link AtomicFolder}: never over an earlier run, a
 * reader sees no folder or a complete one), in the agreed format (/work/briefs/hedge-format.md):
 * <pre>
 * out/
 *   scenarios/NAME/      a complete plan run folder per future ({@link RunFolder}), decided_until = D
 *   commitments.csv      kind,site,chip,quarter,added,mw: the commitments before D every future shares
 *   risk.yaml            the risk file as read; inputs/scenarios/ the scenario files it names
 *   summary.json         {@link HedgeSummary}
 * </pre>
 * Every future's plan is evaluated again here, from the plan and its commitments alone, before
 * anything is written: what the folder says is the evaluator's, not the solver's.
 */
public final class HedgeRunFolder {
    public static final String SCENARIOS = "scenarios";
    public static final String COMMITMENTS_CSV = "commitments.csv";
    public static final String RISK_YAML = "risk.yaml";
    static final String COMMITMENTS_HEADER = "kind,site,chip,quarter,added,mw";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private HedgeRunFolder() {
    }

    /**
     * Writes {@code out}. {@code modelFiles}: the base model folder's files as read (name.yaml ->
     * bytes), recorded in every future's {@code inputs/models/}; {@code settings}: how the run was
     * made (summary.json's settings). {@code afterWrite} adds files last (the report), null for none.
     */
    public static void write(Path out, RiskSet risk, HedgeInstance instance, HedgedPlan hedged, HedgeFigures figures,
                             Map<String, byte[]> modelFiles, Map<String, Object> settings,
                             RunInfo.ExtraWriter afterWrite) throws IOException {
        AtomicFolder.write(out, tmp -> {
            List<ObjectNode> summaries = new ArrayList<>();
            Files.createDirectories(tmp.resolve(SCENARIOS));
            for (int i = 0; i < instance.cases().size(); i++) {
                summaries.add(writeFuture(tmp.resolve(SCENARIOS).resolve(instance.cases().get(i).name()),
                        instance, instance.cases().get(i), hedged.plans().get(i), heldIn(instance, hedged, i), modelFiles));
            }
            Files.writeString(tmp.resolve(COMMITMENTS_CSV), commitmentsCsv(hedged.shared()));
            Files.copy(risk.file(), tmp.resolve(RISK_YAML));
            for (RiskSet.Member m : risk.members()) {
                if (m.scenarioFile() != null) {
                    Path to = tmp.resolve("inputs/scenarios").resolve(m.scenarioFile().getFileName().toString());
                    Files.createDirectories(to.getParent());
                    if (!Files.exists(to)) {
                        Files.copy(m.scenarioFile(), to);
                    }
                }
            }
            ObjectNode summary = HedgeSummary.of(risk, instance, hedged, figures, summaries, inputsSha256(instance), settings);
            JSON.writeValue(tmp.resolve("summary.json").toFile(), summary);
            if (afterWrite != null) {
                afterWrite.writeInto(tmp);
            }
            return null;
        });
    }

    /** The commitments future {@code i} keeps: the shared ones, read under its own model's lead times. */
    static Commitments heldIn(HedgeInstance instance, HedgedPlan hedged, int i) {
        HedgeCase reference = instance.cases().get(referenceIndex(instance, hedged));
        return Commitments.of(reference.model(), hedged.plans().get(referenceIndex(instance, hedged)).plan(),
                instance.cases().get(i).model(), instance.decisionQuarter());
    }

    /** The future whose plan states the shared commitments: the central one. */
    static int referenceIndex(HedgeInstance instance, HedgedPlan hedged) {
        return instance.central();
    }

    /** One future's plan run folder; returns its summary.json tree. */
    private static ObjectNode writeFuture(Path folder, HedgeInstance instance, HedgeCase c, CasePlan p, Commitments held,
                                          Map<String, byte[]> modelFiles) throws IOException {
        Evaluation ev = PlanEvaluator.evaluate(c.model(), c.demand(), p.plan(), held);
        Map<String, byte[]> extra = new LinkedHashMap<>();
        modelFiles.forEach((name, bytes) -> extra.put("inputs/models/" + name, bytes));
        if (!c.scenarioYaml().isEmpty()) {
            extra.put("inputs/scenario.yaml", c.scenarioYaml().getBytes(StandardCharsets.UTF_8));
        }
        ModelWriter.toYaml(c.model(), "Resolved model of future " + c.name() + " of a hedged plan.")
                .forEach((name, yaml) -> extra.put("inputs/resolved/" + name, yaml.getBytes(StandardCharsets.UTF_8)));
        RunInfo info = RunInfo.of(c.name(), InputsHash.sha256(c.model(), c.demand()), 0, false, null)
                .withExtraFiles(extra)
                .withCommitments(instance.decisionQuarter(), "../..");
        ObjectNode summary = RunFolder.summary(ev, info);
        List<String> why = PlanExplanation.lines(ev);
        RunFolder.write(folder, c.model(), c.demand(), p.plan(), ev, info.withExtraWriter(tmp -> {
            try {
                ReportWriter.write(tmp, c.model(), ev, summary, why);
            } catch (Exception | LinkageError e) {
                // the plan is the product: a report that cannot be drawn must not lose the run
                Files.writeString(tmp.resolve("report-error.txt"), "report not written: " + e + "\n");
            }
        }));
        return summary;
    }

    /** commitments.csv: the non-zero shared commitments, sorted kind, site, chip, quarter. */
    static String commitmentsCsv(Commitments shared) {
        List<String[]> rows = new ArrayList<>();
        shared.heldAdded().forEach((k, added) -> {
            if (added != 0) {
                rows.add(new String[]{"server", k.site(), k.chip(), k.quarter().toString(), Integer.toString(added), ""});
            }
        });
        shared.heldAddedMw().forEach((k, mw) -> {
            if (mw != 0) {
                rows.add(new String[]{"facility", k.site(), "", k.quarter().toString(), "", Double.toString(mw)});
            }
        });
        rows.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]).thenComparing(r -> r[2])
                .thenComparing(r -> r[3]));
        StringBuilder sb = new StringBuilder(COMMITMENTS_HEADER).append('\n');
        rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
        return sb.toString();
    }

    /** One hash over every future's resolved inputs, its probability and D. */
    static String inputsSha256(HedgeInstance instance) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("D=" + instance.decisionQuarter() + "\n").getBytes(StandardCharsets.UTF_8));
            for (HedgeCase c : instance.cases()) {
                md.update((c.name() + "," + c.probability() + "," + InputsHash.sha256(c.model(), c.demand()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
