package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.bench.RegistryGenerator;
import studybook.kernel.Hashes;
import studybook.kernel.RunInputs;

/**
 * What a study run on Spark reads ({@code run --engine spark --data ...}): a Parquet folder as Spark writes it (part
 * files beside _SUCCESS and .crc files), a folder of CSV files, a {@code file://} URI; each gives the single CSV's
 * results, and the manifest records the data by the files Spark read (each one's path, size and SHA-256, hashed on
 * the executors, combined in path order), the same bytes for the same data and another hash for changed data; a
 * local file keeps the SHA-256 of its bytes. Bad input is one clear error, exit 2, the previous report untouched.
 */
@Tag("spark")
class SparkStudyInputsTest {
  @TempDir static Path dir;
  static Path registry;
  static Path parquetFolder;
  static Path csvFolder;
  static Path study;
  static final Path REPO = Path.of("").toAbsolutePath();

  static SparkSession spark() {
    return SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  @BeforeAll
  static void data() throws IOException {
    registry = dir.resolve("registry.csv");
    RegistryGenerator.write(registry, 1200, 11);
    parquetFolder = dir.resolve("registry-out");
    spark().read().option("header", "true").option("inferSchema", "true").csv(registry.toString()).repartition(3)
        .write().parquet(parquetFolder.toString());
    // a CSV folder: the registry in two files, each with its header, and Spark's marker
    csvFolder = dir.resolve("registry-csv");
    Files.createDirectories(csvFolder);
    List<String> lines = Files.readAllLines(registry);
    int half = lines.size() / 2;
    Files.write(csvFolder.resolve("part-0.csv"), lines.subList(0, half));
    List<String> second = new ArrayList<>(List.of(lines.get(0)));
    second.addAll(lines.subList(half, lines.size()));
    Files.write(csvFolder.resolve("part-1.csv"), second);
    Files.writeString(csvFolder.resolve("_SUCCESS"), "");
    study = dir.resolve("study");
    Files.createDirectories(study.resolve("analysis"));
    Files.createDirectories(study.resolve("data"));
    Files.copy(REPO.resolve("data/codebook.csv"), study.resolve("data/codebook.csv"));
    Files.writeString(study.resolve("study.properties"), "title=Inputs on Spark\ndata=data/none.csv\n"
        + "codebook=data/codebook.csv\nseed=1\n");
    Files.writeString(study.resolve("analysis/Counts.java"), """
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        import studybook.tables.GroupTable;

        public class Counts {
          @Cell("Characteristics by sex")
          public GroupTable bySex(Frame data) {
            return GroupTable.of("bySex", data, "sex", java.util.List.of("age", "tumor_size_mm", "grade", "lvi"));
          }
        }
        """);
  }

  static CliRun run(String data, String out, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--study", study.toString(), "--data", data, "--out", out,
        "--no-cache", "--quiet", "--engine", "spark", "--master", "local[2]"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** results.json without the frames' plan hashes (they name the data's hash, which differs by design). */
  static JsonNode results(String out) throws IOException {
    ObjectNode r = (ObjectNode) json(study.resolve(out).resolve("results.json"));
    r.fields().forEachRemaining(e -> {
      if (e.getValue() instanceof ObjectNode o) {
        o.remove("hash");
      }
    });
    return r;
  }

  /** The folder's record as the manifest documents it, computed here from the files on disk. */
  static RunInputs.EngineData expected(Path folder) throws IOException {
    List<RunInputs.Part> parts = new ArrayList<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String rel = folder.relativize(f).toString();
        if (!rel.startsWith("_") && !rel.startsWith(".") && !rel.contains("/_") && !rel.contains("/.")) {
          parts.add(new RunInputs.Part(rel, Files.size(f), Hashes.ofFile(f)));
        }
      }
    }
    return RunInputs.EngineData.ofFolder(parts);
  }

  @Test
  void aParquetFolderWrittenBySparkGivesTheCsvsResultsAndIsRecordedFileByFile() throws IOException {
    CliRun csv = run(registry.toString(), "csv");
    assertEquals(0, csv.code(), csv.err());
    CliRun folder = run(parquetFolder.toString(), "parquet");
    assertEquals(0, folder.code(), folder.err());
    assertEquals(results("csv"), results("parquet"));
    assertTrue(results("csv").get("bySex").toString().contains("tumor_size_mm"), results("csv").toString());

    JsonNode manifest = json(study.resolve("parquet/manifest.json"));
    String location = parquetFolder.toUri().toString().replaceAll("/$", "");
    RunInputs.EngineData want = expected(parquetFolder);
    assertEquals(3, want.parts().size(), want.toString());
    assertTrue(want.parts().stream().allMatch(p -> p.path().endsWith(".parquet")), want.toString());
    assertEquals(want.hash(), manifest.get("inputs").get(location).asText(), manifest.toString());
    JsonNode parts = manifest.get("inputParts").get(location);
    assertEquals(3, parts.size(), parts.toString());
    for (int i = 0; i < 3; i++) {
      assertEquals(want.parts().get(i).path(), parts.get(i).get("path").asText());
      assertEquals(want.parts().get(i).bytes(), parts.get(i).get("bytes").asLong());
      assertEquals(want.parts().get(i).sha256(), parts.get(i).get("sha256").asText());
    }
    // a local file keeps the SHA-256 of its bytes, and no parts
    JsonNode csvManifest = json(study.resolve("csv/manifest.json"));
    assertEquals(Hashes.ofFile(registry), csvManifest.get("inputs").get(registry.toString()).asText());
    assertFalse(csvManifest.has("inputParts"), csvManifest.toString());

    // the same data by a file:// URI: the same record, and the same manifest bytes at a second run
    CliRun again = run(location, "parquet-again");
    assertEquals(0, again.code(), again.err());
    assertEquals(Files.readString(study.resolve("parquet/manifest.json")),
        Files.readString(study.resolve("parquet-again/manifest.json")));
    assertEquals(Files.readString(study.resolve("parquet/results.json")),
        Files.readString(study.resolve("parquet-again/results.json")));
  }

  @Test
  void aChangedFolderHasAnotherHash() throws IOException {
    Path copy = dir.resolve("changed-out");
    SparkStudyRunTest.copy(parquetFolder, copy);
    CliRun before = run(copy.toString(), "changed-before");
    assertEquals(0, before.code(), before.err());
    // one part file fewer: other data, another hash (and other results)
    try (Stream<Path> files = Files.list(copy)) {
      Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
      Files.delete(part);
      Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    }
    CliRun after = run(copy.toString(), "changed-after");
    assertEquals(0, after.code(), after.err());
    String key = copy.toUri().toString().replaceAll("/$", "");
    String was = json(study.resolve("changed-before/manifest.json")).get("inputs").get(key).asText();
    String now = json(study.resolve("changed-after/manifest.json")).get("inputs").get(key).asText();
    assertNotEquals(was, now);
    assertEquals(expected(copy).hash(), now);
  }

  @Test
  void aCsvFolderGivesTheSingleFilesResults() throws IOException {
    CliRun csv = run(registry.toString(), "csv1");
    assertEquals(0, csv.code(), csv.err());
    CliRun folder = run(csvFolder.toString(), "csvfolder");
    assertEquals(0, folder.code(), folder.err());
    assertEquals(results("csv1"), results("csvfolder"));
    JsonNode manifest = json(study.resolve("csvfolder/manifest.json"));
    String location = csvFolder.toUri().toString().replaceAll("/$", "");
    JsonNode parts = manifest.get("inputParts").get(location);
    assertEquals(List.of("part-0.csv", "part-1.csv"), List.of(parts.get(0).get("path").asText(),
        parts.get(1).get("path").asText()), parts.toString());
    assertEquals(expected(csvFolder).hash(), manifest.get("inputs").get(location).asText());
    assertEquals(Hashes.of(RunInputs.EngineData.record(expected(csvFolder).parts())),
        manifest.get("inputs").get(location).asText());
  }

  /** Every file of an output folder, by relative path. */
  static Map<String, byte[]> snapshot(Path folder) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        m.put(folder.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return m;
  }

  static void sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, b.get(k)), k + " changed"));
  }

  @Test
  void aPathThatCannotBeReadIsOneErrorAndThePreviousReportStays() throws IOException {
    CliRun ok = run(registry.toString(), "kept");
    assertEquals(0, ok.code(), ok.err());
    Map<String, byte[]> before = snapshot(study.resolve("kept"));
    for (String bad : List.of(dir.resolve("no-such-folder").toString(), "file://" + dir.resolve("nothing-here"),
        "nosuchscheme://host/registry")) {
      CliRun r = run(bad, "kept");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("studybook: cannot read " + bad), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      sameFiles(before, snapshot(study.resolve("kept")));
    }
  }

  @Test
  void anUnreachableMasterIsOneErrorAndThePreviousReportStays() throws IOException {
    CliRun ok = run(registry.toString(), "master-kept");
    assertEquals(0, ok.code(), ok.err());
    Map<String, byte[]> before = snapshot(study.resolve("master-kept"));
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    CliRun r = CliRun.of("run", "--study", study.toString(), "--data", registry.toString(), "--out", "master-kept",
        "--no-cache", "--quiet", "--engine", "spark", "--master", master);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("studybook: Spark master '" + master + "' cannot be reached"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    sameFiles(before, snapshot(study.resolve("master-kept")));
  }

  /** A copy of the Parquet folder with one more part file, written by Spark from {@code rows}. */
  static Path folderWithPart(String name, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows)
      throws IOException {
    Path folder = dir.resolve(name);
    SparkStudyRunTest.copy(parquetFolder, folder);
    Path extra = dir.resolve(name + "-extra");
    rows.coalesce(1).write().parquet(extra.toString());
    try (Stream<Path> files = Files.list(extra)) {
      Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, folder.resolve("part-99999-odd.snappy.parquet"));
    }
    return folder;
  }

  @Test
  void aParquetPartThatDoesNotMatchTheCodebookIsNamedWithItsColumn() throws IOException {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> all = spark().read().parquet(parquetFolder.toString());
    Path missing = folderWithPart("missing-column", all.drop("lvi").limit(20));
    CliRun r = run(missing.toString(), "never");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(missing.resolve("part-99999-odd.snappy.parquet") + ": column 'lvi': declared in the"
        + " codebook but not in this file of the folder"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    Path retyped = folderWithPart("retyped-column",
        all.withColumn("age", all.col("age").cast("string")).limit(20));
    CliRun t = run(retyped.toString(), "never");
    assertEquals(2, t.code(), t.err());
    assertTrue(t.err().contains(retyped.resolve("part-99999-odd.snappy.parquet") + ": column 'age': is Parquet BINARY"
        + " (STRING) in this file but INT32 in part-00000"), t.err());
    assertFalse(Files.exists(study.resolve("never")), "nothing written");
  }

  @Test
  void aBadCsvValueOnSparkNamesItsLineAndColumnAsTheLocalEngineDoes() throws IOException {
    Path bad = dir.resolve("bad-line.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(registry));
    int grade = List.of(lines.get(0).split(",")).indexOf("grade");
    String[] row = lines.get(6).split(",", -1);
    row[grade] = "G9";
    lines.set(6, String.join(",", row));
    Files.write(bad, lines);
    CliRun spark = run(bad.toString(), "never");
    assertEquals(2, spark.code(), spark.err());
    CliRun local = CliRun.of("run", "--study", study.toString(), "--data", bad.toString(), "--out", "never",
        "--no-cache", "--quiet");
    assertEquals(2, local.code(), local.err());
    String where = bad + ":7: column 'grade': unknown level";
    assertTrue(local.err().contains(where), local.err());
    assertTrue(spark.err().contains(where) && spark.err().contains("(value 'G9')"), spark.err());
    assertFalse(spark.err().contains("\tat "), spark.err());
    // in a folder of CSV files: the file of the folder and its own line (its header is line 1)
    Path folder = dir.resolve("bad-folder");
    SparkStudyRunTest.copy(csvFolder, folder);
    List<String> second = new ArrayList<>(Files.readAllLines(folder.resolve("part-1.csv")));
    row = second.get(4).split(",", -1);
    row[grade] = "G9";
    second.set(4, String.join(",", row));
    Files.write(folder.resolve("part-1.csv"), second);
    CliRun inFolder = run(folder.toString(), "never");
    assertEquals(2, inFolder.code(), inFolder.err());
    assertTrue(inFolder.err().contains(folder.resolve("part-1.csv") + ":5: column 'grade': unknown level"),
        inFolder.err());
    assertFalse(Files.exists(study.resolve("never")), "nothing written");
  }

  @Test
  void theRunsCachedDatasetIsReleasedWhenItEndsOrFails() throws IOException {
    CliRun ok = run(registry.toString(), "released");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(spark().sparkContext().getPersistentRDDs().isEmpty(), "kept after a run: "
        + spark().sparkContext().getPersistentRDDs());
    Path bad = dir.resolve("bad-release.csv");
    Files.writeString(bad, Files.readString(registry).replaceFirst(",G1,", ",G9,"));
    CliRun failed = run(bad.toString(), "never-released");
    assertEquals(2, failed.code(), failed.err());
    assertTrue(failed.err().contains("unknown level"), failed.err());
    assertTrue(spark().sparkContext().getPersistentRDDs().isEmpty(), "kept after a failed run: "
        + spark().sparkContext().getPersistentRDDs());
  }

  /** An ad-hoc command's stray word in a numeric column: its line too, found once the error is known. */
  @Test
  void anAdhocCommandsStrayWordNamesItsLine() throws IOException {
    Path f = dir.resolve("stray.csv");
    StringBuilder b = new StringBuilder("g,x\n");
    for (int i = 0; i < 40; i++) {
      b.append(i % 2 == 0 ? "a" : "b").append(',').append(i == 17 ? "\"n/a\"" : Integer.toString(i)).append('\n');
    }
    Files.writeString(f, b);
    CliRun local = CliRun.of("describe", "--data", f.toString(), "--by", "g", "--json");
    CliRun spark = CliRun.of("describe", "--data", f.toString(), "--by", "g", "--json", "--engine", "spark");
    assertEquals(2, local.code(), local.err());
    assertEquals(2, spark.code(), spark.err());
    assertTrue(local.err().contains(f + ":19: column 'x'"), local.err());
    assertTrue(spark.err().contains(f + ":19: column 'x'") && spark.err().contains("'n/a'"), spark.err());
  }
}
