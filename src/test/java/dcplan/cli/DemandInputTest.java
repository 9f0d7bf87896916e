package dcplan.cli;

import dcplan.model.DemandCell;
import dcplan.model.DemandTable;
import dcplan.model.ModelLoader;
import dcplan.model.PlanningModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** plan --demand: a roll-up folder (as sweep --demand takes it) and a CSV file by any name read as the CSV. */
class DemandInputTest {
    static final PlanningModel MODEL = ModelLoader.load(CliTestSupport.REPO_MODELS);

    @TempDir
    Path tmp;

    @Test
    void aRollUpFolderIsReadThroughItsDemandCsv() {
        Path folder = tmp.resolve("demand-1");
        Path csv = CliTestSupport.writeDemand(folder.resolve("demand.csv"), List.of("brazil", "france"), List.of("recsys"));
        List<String> printed = new ArrayList<>();
        List<DemandCell> cells = DemandInput.read(folder.toString(), null, null, MODEL, printed::add);
        assertEquals(DemandTable.readCsv(csv), cells);
        assertEquals(24, cells.size());
        assertEquals(List.of(), printed, "no Spark, nothing to say");
    }

    @Test
    void aCsvFileIsReadByItsContentWhateverItsName() throws IOException {
        Path csv = CliTestSupport.writeDemand(tmp.resolve("demand.csv"), List.of("china"), List.of("embedding"));
        Path txt = Files.copy(csv, tmp.resolve("demand-export.txt"));
        assertEquals(DemandTable.readCsv(csv), DemandInput.read(txt.toString(), null, null, MODEL, line -> { }));
    }
}
