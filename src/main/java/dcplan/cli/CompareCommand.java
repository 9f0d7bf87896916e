package dcplan.cli;

import dcplan.model.io.AtomicFolder;
import dcplan.report.CompareReport;
import dcplan.report.RunDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dcplan compare}: several runs' headline figures in one table. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Line up several plan runs' headline figures (cost per inference, costs, unmet demand, capex) "
                + "in one table, as compare.csv and compare.html. A hedged run (dcplan hedge) takes part by its expected "
                + "figures over its futures, labelled 'hedged <risk> (expected over N futures)'. The last line printed "
                + "is the output folder.",
        footerHeading = "%nExamples:%n",
        footer = {"  dcplan compare runs/20261129-101500-base runs/20261129-103000-brazil-surge",
                "  dcplan compare runs/*-base runs/*-budget-cut-25 --out runs/q3-review-compare"})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run folders (plan, what-if or hedged); the first is the reference.")
    List<Path> runs;

    @Option(names = "--out", description = "Output folder (must not exist; default: runs/<time>-compare/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<RunDigest> digests = new ArrayList<>();
        for (Path run : runs) {
            digests.add(RunDigest.read(run));
        }
        Path target = out != null ? out : PlanCommand.defaultRunFolder("compare");
        AtomicFolder.write(target, tmp -> {
            CompareReport.write(tmp, digests);
            return null;
        });
        for (RunDigest d : digests) {
            System.err.printf("%-48s %s  %s USD/M inferences  total %s USD  unmet %s%n", d.label(),
                    d.feasible() ? "feasible  " : "INFEASIBLE", Format.usd(d.usdPerMillion(), 4),
                    Format.usd(d.totalCostUsd()), Format.count(d.unmetInferences()));
        }
        System.out.println(target);
        return ExitCodes.OK;
    }
}
