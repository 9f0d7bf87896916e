package dcplan.cli;

import dcplan.report.HedgedFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dcplan compare} with a plan run and a hedged run ({@link HedgedFolderFixture#sample}):
 * the hedged one is lined up by its expected figures and labelled so; a hedged folder missing a
 * future's files is bad input (exit 2) naming the file.
 */
class CompareHedgedTest {
    @TempDir
    Path tmp;

    @Test
    void aPlanAndAHedgedRunCompareAndABrokenHedgedRunIsNamed() throws Exception {
        Path hedge = HedgedFolderFixture.sample(tmp, false);
        Path plan = tmp.resolve("runs/base");
        CliTestSupport.Run ok = CliTestSupport.run("compare", plan.toString(), hedge.toString(), "--out", tmp.resolve("cmp").toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.stderr());
        assertTrue(ok.stderr().contains("hedged export-controls (expected over 2 futures) (hedge)"), ok.stderr());
        List<String> csv = Files.readAllLines(tmp.resolve("cmp/compare.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith(hedge + ",hedged export-controls (expected over 2 futures),true,"), csv.get(2));

        Path missing = hedge.resolve("scenarios/ban/plan/servers.csv");
        Files.delete(missing);
        CliTestSupport.Run bad = CliTestSupport.run("compare", plan.toString(), hedge.toString(), "--out", tmp.resolve("cmp2").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains(missing.toString()), bad.stderr());
        assertTrue(Files.notExists(tmp.resolve("cmp2")), "nothing written for bad input");
    }
}
