package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.kernel.CacheMode;
import studybook.kernel.CellOutcome;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

class ReportPipelineTest {
  private static final List<String> ALL = List.of("age", "cohort", "eventOdds", "events", "flow", "resampledAge");
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  @TempDir Path tmp;

  private static KernelRun run(Path study, CacheMode mode) {
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(mode).quiet());
    ReportWriter.write(run, Path.of("reports"), QUIET);
    return run;
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f);
  }

  @Test
  void writesEveryOutput() throws IOException {
    Path study = MiniStudy.copy(tmp);
    run(study, CacheMode.USE);
    Path reports = study.resolve("reports");
    assertEquals(List.of(OutputFolder.MARKER, "figures/eventOdds.svg", "figures/flow.svg", "manifest.json", "report.docx", "report.html", "report.md", "results.json", "tables/events.csv"),
        List.copyOf(MiniStudy.snapshot(reports).keySet()));
    String md = read(reports.resolve("report.md"));
    assertTrue(md.contains("| endoscopic | 6 | 1 (16.7%) |"), md);
    assertTrue(md.contains("mean age is 60.5 years"), md);
    assertEquals("group,n,events,pct\nendoscopic,6,1,16.666666666666668\nsurgical,6,3,50.0\n",
        read(reports.resolve("tables/events.csv")));
    JsonNode results = new ObjectMapper().readTree(reports.resolve("results.json").toFile());
    assertEquals(ALL, iterable(results.fieldNames()));
    assertEquals(60.45454545454545, results.path("age").path("mean").doubleValue(), 0.0);
    String html = read(reports.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<td align=\"right\">1 (16.7%)</td>"), html);
    assertFalse(html.contains("http://") || html.contains("https://"), "no network fetches");
  }

  /**
   * Issue 16, hash what you read: a template replaced between the run's hashing and the render must not be
   * rendered under the old template's hash; the report comes from the bytes whose hash the manifest records.
   */
  @Test
  void templateRenderedIsTheOneWhoseHashTheManifestRecords() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path template = study.resolve("templates/report.md.ftl");
    String original = read(template);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().with(CacheMode.REFRESH).quiet());
    MiniStudy.write(template, "# Swapped after hashing\n");
    ReportWriter.write(run, Path.of("reports"), QUIET);
    String md = read(study.resolve("reports/report.md"));
    assertFalse(md.contains("Swapped after hashing"), md);
    JsonNode m = new ObjectMapper().readTree(study.resolve("reports/manifest.json").toFile());
    String recorded = m.path("inputs").path("templates/report.md.ftl").asText(m.toString());
    assertEquals(studybook.kernel.Hashes.of(original.getBytes(java.nio.charset.StandardCharsets.UTF_8)), recorded);
  }

  @Test
  void twoRunsGiveIdenticalBytes() {
    Path study = MiniStudy.copy(tmp);
    run(study, CacheMode.REFRESH);
    Map<String, String> first = MiniStudy.snapshot(study.resolve("reports"));
    run(study, CacheMode.REFRESH);
    Map<String, String> second = MiniStudy.snapshot(study.resolve("reports"));
    assertEquals(first, second);
    // A cached rerun too, manifest included: timings and cache hits live in the git-ignored run log,
    // so a reviewer's rerun that changed nothing leaves `git status` clean.
    run(study, CacheMode.USE);
    assertEquals(first, MiniStudy.snapshot(study.resolve("reports")));
  }

  @Test
  void secondRunTakesEveryCellFromTheCache() throws IOException {
    Path study = MiniStudy.copy(tmp);
    KernelRun first = run(study, CacheMode.USE);
    assertEquals(ALL, first.computedCells());
    assertTrue(first.outcomes().stream().allMatch(c -> c.reason().equals("not cached")));
    Map<String, String> before = MiniStudy.snapshot(study.resolve("reports"));
    KernelRun second = run(study, CacheMode.USE);
    assertEquals(List.of(), second.computedCells());
    assertTrue(second.outcomes().stream().allMatch(c -> c.reason().equals("unchanged")));
    // Cached values are equal as data (each run compiles its own classes, so not by equals()).
    assertEquals(first.resultsJson(), second.resultsJson());
    Map<String, String> after = MiniStudy.snapshot(study.resolve("reports"));
    before.remove("manifest.json");
    after.remove("manifest.json");
    assertEquals(before, after);

    // A template change re-renders without recomputing.
    Path template = study.resolve("templates/report.md.ftl");
    MiniStudy.write(template, read(template) + "\nAdded line.\n");
    KernelRun third = run(study, CacheMode.USE);
    assertEquals(List.of(), third.computedCells());
    assertTrue(read(study.resolve("reports/report.md")).endsWith("Added line.\n"));

    // Data change: every cell that reads data re-runs, saying why.
    Path data = study.resolve("data/mini.csv");
    MiniStudy.write(data, read(data) + "13,surgical,80,1\n");
    KernelRun fourth = run(study, CacheMode.USE);
    assertEquals(ALL, fourth.computedCells());
    assertTrue(fourth.outcomes().stream().allMatch(c -> c.reason().equals("input changed")), reasons(fourth));

    // --no-cache forces.
    KernelRun forced = run(study, CacheMode.REFRESH);
    assertTrue(forced.outcomes().stream().allMatch(c -> c.reason().equals("forced")));

    // A code change re-runs the cells of that script.
    Path script = study.resolve("analysis/Cohort.java");
    MiniStudy.write(script, read(script) + "\n// a comment\n");
    KernelRun fifth = run(study, CacheMode.USE);
    assertTrue(fifth.outcomes().stream().allMatch(c -> c.reason().equals("code changed")), reasons(fifth));
  }

  @Test
  void corruptCacheEntryIsRecomputed() throws IOException {
    Path study = MiniStudy.copy(tmp);
    run(study, CacheMode.USE);
    Path ageDir = study.resolve(".studybook/cache/age");
    Path entry;
    try (Stream<Path> s = Files.list(ageDir)) {
      entry = s.filter(p -> !p.getFileName().toString().equals("last.json")).findFirst().orElseThrow();
    }
    // Valid JSON with a forged result: only the stored payload hash gives it away.
    String text = read(entry).replace("60.45454545454545", "99.5");
    MiniStudy.write(entry, text);
    Path cohortEntry;
    try (Stream<Path> s = Files.list(study.resolve(".studybook/cache/cohort"))) {
      cohortEntry = s.filter(p -> !p.getFileName().toString().equals("last.json")).findFirst().orElseThrow();
    }
    MiniStudy.write(cohortEntry, "not json at all");
    KernelRun again = run(study, CacheMode.USE);
    assertEquals(List.of("age", "cohort"), again.computedCells());
    assertTrue(again.outcomes().stream().filter(CellOutcome::computed)
        .allMatch(c -> c.reason().equals("cache entry corrupt")), reasons(again));
    assertEquals(60.45454545454545, again.resultsJson().path("age").path("mean").doubleValue(), 0.0);
    assertEquals(List.of(), run(study, CacheMode.USE).computedCells());
  }

  @Test
  void failedRunLeavesPreviousReportsUntouched() throws IOException {
    Path study = MiniStudy.copy(tmp);
    run(study, CacheMode.USE);
    Map<String, String> before = MiniStudy.snapshot(study.resolve("reports"));
    Path template = study.resolve("templates/report.md.ftl");
    MiniStudy.write(template, read(template) + "\n${cohort.nosuch}\n");
    Path data = study.resolve("data/mini.csv");
    MiniStudy.write(data, read(data) + "13,surgical,81,0\n");
    StudybookException e = assertThrows(StudybookException.class, () -> run(study, CacheMode.USE));
    assertTrue(e.getMessage().startsWith("templates/report.md.ftl:30:3: The following has evaluated to null or missing"), e.getMessage());
    assertEquals(before, MiniStudy.snapshot(study.resolve("reports")));
    try (Stream<Path> s = Files.list(study)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".reports")).toList(),
          "no staging folder left behind");
    }
  }

  @Test
  void secondConcurrentRunIsRefused() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path lockFile = study.resolve(".studybook/run.lock");
    Files.createDirectories(lockFile.getParent());
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      StudybookException e = assertThrows(StudybookException.class, () -> run(study, CacheMode.USE));
      assertTrue(e.getMessage().startsWith("another studybook run is using this study"), e.getMessage());
    }
    run(study, CacheMode.USE);
  }

  @Test
  void manifestRecordsProvenance() throws IOException {
    Path study = MiniStudy.copy(tmp);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()
        .withCommandLine(List.of("studybook", "run", "--quiet")));
    ReportWriter.write(run, Path.of("reports"), QUIET);
    JsonNode m = new ObjectMapper().readTree(study.resolve("reports/manifest.json").toFile());
    assertEquals(List.of("analysis/Cohort.java", "data/mini.csv", "study.properties", "templates/page.html.ftl",
        "templates/report.md.ftl"), iterable(m.path("inputs").fieldNames()));
    assertEquals(studybook.kernel.Hashes.ofFile(study.resolve("data/mini.csv")), m.path("inputs").path("data/mini.csv")
        .asText());
    assertEquals(20190401L, m.path("seed").asLong());
    assertTrue(m.path("synthetic").asBoolean());
    JsonNode log = new ObjectMapper().readTree(study.resolve(".studybook").resolve(Kernel.RUN_LOG).toFile());
    assertEquals("[\"studybook\",\"run\",\"--quiet\"]", log.path("commandLine").toString());
    assertTrue(log.path("git").has("commit") && log.path("git").has("dirty"));
    assertEquals(System.getProperty("java.version"), log.path("java").path("version").asText());
    assertEquals(Runtime.version().feature(), m.path("java").path("release").asInt());
    assertFalse(m.has("commandLine") || m.has("git") || m.path("cells").get(0).has("durationMillis"), m.toString());
    assertEquals("2.3.33", m.path("dependencies").path("org.freemarker:freemarker").asText());
    JsonNode age = m.path("cells").get(0);
    assertEquals("age", age.path("name").asText());
    assertEquals("not cached", log.path("cells").get(0).path("reason").asText());
    assertEquals(studybook.kernel.Hashes.ofFile(study.resolve("analysis/Cohort.java")), age.path("codeHash").asText());
    assertEquals(Kernel.cellSeed(20190401L, "age"), age.path("seed").asLong());
    assertEquals(64, age.path("outputHash").asText().length());
    assertEquals(64, age.path("inputHashes").path("data").asText().length());
    assertTrue(log.path("cells").get(0).path("durationMillis").isNumber());
    assertEquals(studybook.kernel.Hashes.ofFile(study.resolve("reports/report.md")),
        m.path("outputs").path("report.md").asText());
  }

  @Test
  void outMustStayInsideTheStudy() throws IOException {
    Path study = MiniStudy.copy(tmp);
    var s = MiniStudy.open(study);
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("../elsewhere")));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("reports/../..")));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of(".")));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("data")));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, tmp.resolve("outside")));
    Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(study.resolve("link"), tmp.resolve("outside"));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("link")));
    assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("link/reports")));
    MiniStudy.write(study.resolve("notes/todo.txt"), "mine");
    StudybookException e = assertThrows(StudybookException.class, () -> OutputFolder.resolve(s, Path.of("notes")));
    assertTrue(e.getMessage().contains("not a studybook output folder"));
    assertEquals(study.resolve("out/r1"), OutputFolder.resolve(s, Path.of("out/r1")));
  }

  private static String reasons(KernelRun run) {
    return run.outcomes().stream().map(c -> c.name() + ":" + c.reason()).toList().toString();
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }
}
