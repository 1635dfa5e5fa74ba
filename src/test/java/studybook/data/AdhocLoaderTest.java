package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdhocLoaderTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private Frame load(String content) throws IOException {
    return AdhocLoader.load(write(content), Set.of(), Map.of());
  }

  @Test
  void typesColumnsAndOrdersLevelsByCodePoint() throws IOException {
    Frame f = load("id,sex,age\n1,b,30\n2,a,NA\n3,B,41.5\n4,,1e1\n");
    assertEquals(VariableKind.CONTINUOUS, f.kind("age"));
    assertEquals(VariableKind.CATEGORICAL, f.kind("sex"));
    assertEquals(List.of("B", "a", "b"), f.levels("sex"));
    assertArrayEquals(new int[] {2, 1, 0, -1}, f.codes("sex"));
    assertArrayEquals(new double[] {30, Double.NaN, 41.5, 10}, f.values("age"));
    assertArrayEquals(new int[] {2, 3, 4, 5}, f.lines());
  }

  @Test
  void numericCategoricalLevelsSortNumerically() throws IOException {
    Frame f = AdhocLoader.load(write("g\n10\n2\n1\n"), Set.of("g"), Map.of());
    assertEquals(List.of("1", "2", "10"), f.levels("g"));
  }

  @Test
  void explicitLevelOrderWinsAndMustCoverTheData() throws IOException {
    Path file = write("g\nx\ny\nz\n");
    assertEquals(List.of("z", "x", "y"), AdhocLoader.load(file, Set.of(), Map.of("g", List.of("z", "x", "y"))).levels("g"));
    DataException e = assertThrows(DataException.class,
        () -> AdhocLoader.load(file, Set.of(), Map.of("g", List.of("x", "y"))));
    assertEquals(4, e.first().line());
    assertEquals("g", e.first().column());
    assertEquals("z", e.first().value());
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndNewlinesAndLinesStayTrue() throws IOException {
    Frame f = load("\uFEFFname,x\r\n\"a, \"\"b\"\"\nc\",1\r\nd,2\r\n");
    assertEquals(List.of("a, \"b\"\nc", "d"), f.levels("name"));
    assertArrayEquals(new int[] {2, 4}, f.lines());
  }

  @Test
  void strayWordInANumericColumnIsAnErrorAtItsLine() throws IOException {
    DataException e = assertThrows(DataException.class, () -> load("age\n1\n2\n\nthree\n4\n"));
    assertEquals(5, e.first().line());
    assertEquals("age", e.first().column());
    assertEquals("three", e.first().value());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "|", value = {
    "empty file||0",
    "header only|a,b\\n|0",
    "ragged row|a,b\\n1,2\\n3\\n|3",
    "unclosed quote|a\\n\"x\\n|2",
    "duplicate column|a,a\\n1,2\\n|1",
    "blank column name|a,\\n1,2\\n|1",
    "control character|a\\n1\u0001\\n|2",
    "overflow|a\\n1\\n1e400\\n|3",
    "quote inside field|a\\nx\"y\\n|2",
  })
  void brokenFilesGiveALocatedError(String what, String content, int line) throws IOException {
    String text = content == null ? "" : content.replace("\\n", "\n");
    DataException e = assertThrows(DataException.class, () -> load(text), what);
    assertEquals(line, e.first().line(), what);
    assertEquals(dir.resolve("d.csv"), e.first().file());
  }

  @Test
  void bytesThatAreNotUtf8AreReadAsWindows1252() throws IOException {
    // Was refused as "not valid UTF-8" (issue 24): a spreadsheet's CSV on Western European Windows is Windows-1252.
    Path f = dir.resolve("latin1.csv");
    Files.write(f, "name\nok\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(List.of("Jos\u00e9", "ok"), AdhocLoader.load(f, Set.of(), Map.of()).levels("name"));
  }

  @Test
  void otherDialectsReadAsTheirCommaTwin() throws IOException {
    Frame comma = load("id,sex,size\n1,b,30.5\n2,a,NA\n3,\u00e4,41\n");
    for (String[] dialect : new String[][] {{";", ",", "\r\n"}, {"\t", ".", "\n"}, {"|", ".", "\r"}, {";", ".", "\r"}}) {
      String text = "id,sex,size\n1,b,30.5\n2,a,NA\n3,\u00e4,41\n".replace(",", dialect[0])
          .replace("30.5", "30" + dialect[1] + "5").replace("\n", dialect[2]);
      Path f = dir.resolve("dialect.csv");
      Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
      Frame other = AdhocLoader.load(f, Set.of(), Map.of());
      String what = java.util.Arrays.toString(dialect);
      assertEquals(comma.levels("sex"), other.levels("sex"), what);
      assertArrayEquals(comma.codes("sex"), other.codes("sex"), what);
      assertArrayEquals(comma.values("size"), other.values("size"), what);
      assertArrayEquals(comma.lines(), other.lines(), what);
    }
  }

  @Test
  void unknownCategoricalColumnSuggestsTheNearestName() throws IOException {
    Path f = write("grade,age\nG1,3\n");
    DataException e = assertThrows(DataException.class, () -> AdhocLoader.load(f, Set.of("grad"), Map.of()));
    assertEquals("grad", e.first().column());
    assertEquals("did you mean 'grade'?", e.first().hint());
  }

  @Test
  void negativeZeroReadsAsZero() throws IOException {
    assertEquals("0.0", Double.toString(load("x\n-0\n").values("x")[0]));
  }

  @Test
  void headerNamesAreTrimmedSoTheyNeverMakeTwoColumnsThatLookAlike() throws IOException {
    Frame f = load(" id ,sex\n1,a\n");
    assertEquals(List.of("id", "sex"), f.columnNames());
    DataException e = assertThrows(DataException.class, () -> load("x,x \n1,2\n"));
    assertEquals(1, e.first().line());
    assertEquals("x", e.first().column());
    // Composed and decomposed é are one name.
    e = assertThrows(DataException.class, () -> load("caf\u00e9,cafe\u0301\n1,2\n"));
    assertEquals("caf\u00e9", e.first().column());
  }

  @Test
  void valuesThatLookIdenticalAreOneLevelNeverASplitGroup() throws IOException {
    Frame f = load("sex,town\nmale,caf\u00e9\nmale ,cafe\u0301\n male,x\nfemale,x\nNA ,x\n");
    assertEquals(List.of("female", "male"), f.levels("sex"));
    assertArrayEquals(new int[] {1, 1, 1, 0, -1}, f.codes("sex"));
    assertEquals(List.of("caf\u00e9", "x"), f.levels("town"));
    Frame ordered = AdhocLoader.load(write("sex\nmale \nfemale\n"), Set.of(), Map.of("sex", List.of("male ", "female")));
    assertEquals(List.of("male", "female"), ordered.levels("sex"));
  }
}
