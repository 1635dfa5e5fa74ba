package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.manuscript.HandWrittenDocx;
import studybook.manuscript.Manuscript;

/**
 * The author's Word manuscript of the rectal NET study, written by hand (plain WordprocessingML, not
 * studybook's writer) and by LibreOffice: checked against the twin's results, typos planted and found,
 * bound, and updated after a data change with every other byte of the package kept.
 */
class ManuscriptCommandTest {
  @TempDir static Path tmp;
  static Path study;
  static Path results;
  static Path changedResults;
  static final Path LIBREOFFICE_FIXTURE = Path.of("src/test/resources/manuscript/rectal-net-libreoffice.docx");
  /** The numbers of the manuscript no result pins to one path: the author binds them. */
  static final List<String> BINDS = List.of(
      "1.250@tumour size=table3.multivariable.terms.tumor_size_mm.oddsRatio",
      "142@Of the 142=cohort.nonCurative");

  /** The twin's results, and those after one patient's resection margin is corrected (the data change). */
  @BeforeAll
  static void runStudy() throws IOException {
    runStudy(tmp);
  }

  static void runStudy(Path tmp) throws IOException {
    study = VerifyCommandTest.copyOfStudy(tmp.resolve("study"));
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    results = Files.copy(study.resolve("reports/results.json"), tmp.resolve("results.json"));
    Path changed = VerifyCommandTest.copyOfStudy(tmp.resolve("changed"));
    Path data = changed.resolve("data/rectal_net_twin.csv");
    String twin = Files.readString(data);
    String altered = twin.replaceFirst(",positive,positive,surgical,", ",positive,negative,surgical,");
    assertNotEquals(twin, altered);
    Files.writeString(data, altered);
    assertEquals(0, CliRun.of("run", "--study", changed.toString(), "--quiet").code());
    changedResults = Files.copy(changed.resolve("reports/results.json"), tmp.resolve("changed.json"));
  }

  private static CliRun check(Path docx, Path against) {
    return CliRun.of("manuscript", "check", docx.toString(), "--results", against.toString(), "--study", study.toString(),
        "--json");
  }

  private static JsonNode number(JsonNode report, String text, String contextPart) {
    List<JsonNode> hits = new ArrayList<>();
    for (JsonNode n : report.get("numbers")) {
      if (n.get("text").asText().equals(text) && n.get("context").asText().contains(contextPart)) {
        hits.add(n);
      }
    }
    assertEquals(1, hits.size(), text + " in '" + contextPart + "': " + hits);
    return hits.get(0);
  }

  @Test
  void aHandWrittenManuscriptIsMatchedNumberByNumber() throws IOException {
    Path docx = HandWrittenDocx.write(tmp.resolve("clean.docx"), Map.of());
    CliRun o = check(docx, results);
    assertEquals(0, o.code(), o.err() + o.out());
    JsonNode r = o.json();
    assertEquals(List.of("file", "numbers", "counts"), fields(r));
    assertEquals(List.of("ok", "mismatch", "unmatched", "ambiguous", "ignored"), fields(r.get("counts")));
    for (JsonNode n : r.get("numbers")) {
      assertEquals(List.of("text", "context", "status", "binding", "recomputed", "reason", "candidates"), fields(n));
    }
    assertEquals("cohort.total", number(r, "322", "underwent").get("binding").asText());
    assertEquals("ok", number(r, "31.0%", "Of the 142").get("status").asText());
    assertEquals("31.0%", number(r, "31.0%", "Of the 142").get("recomputed").asText());
    assertEquals("curativeContrasts.contrasts.polypectomy_first.p", number(r, "P = 0.041", "polyps").get("binding").asText());
    assertEquals("table3.multivariable.terms.lvi=positive.p", number(r, "P < 0.001", "lymphovascular").get("binding").asText());
    // a CI's ends are settled by the ratio before them
    assertEquals("table3.multivariable.terms.lvi=positive.ciHigh", number(r, "613.452", "lymphovascular").get("binding").asText());
    assertEquals("table3.multivariable.terms.lvi=positive.oddsRatio", number(r, "61.971", "lymphovascular").get("binding").asText(),
        "a number split across two runs is one number");
    // a table cell is read with its row; the footnote is read
    assertEquals("table3.multivariable.terms.resection_margin=indeterminate.oddsRatio",
        number(r, "13.203", "Resection margin indeterminate").get("binding").asText());
    assertEquals("table4.overall.followupMedian", number(r, "40.49", "follow-up").get("binding").asText());
    // the co-author's insertion is the text, the deletion and the comment are not
    assertEquals("ok", number(r, "6", "Lymph-node").get("status").asText());
    for (String absent : List.of("7", "45", "143", "2017")) {
      assertTrue(r.get("numbers").findValuesAsText("text").stream().noneMatch(absent::equals), absent + " is read");
    }
    assertEquals("a year", number(r, "2009", "between").get("reason").asText());
    assertEquals("a citation", number(r, "2", "[1, 2]").get("reason").asText());
    assertEquals("a citation (superscript)", number(r, "3", "180 did").get("reason").asText());
    assertEquals("a table, figure or section number", number(r, "1", "(Figure 1)").get("reason").asText());
    assertEquals("a significance threshold", number(r, "P < 0.05", "significance").get("reason").asText());
    assertEquals(2, r.get("numbers").findValuesAsText("reason").stream().filter("a confidence level"::equals).count());
    JsonNode ambiguous = number(r, "1.250", "tumour size");
    assertEquals("ambiguous", ambiguous.get("status").asText());
    assertTrue(ambiguous.get("binding").isNull());
    List<String> candidates = new ArrayList<>();
    ambiguous.get("candidates").forEach(c -> candidates.add(c.asText()));
    assertTrue(candidates.contains("table3.multivariable.terms.tumor_size_mm.oddsRatio"), ambiguous.toString());
    assertTrue(candidates.size() > 1, ambiguous.toString());
    for (JsonNode n : r.get("numbers")) {
      String s = n.get("status").asText();
      assertTrue(List.of("ok", "ambiguous", "ignored").contains(s), n.toString());
    }
    int total = 0;
    for (JsonNode c : r.get("counts")) {
      total += c.intValue();
    }
    assertEquals(r.get("numbers").size(), total);
    // the table for a person
    CliRun table = CliRun.of("manuscript", "check", docx.toString(), "--results", results.toString());
    assertEquals(0, table.code());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("ok ") && l.contains("31.0%") && l.contains("cohort.additionalPercent")),
        table.out());
  }

  @Test
  void plantedTyposAreEachFound() {
    Map<String, String> typos = Map.of(
        "0.041", "0.014", // transposed digits in a p-value
        "61.971", "61.917", // transposed digits in an odds ratio
        "31.0", "13.0", // a wrong percentage
        "0.002", "0.003", // a stale p-value (the previous analysis's)
        "40.49", "40.94"); // transposed digits in a footnote
    Path docx = HandWrittenDocx.write(tmp.resolve("typos.docx"), typos);
    CliRun o = check(docx, results);
    assertEquals(1, o.code(), o.err() + o.out());
    JsonNode r = o.json();
    List<String> unmatched = new ArrayList<>();
    for (JsonNode n : r.get("numbers")) {
      if (n.get("status").asText().equals("unmatched")) {
        unmatched.add(n.get("text").asText());
      }
    }
    assertEquals(List.of("13.0%", "P = 0.014", "61.917", "P = 0.003", "40.94"), unmatched);
    // and nothing else moved
    JsonNode clean = check(HandWrittenDocx.write(tmp.resolve("clean2.docx"), Map.of()), results).json();
    assertEquals(clean.get("numbers").size(), r.get("numbers").size());
    for (int i = 0; i < clean.get("numbers").size(); i++) {
      JsonNode was = clean.get("numbers").get(i);
      JsonNode now = r.get("numbers").get(i);
      if (!unmatched.contains(now.get("text").asText())) {
        // the CI beside the mistyped odds ratio loses the ratio that settled it: ambiguous, not wrong
        boolean besideTypo = now.get("context").asText().contains("61.917") && now.get("text").asText().matches("6\\.260|613\\.452");
        assertEquals(besideTypo ? "ambiguous" : was.get("status").asText(), now.get("status").asText(), now.toString());
      }
    }
    assertEquals(5, r.get("counts").get("unmatched").intValue());
  }

  @Test
  void bindThenUpdateAfterADataChangeRewritesExactlyTheBoundNumbers() throws IOException {
    Path docx = HandWrittenDocx.write(tmp.resolve("author.docx"), Map.of());
    Path bound = tmp.resolve("bound.docx");
    List<String> args = new ArrayList<>(List.of("manuscript", "bind", docx.toString(), "--out", bound.toString(),
        "--results", results.toString(), "--study", study.toString()));
    BINDS.forEach(b -> { args.add("--bind"); args.add(b); });
    CliRun b = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains("1.009          -> table3.multivariable.terms.tumor_size_mm.ciLow"), b.out());
    assertTrue(b.out().contains("not bound: 6 in \"Lymph-node metastasis was found in 6 patients (Table 2).\": it lies in a tracked"
        + " change"), b.out());
    // the bound copy: every number ok and bound; the author's file untouched
    JsonNode before = check(bound, results).json();
    assertEquals(0, before.get("counts").get("ambiguous").intValue(), before.toString());
    assertEquals(0, before.get("counts").get("mismatch").intValue());
    assertArrayEquals(Files.readAllBytes(docx), HandWrittenDocx.bytes(Map.of()));
    assertEquals(documentText(docx), documentText(bound), "a reader sees the same text");
    assertEqualOutsideControls(docx, bound, false);

    // the data change: the bound numbers are now mismatches, with what they should read
    JsonNode stale = check(bound, changedResults).json();
    assertEquals(1, check(bound, changedResults).code());
    assertEquals("87.814", number(stale, "61.971", "lymphovascular").get("recomputed").asText());
    assertEquals("mismatch", number(stale, "61.971", "lymphovascular").get("status").asText());

    Path updated = Files.copy(bound, tmp.resolve("updated.docx"));
    CliRun u = CliRun.of("manuscript", "update", updated.toString(), "--results", changedResults.toString());
    assertEquals(0, u.code(), u.err());
    assertTrue(u.out().contains("61.971 \u2192 87.814"), u.out());
    assertTrue(u.out().contains("P = 0.002 \u2192 P = 0.001"), u.out());
    long changes = u.out().lines().filter(l -> l.contains(" \u2192 ")).count();
    long mismatches = 0;
    for (JsonNode n : stale.get("numbers")) {
      mismatches += n.get("status").asText().equals("mismatch") ? 1 : 0;
    }
    assertEquals(mismatches, changes);
    JsonNode after = check(updated, changedResults).json();
    assertEquals(0, after.get("counts").get("mismatch").intValue(), after.toString());
    assertEquals(0, after.get("counts").get("unmatched").intValue(), after.toString());
    assertEquals(before.get("counts").get("ok"), after.get("counts").get("ok"));
    // every other part byte for byte (raw compressed bytes, same order and method); the document outside the controls too
    assertEqualOutsideControls(bound, updated, true);
    String xml = part(updated, "word/document.xml");
    assertTrue(xml.contains("<w:del w:id=\"1\" w:author=\"Co-author\" w:date=\"2024-01-02T10:00:00Z\"><w:r><w:delText>7</w:delText>"));
    assertTrue(xml.contains("<w:commentReference w:id=\"0\"/>"));
    // a second update has nothing to do and leaves the file as it is
    byte[] once = Files.readAllBytes(updated);
    CliRun again = CliRun.of("manuscript", "update", updated.toString(), "--results", changedResults.toString());
    assertEquals(0, again.code());
    assertTrue(again.out().contains("update: 0 numbers rewritten"), again.out());
    assertArrayEquals(once, Files.readAllBytes(updated));
  }

  @Test
  void theLibreOfficeManuscriptKeepsItsTrackedChangesAndComments() throws IOException {
    Path bound = tmp.resolve("lo-bound.docx");
    List<String> args = new ArrayList<>(List.of("manuscript", "bind", LIBREOFFICE_FIXTURE.toString(), "--out", bound.toString(),
        "--results", results.toString(), "--study", study.toString()));
    BINDS.forEach(b -> { args.add("--bind"); args.add(b); });
    CliRun b = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, b.code(), b.err());
    JsonNode r = check(bound, results).json();
    assertEquals("ok", number(r, "6", "Lymph-node").get("status").asText());
    assertEquals(0, r.get("counts").get("ambiguous").intValue(), r.toString());
    Path updated = Files.copy(bound, tmp.resolve("lo-updated.docx"));
    CliRun u = CliRun.of("manuscript", "update", updated.toString(), "--results", changedResults.toString());
    assertEquals(0, u.code(), u.err());
    assertTrue(u.out().contains("61.971 \u2192 87.814"), u.out());
    assertEqualOutsideControls(bound, updated, true);
    String before = part(LIBREOFFICE_FIXTURE, "word/document.xml");
    String xml = part(updated, "word/document.xml");
    for (String kept : List.of("<w:ins ", "<w:del ", "<w:delText", "<w:commentRangeStart", "<w:commentReference",
        "<w:footnoteReference")) {
      assertEquals(count(before, kept), count(xml, kept), kept);
      assertTrue(count(xml, kept) > 0, kept);
    }
    assertEquals(part(LIBREOFFICE_FIXTURE, "word/comments.xml"), part(updated, "word/comments.xml"));
    assertEquals(0, check(updated, changedResults).json().get("counts").get("mismatch").intValue());
  }

  @Test
  void theAuthorMarksANumberThatIsNoResult() throws IOException {
    Path docx = HandWrittenDocx.write(tmp.resolve("schedule.docx"), Map.of(HandWrittenDocx.EXTRA,
        "Octreotide was given at 0.0625 mg/kg."));
    CliRun before = check(docx, results);
    assertEquals(1, before.code());
    assertEquals("unmatched", number(before.json(), "0.0625", "Octreotide").get("status").asText());
    Path bound = tmp.resolve("schedule-bound.docx");
    CliRun b = CliRun.of("manuscript", "bind", docx.toString(), "--out", bound.toString(), "--results", results.toString(),
        "--bind", "0.0625@Octreotide=-");
    assertEquals(0, b.code(), b.err());
    CliRun after = check(bound, results);
    assertEquals(0, after.code(), after.out());
    JsonNode n = number(after.json(), "0.0625", "Octreotide");
    assertEquals("ignored", n.get("status").asText());
    assertEquals("marked by the author as not a result", n.get("reason").asText());
    assertTrue(part(bound, "word/document.xml").contains("<w:tag w:val=\"studybook:-\"/>"));
    CliRun u = CliRun.of("manuscript", "update", bound.toString(), "--results", changedResults.toString());
    assertEquals(0, u.code(), u.err());
    assertFalse(u.out().contains("0.0625 \u2192"), u.out());
  }

  @Test
  void updateRefusesAFileChangedOnDiskSinceItWasRead() throws IOException {
    Path bound = tmp.resolve("race.docx");
    List<String> args = new ArrayList<>(List.of("manuscript", "bind", HandWrittenDocx.write(tmp.resolve("race-src.docx"),
        Map.of()).toString(), "--out", bound.toString(), "--results", results.toString()));
    assertEquals(0, CliRun.of(args.toArray(String[]::new)).code());
    JsonNode changed = Json.mapper().readTree(changedResults.toFile());
    Manuscript m = Manuscript.read(bound, changed, Optional.empty());
    byte[] coAuthorsSave = HandWrittenDocx.bytes(Map.of("322", "323"));
    StudybookException e = org.junit.jupiter.api.Assertions.assertThrows(StudybookException.class,
        () -> m.update(() -> write(bound, coAuthorsSave)));
    assertTrue(e.getMessage().contains("changed on disk since it was read; nothing written"), e.getMessage());
    assertArrayEquals(coAuthorsSave, Files.readAllBytes(bound), "the co-author's save is kept");
    try (Stream<Path> files = Files.list(tmp)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void badInputIsOneClearErrorAndNothingWritten() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.docx"), "just text");
    assertError(CliRun.of("manuscript", "check", text.toString(), "--results", results.toString()),
        text + ": is not a Word .docx file (not a zip package)");
    byte[] ole = new byte[512];
    byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    System.arraycopy(magic, 0, ole, 0, magic.length);
    Path locked = Files.write(tmp.resolve("locked.docx"), ole);
    assertError(CliRun.of("manuscript", "update", locked.toString(), "--results", results.toString()),
        locked + ": is password-protected or encrypted");
    assertArrayEquals(ole, Files.readAllBytes(locked));
    byte[] good = HandWrittenDocx.bytes(Map.of());
    Path corrupt = Files.write(tmp.resolve("corrupt.docx"), java.util.Arrays.copyOf(good, good.length / 2));
    assertError(CliRun.of("manuscript", "update", corrupt.toString(), "--results", results.toString()),
        corrupt + ": is a damaged .docx file");
    assertError(CliRun.of("manuscript", "check", tmp.resolve("missing.docx").toString(), "--results", results.toString()),
        "missing.docx: no such file");

    // a binding to a result the run no longer has: the file and the number's sentence, nothing written
    Path bound = tmp.resolve("bound-gone.docx");
    assertEquals(0, CliRun.of("manuscript", "bind", HandWrittenDocx.write(tmp.resolve("gone-src.docx"), Map.of()).toString(),
        "--out", bound.toString(), "--results", results.toString()).code());
    ObjectNode json = (ObjectNode) Json.mapper().readTree(results.toFile());
    ((ObjectNode) json.get("cohort")).remove("total");
    Path without = Files.writeString(tmp.resolve("without-total.json"), json.toString());
    byte[] kept = Files.readAllBytes(bound);
    CliRun u = CliRun.of("manuscript", "update", bound.toString(), "--results", without.toString());
    assertError(u, bound + ": the number 322 in \"A total of 322 patients underwent endoscopic resection (ER) between 2009 and"
        + " 2016 [1, 2].\" is bound to 'cohort.total', which is no result of the current run");
    assertArrayEquals(kept, Files.readAllBytes(bound));
    CliRun b = CliRun.of("manuscript", "bind", bound.toString(), "--out", tmp.resolve("x.docx").toString(), "--results",
        results.toString(), "--bind", "322@underwent=cohort.totl");
    assertError(b, "--bind \"322@underwent=cohort.totl\": no number of the results at 'cohort.totl'; did you mean 'cohort.total'?");
    assertFalse(Files.exists(tmp.resolve("x.docx")));
  }

  @Test
  void checkRunsTheStudyWhenNoResultsAreGiven() {
    Path docx = HandWrittenDocx.write(tmp.resolve("run.docx"), Map.of("0.041", "0.401"));
    CliRun o = CliRun.of("manuscript", "check", docx.toString(), "--study", study.toString(), "--json");
    assertEquals(1, o.code(), o.err());
    assertEquals("unmatched", number(o.json(), "P = 0.401", "polyps").get("status").asText());
    assertEquals("ok", number(o.json(), "P = 0.012", "conventional EMR").get("status").asText());
  }

  private static void assertError(CliRun o, String message) {
    assertEquals(2, o.code(), o.out() + o.err());
    assertTrue(o.err().startsWith("studybook: ") && o.err().contains(message), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
    assertFalse(o.err().contains("Exception"), o.err());
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> fields(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static int count(String s, String what) {
    return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }

  static String part(Path docx, String name) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(docx).get(); InputStream in = z.getInputStream(z.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The text a reader sees, by POI (an independent reader of the package). */
  private static String documentText(Path docx) throws IOException {
    try (InputStream in = Files.newInputStream(docx);
        var word = new org.apache.poi.xwpf.usermodel.XWPFDocument(in);
        var extractor = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(word)) {
      return extractor.getText();
    }
  }

  /**
   * Every entry but the text parts is the same raw bytes, in the same order with the same method; the
   * text parts are equal once each studybook control's content is blanked (or, for a bind, once the
   * controls are unwrapped... compared by what a reader sees instead, when {@code controlsOnBothSides} is false).
   */
  private static void assertEqualOutsideControls(Path a, Path b, boolean controlsOnBothSides) throws IOException {
    try (ZipFile za = ZipFile.builder().setPath(a).get(); ZipFile zb = ZipFile.builder().setPath(b).get()) {
      List<ZipArchiveEntry> ea = Collections.list(za.getEntriesInPhysicalOrder());
      List<ZipArchiveEntry> eb = Collections.list(zb.getEntriesInPhysicalOrder());
      assertEquals(ea.stream().map(ZipArchiveEntry::getName).toList(), eb.stream().map(ZipArchiveEntry::getName).toList());
      for (int i = 0; i < ea.size(); i++) {
        String name = ea.get(i).getName();
        assertEquals(ea.get(i).getMethod(), eb.get(i).getMethod(), name);
        if (name.equals("word/document.xml") || name.equals("word/footnotes.xml")) {
          if (controlsOnBothSides) {
            String blankA = part(a, name).replaceAll("(?s)<w:sdtContent>.*?</w:sdtContent>", "");
            String blankB = part(b, name).replaceAll("(?s)<w:sdtContent>.*?</w:sdtContent>", "");
            assertEquals(blankA, blankB, name + " differs outside the bound numbers");
          }
          continue;
        }
        try (InputStream ra = za.getRawInputStream(ea.get(i)); InputStream rb = zb.getRawInputStream(eb.get(i))) {
          assertArrayEquals(ra.readAllBytes(), rb.readAllBytes(), name + " is not byte for byte the same");
        }
      }
    }
  }
}
