package dcplan.cli;

import dcplan.model.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ban in a jurisdiction where no site is: a warning naming the file, the chip and the
 * jurisdictions that have sites; with --strict, bad input.
 */
class StrictOptionTest {
    @TempDir
    Path tmp;

    Path modelsWithABanOnXx() {
        Path models = CliTestSupport.copyModels(tmp.resolve("models"));
        CliTestSupport.edit(models, "chips.yaml", "    banned_jurisdictions: []\n  - id: nvidia-h20\n",
                "    banned_jurisdictions: [{jurisdiction: FRA, from: 2027Q1}]\n  - id: nvidia-h20\n");
        return models;
    }

    @Test
    void aBanWhereNoSiteIsIsAWarningListingTheJurisdictionsWithSites() {
        List<String> printed = new ArrayList<>();
        new StrictOption().loadModel(modelsWithABanOnXx(), printed::add);
        assertEquals(1, printed.size(), printed.toString());
        String line = printed.get(0);
        assertTrue(line.startsWith("dcplan: warning: " + tmp.resolve("models") + "/chips.yaml: chips (ppu).banned_jurisdictions: "
                + "no site is in jurisdiction 'FRA'"), line);
        assertTrue(line.contains("did you mean 'FR'?"), line);
        assertTrue(line.endsWith("(jurisdictions with sites: BR, CN, DE, FR, ID, MY, SG, TH)"), line);
    }

    @Test
    void strictMakesItBadInput() {
        StrictOption strict = new StrictOption();
        strict.strict = true;
        List<String> printed = new ArrayList<>();
        InputException e = assertThrows(InputException.class, () -> strict.loadModel(modelsWithABanOnXx(), printed::add));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("no site is in jurisdiction 'FRA'") && e.problems().get(0).endsWith("(an error with --strict)"),
                e.problems().get(0));
        assertEquals(List.of(), printed);
    }

    @Test
    void theShippedModelHasNoWarnings() {
        List<String> printed = new ArrayList<>();
        StrictOption strict = new StrictOption();
        strict.strict = true;
        strict.loadModel(CliTestSupport.REPO_MODELS, printed::add);
        assertEquals(List.of(), printed);
    }
}
