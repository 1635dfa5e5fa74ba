package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default study's twin written as Parquet (by DuckDB, src/test/parquet/ParquetFixtures.java) gives the
 * report of the CSV run: the same tables, report.md and results.json (bar the frames' content hashes, which
 * cover each row's place in its file: line 2 on of the CSV, row 1 on of the Parquet file), and the ad-hoc
 * commands the same JSON; a Parquet file that does not fit the codebook is exit 2, one error naming it, and
 * nothing written.
 */
class ParquetCommandsTest {
  static final Path TWIN = Path.of("src/test/resources/readers/rectal_net_twin.parquet");

  @TempDir
  Path tmp;

  @Test
  void theTwinAsParquetGivesTheReportOfTheCsv() throws IOException {
    Path study = VerifyCommandTest.copyOfStudy(tmp.resolve("study"));
    Files.copy(TWIN, study.resolve("data/rectal_net_twin.parquet"));
    CliRun csv = CliRun.of("run", "--study", study.toString(), "--quiet", "--out", "csv");
    assertEquals(0, csv.code(), csv.err());
    CliRun parquet = CliRun.of("run", "--study", study.toString(), "--quiet", "--out", "parquet", "--data",
        study.resolve("data/rectal_net_twin.parquet").toString());
    assertEquals(0, parquet.code(), parquet.err());
    Path a = study.resolve("csv");
    Path b = study.resolve("parquet");
    List<Path> tables;
    try (Stream<Path> files = Files.list(a.resolve("tables"))) {
      tables = files.sorted().toList();
    }
    assertFalse(tables.isEmpty());
    for (Path t : tables) {
      assertArrayEquals(Files.readAllBytes(t), Files.readAllBytes(b.resolve("tables").resolve(t.getFileName())),
          t.getFileName().toString());
    }
    assertEquals(Files.readString(a.resolve("report.md")), Files.readString(b.resolve("report.md")));
    assertEquals(withoutFrameHashes(Files.readString(a.resolve("results.json"))),
        withoutFrameHashes(Files.readString(b.resolve("results.json"))));
    String manifest = Files.readString(b.resolve("manifest.json"));
    assertTrue(manifest.contains("rectal_net_twin.parquet"), "the manifest names the Parquet input");
  }

  private static String withoutFrameHashes(String json) {
    return json.replaceAll("\"hash\" : \"[0-9a-f]{64}\"", "\"hash\" : \"…\"");
  }

  @Test
  void theAdHocCommandsGiveTheAnswersOfTheCsv() {
    Path csv = Path.of("data/rectal_net_twin.csv");
    List<List<String>> commands = List.of(
        List.of("describe", "--by", "recurrence", "--vars", "age,sex,tumor_size_mm,er_method,grade,lvi"),
        List.of("logistic", "--outcome", "lvi", "--event", "positive", "--terms", "age,sex,tumor_size_mm,grade"),
        List.of("survival", "--time", "followup_months", "--event", "recurrence", "--event-value", "yes", "--by", "lvi"));
    for (List<String> command : commands) {
      CliRun fromCsv = run(command, csv);
      CliRun fromParquet = run(command, TWIN);
      assertEquals(0, fromCsv.code(), fromCsv.err());
      assertEquals(0, fromParquet.code(), fromParquet.err());
      assertEquals(fromCsv.out().replace(csv.toString(), "DATA"), fromParquet.out().replace(TWIN.toString(), "DATA"),
          command.get(0));
    }
  }

  private static CliRun run(List<String> command, Path data) {
    List<String> args = new java.util.ArrayList<>(command);
    args.addAll(List.of("--data", data.toString(), "--json"));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void aParquetFileThatDoesNotFitTheCodebookIsExit2AndNothingIsWritten() throws IOException {
    Path study = VerifyCommandTest.copyOfStudy(tmp.resolve("bad"));
    // the twin's codebook declares a level the file does not hold under that name
    Path codebook = study.resolve("data/codebook.csv");
    Files.writeString(codebook, Files.readString(codebook).replace("depth,Depth of invasion,binary,mucosa|submucosa",
        "depth,Depth of invasion,binary,mucosa|sub_mucosa"));
    Path data = study.resolve("data/registry.parquet");
    Files.copy(TWIN, data);
    CliRun r = CliRun.of("run", "--study", study.toString(), "--quiet", "--data", data.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("the codebook declares 'sub_mucosa' where the data hold 'submucosa'")
        && r.err().contains("the first at row 1 of registry.parquet"), "one line at the codebook's typo: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(study.resolve("reports")), "nothing written");

    Path cut = study.resolve("data/cut.parquet");
    byte[] bytes = Files.readAllBytes(TWIN);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    CliRun damaged = CliRun.of("describe", "--data", cut.toString(), "--by", "recurrence", "--vars", "age");
    assertEquals(2, damaged.code(), damaged.err());
    assertTrue(damaged.err().contains("cut.parquet") && damaged.err().contains("is not a readable Parquet file"),
        damaged.err());
    assertEquals("", damaged.out());
  }
}
