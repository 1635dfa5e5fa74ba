package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codebook loader's one-check-per-distinct-value path (which also reads the parsed-column cache)
 * gives the frame the row-by-row path gives, and leaves every problem to the row-by-row path.
 */
class StudyDataLoaderDictionaryTest {
  @TempDir Path dir;

  private static void assertSameFrame(Frame expected, Frame actual) {
    assertEquals(expected.columnNames(), actual.columnNames());
    assertEquals(expected.rowCount(), actual.rowCount());
    assertArrayEquals(expected.lines(), actual.lines());
    for (String c : expected.columnNames()) {
      assertEquals(expected.kind(c), actual.kind(c), c);
      if (expected.kind(c) == VariableKind.CATEGORICAL) {
        assertEquals(expected.levels(c), actual.levels(c), c);
        assertArrayEquals(expected.codes(c), actual.codes(c), c);
      } else {
        assertArrayEquals(expected.values(c), actual.values(c), c);
      }
    }
    assertEquals(expected.codebook(), actual.codebook());
  }

  @Test
  void theStudysDataGiveTheSameFrameEitherWay() {
    Path data = Path.of("data/rectal_net_twin.csv");
    Codebook codebook = CodebookLoader.load(Path.of("data/codebook.csv"));
    assertSameFrame(StudyDataLoader.loadCsvByRows(data, codebook), StudyDataLoader.load(data, codebook));
  }

  @Test
  void missingValuesBlankLinesQuotesAndIdsInFileOrderGiveTheSameFrame() throws Exception {
    Path codebook = dir.resolve("codebook.csv");
    Files.writeString(codebook, "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n"
        + "id,Id,id,,,,,,,yes,,\n"
        + "grp,Group,categorical,b|a,,,,,NA,no,,\n"
        + "x,X,continuous,,,,0,100,NA|-9,no,,\n"
        + "when,When,date,,,,,,,no,,\n", StandardCharsets.UTF_8);
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "id,grp,x,when\n"
        + "z9,a,1.5,2020-01-02\n"
        + "\n"
        + "a1,\"b\",NA,\n"
        + "m5,NA,-9,2021-12-31\n"
        + "q2,b,\"100\",2020-01-02\n", StandardCharsets.UTF_8);
    Codebook cb = CodebookLoader.load(codebook);
    Frame rows = StudyDataLoader.loadCsvByRows(data, cb);
    assertSameFrame(rows, StudyDataLoader.load(data, cb));
    assertEquals(List.of("z9", "a1", "m5", "q2"), rows.levels("id"));
  }

  @Test
  void problemsAreReportedAsTheRowByRowPathReportsThem() throws Exception {
    Path codebook = dir.resolve("codebook.csv");
    Files.writeString(codebook, "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n"
        + "id,Id,id,,,,,,,yes,,\n"
        + "grp,Group,categorical,b|a,,,,,NA,yes,,\n"
        + "x,X,continuous,,,,0,100,NA,no,,\n", StandardCharsets.UTF_8);
    Path data = dir.resolve("d.csv");
    // a duplicate id, an unknown level seen twice, a missing required value and an out-of-range number
    Files.writeString(data, "id,grp,x\n1,a,1\n2,c,2\n1,b,3\n4,c,300\n5,NA,4\n", StandardCharsets.UTF_8);
    Codebook cb = CodebookLoader.load(codebook);
    DataException byRows = assertThrows(DataException.class, () -> StudyDataLoader.loadCsvByRows(data, cb));
    DataException viaLoad = assertThrows(DataException.class, () -> StudyDataLoader.load(data, cb));
    assertEquals(byRows.getMessage(), viaLoad.getMessage());
    assertEquals(byRows.problems().size(), viaLoad.problems().size());
    assertEquals(5, viaLoad.problems().size(), viaLoad.getMessage());
  }
}
