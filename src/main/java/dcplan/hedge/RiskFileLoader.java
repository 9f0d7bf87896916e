package dcplan.hedge;

import com.fasterxml.jackson.databind.JsonNode;
import dcplan.model.DidYouMean;
import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.Node;
import dcplan.model.Quarter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a risk file (models/risks/*.yaml, schema in models/risks/README.md) into a
 * {@link RiskSet}. Every problem is collected and thrown at once as an {@link InputException}
 * naming the file and the key, as the model and scenario loaders do: unknown keys with "did you
 * mean", probabilities that are not positive or do not sum to 1, scenario files that are not
 * there, duplicate names, an unknown central. The scenario files themselves and the decision
 * quarter against the horizon are checked when the instance is built ({@link HedgeInstances}),
 * against the model they change.
 */
public final class RiskFileLoader {
    static final Set<String> ROOT_KEYS = Set.of("risk");
    static final Set<String> KEYS = Set.of("name", "decision_quarter", "central", "scenarios", "monte_carlo");
    static final Set<String> MEMBER_KEYS = Set.of("name", "scenario", "probability");
    static final Set<String> MONTE_CARLO_KEYS = Set.of("samples", "seed");
    /** Probabilities must sum to 1 within this (the contract's tolerance). */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-9;
    /** A future's name: it becomes a folder name (scenarios/NAME/), as a scenario's does. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");


    private RiskFileLoader() {
    }

    /** Reads and checks {@code file}; throws InputException listing every problem. */
    public static RiskSet load(Path file) {
        String where = file.toString();
        JsonNode json = ModelLoader.readYamlFile(file, "risk file");
        if (json == null || !json.isObject() || !json.has("risk")) {
            throw new InputException(where + ": must be a YAML map with one top-level key 'risk' holding "
                    + String.join(", ", new java.util.TreeSet<>(KEYS)) + " (see models/risks/README.md)");
        }
        List<String> problems = new ArrayList<>();
        Node root = new Node(json, where + ":", problems);
        root.onlyKeys(ROOT_KEYS);
        RiskSet set = parse(root.get("risk"), file);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return set;
    }

    private static RiskSet parse(Node risk, Path file) {
        risk.onlyKeys(KEYS);
        String name = risk.optionalText("name");
        if (name == null) {
            name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        } else if (!NAME.matcher(name).matches()) {
            risk.get("name").problem("must be lowercase letters and digits in hyphen-separated words, got '" + name + "'");
        }
        Quarter decision = risk.quarter("decision_quarter", true);
        RiskSet.MonteCarlo monteCarlo = monteCarlo(risk.get("monte_carlo"));
        List<RiskSet.Member> members = members(risk, file.toAbsolutePath().getParent(), monteCarlo != null);
        String marked = risk.optionalText("central");
        if (marked != null && members.stream().noneMatch(m -> m.name().equals(marked))) {
            risk.get("central").problem(DidYouMean.unknown("scenario", marked,
                    members.stream().map(RiskSet.Member::name).toList(), ""));
        }
        String central = marked != null ? marked : members.isEmpty() ? null : members.get(0).name();
        return new RiskSet(name, file, decision, central, members, monteCarlo);
    }

    /** The listed futures: names unique, scenario files present, probabilities positive summing to 1. */
    private static List<RiskSet.Member> members(Node risk, Path folder, boolean monteCarlo) {
        List<Node> listed = risk.list("scenarios");
        if (listed.isEmpty() && !monteCarlo) {
            risk.get("scenarios").problem("must list at least one scenario (name, probability; scenario: FILE for a what-if)");
        }
        List<RiskSet.Member> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        double sum = 0;
        boolean numbersOk = true;
        for (Node m : listed) {
            m.onlyKeys(MEMBER_KEYS);
            String name = m.text("name");
            if (!name.isEmpty() && !NAME.matcher(name).matches()) {
                m.get("name").problem("must be lowercase letters and digits in hyphen-separated words (it names the "
                        + "folder scenarios/NAME/), got '" + name + "'");
            } else if (!name.isEmpty() && !names.add(name)) {
                m.get("name").problem("duplicate scenario name '" + name + "': each future needs its own name");
            }
            double p = m.get("probability").isMissing() ? Double.NaN : m.get("probability").asNumber();
            if (m.get("probability").isMissing()) {
                m.get("probability").missing();
                numbersOk = false;
            } else if (Double.isNaN(p)) {
                numbersOk = false;
            } else if (!(p > 0)) {
                m.get("probability").problem("must be greater than 0, got " + m.get("probability").json().asText()
                        + " (leave a future out rather than give it probability 0)");
                numbersOk = false;
            }
            sum += Double.isNaN(p) ? 0 : p;
            out.add(new RiskSet.Member(name, scenarioFile(m, folder), p));
        }
        if (numbersOk && !listed.isEmpty() && Math.abs(sum - 1.0) > PROBABILITY_SUM_TOLERANCE) {
            risk.get("scenarios").problem("probabilities must sum to 1, got " + sum + " ("
                    + String.join(" + ", out.stream().map(m -> String.valueOf(m.probability())).toList()) + ")");
        }
        return out;
    }

    /** The member's scenario file resolved against the risk file's folder; null for the base model. */
    private static Path scenarioFile(Node m, Path folder) {
        String text = m.optionalText("scenario");
        if (text == null) {
            return null;
        }
        Path p = folder.resolve(text).normalize();
        if (!Files.isRegularFile(p)) {
            m.get("scenario").problem("scenario file not found: " + text + " (resolved against the risk file's folder: " + p + ")");
        }
        return p;
    }

    private static RiskSet.MonteCarlo monteCarlo(Node mc) {
        if (mc.isMissing()) {
            return null;
        }
        mc.onlyKeys(MONTE_CARLO_KEYS);
        double samples = mc.nonNegative("samples", null);
        double seed = mc.nonNegative("seed", 1.0);
        if (!Double.isNaN(samples) && (samples < 1 || samples != Math.rint(samples))) {
            mc.get("samples").problem("must be a whole number of at least 1, got " + mc.get("samples").json().asText());
        }
        if (!Double.isNaN(seed) && seed != Math.rint(seed)) {
            mc.get("seed").problem("must be a whole number, got " + mc.get("seed").json().asText());
        }
        return new RiskSet.MonteCarlo(Double.isNaN(samples) ? 0 : (int) samples, Double.isNaN(seed) ? 0 : (long) seed);
    }
}
