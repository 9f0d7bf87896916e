package dcplan.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's --help prints cleanly, and the sweep's examples name folders that exist. */
class HelpTest {

    /** Every command and subcommand, as the words typed before --help. */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }

    @Test
    void everyHelpPrintsWithoutPicocliWarnings() {
        List<List<String>> commands = commands();
        assertTrue(commands.contains(List.of("forecasts", "generate")), commands.toString());
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliTestSupport.Run r = CliTestSupport.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), command + ": " + r.stderr());
            // A '%' that is not '%%' in a description makes picocli warn and print the raw text.
            assertFalse(r.stderr().contains("picocli WARN"), command + ": " + r.stderr());
            assertFalse(r.stdout().contains("%n"), command + ": " + r.stdout());
        }
    }

    /**
     * Each folder an example of {@code dcplan sweep --help} reads (--demand, --plan, --models,
     * --forecasts, --scenarios) exists in the repository or is the --out of an earlier example.
     */
    @Test
    void sweepExamplesReadFoldersThatExist() {
        CliTestSupport.Run r = CliTestSupport.run("sweep", "--help");
        String examples = r.stdout().substring(r.stdout().indexOf("Examples"));
        // Join continued lines (" \" then an indented line) into one command each.
        List<String> words = List.of(examples.replaceAll("\\\\\\s*\\n\\s*", " ").split("\\s+"));
        Set<String> reads = Set.of("--demand", "--plan", "--models", "--forecasts", "--scenarios");
        List<Path> written = new ArrayList<>();
        int checked = 0;
        String option = null;
        for (String w : words) {
            if (w.startsWith("--")) {
                option = w;
                continue;
            }
            if (option != null && w.contains("/") && !w.contains("://") && !w.startsWith("'")) {
                Path p = Path.of(w);
                if (option.equals("--out")) {
                    written.add(p);
                } else if (reads.contains(option)) {
                    boolean made = written.stream().anyMatch(p::startsWith);
                    assertTrue(made || Files.exists(p), w + " (after " + option + ") neither exists nor is written by an "
                            + "earlier example:\n" + examples);
                    checked++;
                }
            }
            if (option != null && !option.equals("--scenarios")) {
                option = null;
            }
        }
        assertTrue(checked >= 5, "examples parsed: " + checked + "\n" + examples);
    }
}
