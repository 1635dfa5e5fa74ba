package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/**
 * Small-cell suppression across the whole report folder, checked by an attacker that knows nothing
 * of the masking code: it reads what a suppressed render wrote (report.md's tables and text, the
 * figures' SVG and the SVG inline in report.html, every CSV and JSON file), sets up every relation a
 * reader knows (levels add up to the group size in the header, an overall column adds up its groups,
 * a Total/All row adds up the rows, the same count in two tables, a count the text repeats from a
 * table, numbers at risk that never grow), and tries to pin each masked count down by exact integer
 * elimination and by bounds. The same study rendered without suppression gives the true values, so a
 * failure names the value that leaked. It also checks that no count 1..K-1 is printed anywhere.
 */
class SmallCellSuppressionFolderTest {
  private static final int K = 5;
  private static final String MASK = SmallCellSuppression.MASK;
  private static final Pattern HEADER_N = Pattern.compile(".*(?:\\(n = |, N\u00A0=\u00A0)(\\d+)\\)?");
  private static final Pattern COUNT = Pattern.compile("(\\d+)( \\(-?\\d+(\\.\\d+)?%\\))?");
  private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");
  private static final Pattern TOTAL_ROW = Pattern.compile("(?i)(total|all|overall)\\b.*");
  /** A heading's missing values, as the tool writes them: "(3 missing" or "([c] missing". */
  private static final Pattern MISSING = Pattern.compile("\\((\\d+|\\[c\\]) missing");
  /** A count in a sentence the tool writes: "4 events among 80 patients", "80 patients, 4 events", "3 missing". */
  private static final Pattern SAID = Pattern.compile("(?<![\\w.])(\\d+) (missing|events?|patients?)\\b");

  @TempDir Path tmp;

  /**
   * A small trial: arm A (32: 10 women, 6 at site X and 4 at Y) and arm B (28: 3 women). Table 1 is
   * by arm, Table 2 is arm A by site (its overall column repeats Table 1's arm A column), the text
   * repeats two table counts, a hand-laid table has an All row, and a Kaplan-Meier figure prints
   * numbers at risk.
   */
  private Path smallStudy() throws IOException {
    Path s = tmp.resolve("small");
    Files.createDirectories(s.resolve("analysis"));
    Files.createDirectories(s.resolve("data"));
    Files.createDirectories(s.resolve("templates"));
    Files.writeString(s.resolve("study.properties"), "title=Small cells\ndata=data/trial.csv\n"
        + "codebook=data/codebook.csv\nseed=1\n");
    Files.writeString(s.resolve("data/codebook.csv"),
        "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n"
            + "id,Patient,id,,,,,,,yes,,\n"
            + "arm,Arm,binary,A|B,A|B,,,,,yes,,\n"
            + "site,Site,binary,X|Y,X|Y,,,,,yes,,\n"
            + "sex,Sex,categorical,female|male,Female|Male,,,,,yes,,\n"
            + "months,Follow-up,continuous,,,months,0,120,,yes,median_iqr,\n"
            + "died,Death,binary,0|1,Alive|Died,,,,,yes,,\n");
    StringBuilder csv = new StringBuilder("id,arm,site,sex,months,died\n");
    int id = 0;
    // {arm, site, women, patients}
    Object[][] cells = {{"A", "X", 6, 16}, {"A", "Y", 4, 16}, {"B", "X", 2, 14}, {"B", "Y", 1, 14}};
    for (Object[] c : cells) {
      for (int i = 0; i < (int) c[3]; i++, id++) {
        csv.append(id + 1).append(',').append(c[0]).append(',').append(c[1]).append(',')
            .append(i < (int) c[2] ? "female" : "male").append(',').append(String.format(java.util.Locale.ROOT,
                "%.1f", 3.0 + (id * 37 % 60))).append(',').append(id % 4 == 0 ? 1 : 0).append('\n');
      }
    }
    Files.writeString(s.resolve("data/trial.csv"), csv);
    Files.writeString(s.resolve("analysis/Small.java"), """
        import studybook.data.*;
        import studybook.kernel.Cell;
        import studybook.report.figures.KmPlot;
        import studybook.tables.*;

        public class Small {
          public record Women(int armA, int armB, int all, int patientsA, int patientsB, int patients) {}

          @Cell("Patients by arm")
          public GroupTable table1(Frame data) {
            return Table1.of(data).by("arm").variables("sex", "site").build();
          }

          @Cell("Arm A by site")
          public GroupTable table2(Frame data) {
            return Table1.of(data.where(Condition.is("arm", "A"))).by("site").variables("sex").build();
          }

          @Cell("Women")
          public Women women(Frame data) {
            Frame w = data.where(Condition.is("sex", "female"));
            return new Women(w.count(Condition.is("arm", "A")), w.count(Condition.is("arm", "B")), w.count(Condition.notMissing("arm")),
                data.count(Condition.is("arm", "A")), data.count(Condition.is("arm", "B")), data.count(Condition.notMissing("arm")));
          }

          @Cell("Survival by arm")
          public KmPlot survival(Frame data) {
            return KmPlot.of(data, Surv.of("months", "died", "1").by("arm"), "Overall survival");
          }
        }
        """);
    Files.writeString(s.resolve("templates/report.md.ftl"), """
        # Small cells

        Women in arm A: ${fmt.count(women.armA)}. Women in arm B: ${fmt.countPct(women.armB, 100 * women.armB / women.patientsB)}.

        | Arm | Patients | Women |
        |---|---:|---:|
        | All | ${fmt.count(women.patients)} | ${fmt.count(women.all)} |
        | A | ${fmt.count(women.patientsA)} | ${fmt.count(women.armA)} |
        | B | ${fmt.count(women.patientsB)} | ${fmt.count(women.armB)} |

        ### Table 1

        <@table table1/>

        ### Table 2

        <@table table2/>

        ${figure("survival")}
        """);
    return s;
  }

  /**
   * A study whose small counts sit where the tool itself writes them (red team, issue 20): 80
   * patients, 4 deaths (1 of them among the 6 at site Y), sex missing for 3. Table 1 by arm says "(3
   * missing; % of known values)" and its percentages are of the 77 known values; the logistic and Cox
   * tables' notes say "4 events among 80 patients" and "80 patients, 4 events", and the Cox table's
   * proportional-hazards test has df = 1 (not a count); the flow figure splits site Y's 6 into 1 death
   * and 5 alive, so the 1 is 6 - 5; the reproducibility table checks the published 4 deaths, with its
   * window.
   */
  static Path leakyStudy(Path tmp) throws IOException {
    Path s = tmp.resolve("leaky");
    Files.createDirectories(s.resolve("analysis"));
    Files.createDirectories(s.resolve("data"));
    Files.createDirectories(s.resolve("templates"));
    Files.writeString(s.resolve("study.properties"), "title=Small cells in the tool's own words\n"
        + "data=data/trial.csv\ncodebook=data/codebook.csv\nclaims=analysis/claims.csv\nseed=1\n");
    Files.writeString(s.resolve("data/codebook.csv"),
        "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n"
            + "id,Patient,id,,,,,,,yes,,\n"
            + "arm,Arm,binary,A|B,A|B,,,,,yes,,\n"
            + "site,Site,binary,X|Y,X|Y,,,,,yes,,\n"
            + "sex,Sex,categorical,female|male,Female|Male,,,,,no,,\n"
            + "age,Age,continuous,,,years,18,95,,yes,mean_sd,\n"
            + "months,Follow-up,continuous,,,months,0,120,,yes,median_iqr,\n"
            + "died,Death,binary,0|1,Alive|Died,,,,,yes,,\n");
    StringBuilder csv = new StringBuilder("id,arm,site,sex,age,months,died\n");
    java.util.Set<Integer> siteY = java.util.Set.of(5, 15, 25, 45, 55, 65);
    java.util.Set<Integer> died = java.util.Set.of(5, 10, 50, 70);
    for (int i = 0; i < 80; i++) {
      String sex = i < 18 ? "female" : i < 38 ? "male" : i < 40 ? "" : i < 61 ? "female" : i < 79 ? "male" : "";
      csv.append(i + 1).append(',').append(i < 40 ? "A" : "B").append(',').append(siteY.contains(i) ? "Y" : "X")
          .append(',').append(sex).append(',').append(40 + i * 7 % 30 + (died.contains(i) ? 9 : 0)).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.1f", 1.0 + i * 13 % 60)).append(',')
          .append(died.contains(i) ? 1 : 0).append('\n');
    }
    Files.writeString(s.resolve("data/trial.csv"), csv);
    Files.writeString(s.resolve("analysis/claims.csv"), "id,text,printed,kind,result,compare,note\n"
        + "deaths,Four patients died,4,count,counts.deaths,exact,\n");
    Files.writeString(s.resolve("analysis/Leaky.java"), """
        import java.util.LinkedHashMap;
        import java.util.List;
        import java.util.Map;
        import studybook.claims.ClaimsFile;
        import studybook.claims.ClaimsReport;
        import studybook.data.*;
        import studybook.kernel.Cell;
        import studybook.kernel.ResultJson;
        import studybook.report.figures.FlowBox;
        import studybook.tables.*;

        public class Leaky {
          public record Counts(int deaths) {}

          @Cell("Patients by arm")
          public GroupTable table1(Frame data) {
            return Table1.of(data).by("arm").variables("sex").build();
          }

          @Cell("Death by age")
          public RegressionTable deathOdds(Frame data) {
            return RegressionTable.logistic(data, "died", "1", List.of("age"), List.of("age"));
          }

          @Cell("Death over time by age")
          public HazardRatioTable deathHazard(Frame data) {
            return HazardRatioTable.of("hazard", data, data.codebook(), HazardRatioTable.CoxOutcome.of("months", "died", "1"),
                List.of("age"), List.of("age"));
          }

          @Cell("Patients by site and death")
          public FlowBox flow(Frame data) {
            Frame y = data.where(Condition.is("site", "Y"));
            return FlowBox.of("Patients", data.count(Condition.notMissing("id")),
                FlowBox.of("Site X", data.count(Condition.is("site", "X"))),
                FlowBox.of("Site Y", y.count(Condition.notMissing("id")),
                    FlowBox.of("Died", y.count(Condition.is("died", "1"))),
                    FlowBox.of("Alive", y.count(Condition.is("died", "0")))));
          }

          @Cell("Counts")
          public Counts counts(Frame data) {
            return new Counts(data.count(Condition.is("died", "1")));
          }

          @Cell("Claims")
          public ClaimsReport reproducibility(Map<String, String> settings, ClaimsFile claims, Counts counts) {
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("counts", counts);
            return ClaimsReport.of(settings.get("claims"), claims, ResultJson.published(results));
          }
        }
        """);
    Files.writeString(s.resolve("templates/report.md.ftl"), """
        # Small cells in the tool's own words

        ### Table 1

        <@table table1/>

        ### Death by age

        <@table deathOdds/>

        ### Death over time by age

        <@table deathHazard/>

        ${figure("flow")}

        ### Reproducibility

        <@table reproducibility/>
        """);
    return s;
  }

  /** The leaky study's flow figure: each box that splits, with the boxes it splits into. */
  private static final List<FlowLink> LEAKY_FLOW = List.of(
      new FlowLink("Patients", List.of("Site X", "Site Y")), new FlowLink("Site Y", List.of("Died", "Alive")));

  @Test
  void countsTheToolWritesItselfFlowSplitsPercentagesAndWindowsGiveNothingAway() throws IOException {
    Path study = leakyStudy(tmp);
    Path plain = render(study, Optional.empty());
    Path masked = render(study, Optional.of(new SmallCellSuppression(K)));
    Folder truth = Folder.read(plain);
    assertTrue(truth.markdown.contains("(3 missing; % of known values)"), truth.markdown);
    assertTrue(truth.markdown.contains("4 events among 80 patients"), truth.markdown);
    assertTrue(truth.markdown.contains("80 patients, 4 events"), truth.markdown);
    Folder shown = Folder.read(masked);
    try {
      attack(shown, truth, List.of(), LEAKY_FLOW);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nin the report:\n" + shown.markdown, e);
    }
    // Not counts, never masked: the proportional-hazards test's degrees of freedom.
    Table ph = shown.tables.stream().filter(t -> t.header().contains("df")).findFirst().orElseThrow();
    int df = ph.header().indexOf("df");
    for (List<String> row : ph.body()) {
      assertEquals("1", row.get(df), "the df of " + row.get(0) + " is shown: " + shown.markdown);
    }
  }

  /** The prose of the small study: each sentence's number is the count of a table cell. */
  private static final List<ProseLink> SMALL_PROSE = List.of(
      new ProseLink(Pattern.compile("Women in arm A: (\\S+)\\."), "Female", "A, N\u00A0=\u00A032"),
      new ProseLink(Pattern.compile("Women in arm B: (\\\\?\\[c\\\\?\\]|\\d+)"), "Female", "B, N\u00A0=\u00A028"));

  /** The small study's flow: none. */
  private static final List<FlowLink> NO_FLOW = List.of();

  @Test
  void aSmallStudysReportFolderGivesNoMaskedCountAway() throws IOException {
    Path study = smallStudy();
    Path plain = render(study, Optional.empty());
    Path masked = render(study, Optional.of(new SmallCellSuppression(K)));
    Folder shown = Folder.read(masked);
    assertTrue(shown.masks() >= 6, "the small study has small counts in tables, text and figures: " + shown.markdown);
    try {
      attack(shown, Folder.read(plain), SMALL_PROSE, NO_FLOW);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nin the report:\n" + shown.markdown, e);
    }
    // The attacker has teeth: the same folder with one masked count printed again in the text is solved.
    Folder leaky = shown.withMarkdown(shown.markdown.replaceFirst("Women in arm A: \\\\?\\[c\\\\?\\]\\.", "Women in arm A: 10."));
    assertTrue(!leaky.markdown.equals(shown.markdown), "the text masks the women of arm A: " + shown.markdown);
    AssertionError e = assertThrows(AssertionError.class, () -> attack(leaky, Folder.read(plain), SMALL_PROSE, NO_FLOW));
    assertTrue(e.getMessage().contains("true value"), e.getMessage());
  }

  @Test
  void theRectalNetStudyAtFiveGivesNoMaskedCountAway() throws IOException {
    Path study = tmp.resolve("rectal");
    for (String part : List.of("analysis", "data", "templates", "study.properties")) {
      studybook.kernel.MiniStudy.copyTree(Path.of(part), study.resolve(part));
    }
    Path plain = render(study, Optional.empty());
    Path masked = render(study, Optional.of(new SmallCellSuppression(K)));
    Folder shown = Folder.read(masked);
    assertTrue(shown.masks() >= 8, "Table 2's initial diagnosis and the numbers at risk are masked: " + shown.markdown);
    attack(shown, Folder.read(plain), List.of(), List.of(
        new FlowLink("Endoscopic resection", List.of("Curative resection", "Non-curative resection")),
        new FlowLink("Non-curative resection", List.of("Additional treatment", "No additional treatment"))));
  }

  /** Runs {@code study} and renders it into a new folder, suppressed or not. */
  private Path render(Path study, Optional<SmallCellSuppression> rule) throws IOException {
    return render(study, rule, tmp);
  }

  /** Runs {@code study} and renders it into a new folder under {@code tmp}, suppressed or not. */
  static Path render(Path study, Optional<SmallCellSuppression> rule, Path tmp) throws IOException {
    KernelRun run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
    Path out = Files.createTempDirectory(tmp, rule.isPresent() ? "masked" : "plain");
    ReportWriter.render(run, out, rule);
    return out;
  }

  /** A sentence whose number is the count in the table cell (row label, column header), in any table. */
  record ProseLink(Pattern sentence, String row, String column) {}

  /** A flow box (by label) whose patients split into the boxes {@code children} (by label): its n is their sum. */
  record FlowLink(String parent, List<String> children) {}

  /** One parsed pipe table of report.md: header and body cells, unescaped. */
  record Table(List<String> header, List<List<String>> body) {}

  /** What a report folder prints, parsed. */
  static final class Folder {
    final String markdown;
    final List<Table> tables = new ArrayList<>();
    /** Each Kaplan-Meier figure's numbers at risk: group label to the printed values. */
    final List<Map<String, List<String>>> atRisk = new ArrayList<>();
    final List<String> svgTexts = new ArrayList<>();
    /** Each flow box's label and its printed n ("322" or the mask). */
    final Map<String, String> flowBoxes = new LinkedHashMap<>();
    final List<Path> dataFiles = new ArrayList<>();
    final List<String> docxCells = new ArrayList<>();
    final String manifest;

    private Folder(String markdown, List<String> svgs, List<Path> dataFiles, String manifest) {
      this.markdown = markdown;
      this.dataFiles.addAll(dataFiles);
      this.manifest = manifest;
      List<List<String>> rows = new ArrayList<>();
      for (String line : (markdown + "\n\n").split("\n")) {
        if (line.startsWith("|")) {
          if (!line.startsWith("|---")) {
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
              cells.add(c.strip().replace("\\", ""));
            }
            rows.add(cells);
          }
        } else if (!rows.isEmpty()) {
          tables.add(new Table(rows.get(0), new ArrayList<>(rows.subList(1, rows.size()))));
          rows.clear();
        }
      }
      for (String svg : svgs) {
        List<String> texts = new ArrayList<>();
        Matcher m = TEXT.matcher(svg);
        while (m.find()) {
          texts.add(m.group(1).replace("&lt;", "<").replace("&amp;", "&"));
        }
        svgTexts.addAll(texts);
        Matcher boxes = Pattern.compile("<text class=\"flow-(label|count)\"[^>]*>([^<]*)</text>").matcher(svg);
        StringBuilder label = new StringBuilder();
        while (boxes.find()) {
          String t = boxes.group(2).replace("&lt;", "<").replace("&amp;", "&");
          if (boxes.group(1).equals("label")) {
            label.append(label.length() == 0 ? "" : " ").append(t);
          } else {
            flowBoxes.put(label.toString(), t.substring("n = ".length()));
            label.setLength(0);
          }
        }
        int at = texts.indexOf("Number at risk");
        if (at >= 0) {
          Map<String, List<String>> groups = new LinkedHashMap<>();
          List<String> current = null;
          for (String t : texts.subList(at + 1, texts.size())) {
            if (t.equals(MASK) || t.matches("\\d+")) {
              current.add(t);
            } else {
              current = new ArrayList<>();
              groups.put(t, current);
            }
          }
          atRisk.add(groups);
        }
      }
    }

    static Folder read(Path dir) throws IOException {
      List<String> svgs = new ArrayList<>();
      List<Path> data = new ArrayList<>();
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted().toList()) {
          String name = p.getFileName().toString();
          if (name.endsWith(".svg")) {
            svgs.add(Files.readString(p));
          } else if ((name.endsWith(".csv") || name.endsWith(".json")) && !name.equals("manifest.json")) {
            data.add(p);
          }
        }
      }
      // The page inlines every figure: its SVG is read as well.
      String html = Files.readString(dir.resolve("report.html"));
      Matcher m = Pattern.compile("(?s)<svg.*?</svg>").matcher(html);
      while (m.find()) {
        svgs.add(m.group());
      }
      Folder f = new Folder(Files.readString(dir.resolve("report.md")), svgs, data,
          Files.readString(dir.resolve("manifest.json")));
      // Word's tables: the same cells as report.md's, so no count 1..K-1 either.
      try (var in = Files.newInputStream(dir.resolve("report.docx"));
          var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(in)) {
        for (var table : doc.getTables()) {
          List<String> header = table.getRows().get(0).getTableCells().stream().map(c -> c.getText().strip()).toList();
          for (var row : table.getRows()) {
            for (int c = 1; c < row.getTableCells().size(); c++) {
              if (c >= header.size() || !header.get(c).equals("df")) {
                f.docxCells.add(row.getTableCells().get(c).getText().strip());
              }
            }
          }
        }
      }
      return f;
    }

    Folder withMarkdown(String md) {
      Folder f = new Folder(md, List.of(), dataFiles, manifest);
      f.docxCells.addAll(docxCells);
      return f;
    }

    int masks() {
      int n = 0;
      for (Table t : tables) {
        for (List<String> row : t.body) {
          n += (int) row.stream().filter(MASK::equals).count();
        }
      }
      for (Map<String, List<String>> g : atRisk) {
        for (List<String> v : g.values()) {
          n += (int) v.stream().filter(MASK::equals).count();
        }
      }
      return n;
    }
  }

  /** An unknown: a masked print, and its true value. */
  record Unknown(String where, long truth) {}

  /**
   * Sets up every relation among the printed numbers and fails when a masked count is determined or
   * a count 1..K-1 is printed; {@code truth} is the same study rendered without suppression. Besides
   * the tables' sums: the counts the tool writes in sentences ("4 events among 80 patients", "(3
   * missing; % of known values)"), a variable's missing values with its levels making the overall size,
   * each shown percentage as the rounding interval of count/denominator (pinning the denominator when
   * one whole number fits), the flow figure's splits ({@code flows}), and the reproducibility table's
   * published value and window beside a masked recomputed count.
   */
  static void attack(Folder shown, Folder truth, List<ProseLink> prose, List<FlowLink> flows) {
    assertEquals(List.of(), shown.dataFiles, "a suppressed folder writes no results.json or tables/*.csv");
    assertFalse(shown.manifest.contains("\"value\""), "the manifest names masked cells, never their values");
    assertEquals(truth.tables.size(), shown.tables.size());
    List<Unknown> unknowns = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    // Linear equations: coefficients over unknowns, and the constant (sum of coefficient * value = constant).
    List<long[]> eqs = new ArrayList<>();
    List<Long> constants = new ArrayList<>();
    // Every printed count, known or masked: key -> ("u", index) or value; a cell is "t/r/c".
    Map<String, Object> cell = new LinkedHashMap<>();
    for (int t = 0; t < shown.tables.size(); t++) {
      Table s = shown.tables.get(t);
      Table v = truth.tables.get(t);
      for (int r = 0; r < s.body.size(); r++) {
        for (int c = 1; c < s.body.get(r).size(); c++) {
          String text = s.body.get(r).get(c);
          Matcher m = COUNT.matcher(text);
          String key = t + "/" + r + "/" + c;
          if (text.equals(MASK) && !COUNT.matcher(v.body.get(r).get(c)).matches()) {
            // A number restating or bounding the row's masked count (a published value, its window).
            assertTrue(s.body.get(r).stream().skip(1).filter(MASK::equals).count() >= 2
                && v.body.get(r).get(c).matches(".*\\d.*"), "a mask stands for a count or a number beside one: "
                + v.body.get(r));
          } else if (text.equals(MASK)) {
            Matcher tm = COUNT.matcher(v.body.get(r).get(c));
            assertTrue(tm.matches());
            index.put(key, unknowns.size());
            unknowns.add(new Unknown("table " + (t + 1) + " row '" + s.body.get(r).get(0) + "' column '"
                + s.header.get(c) + "'", Long.parseLong(tm.group(1))));
            cell.put(key, index.get(key));
          } else if (m.matches() && !s.header.get(c).equals("df")) {
            // (Degrees of freedom are no count of patients.)
            long n = Long.parseLong(m.group(1));
            assertFalse(n >= 1 && n < K, "table " + (t + 1) + " prints the count " + text + " unmasked");
            cell.put(key, (Long) n);
          }
        }
      }
    }
    // Each table's sums.
    for (int t = 0; t < shown.tables.size(); t++) {
      Table s = shown.tables.get(t);
      List<Integer> sized = new ArrayList<>();
      List<Long> size = new ArrayList<>();
      for (int c = 1; c < s.header.size(); c++) {
        Matcher m = HEADER_N.matcher(s.header.get(c));
        if (m.matches()) {
          sized.add(c);
          size.add(Long.parseLong(m.group(1)));
        }
      }
      // Levels under a bold heading add up to the group size; with missing values ("(3 missing; % of
      // known values)"), to the known values, which with the missing ones make the overall size.
      for (int r = 0; r < s.body.size(); r++) {
        if (!s.body.get(r).get(0).startsWith("**")) {
          continue;
        }
        Matcher missing = MISSING.matcher(s.body.get(r).get(0));
        String m = null;
        if (missing.find()) {
          Matcher truthMissing = MISSING.matcher(truth.tables.get(t).body.get(r).get(0));
          assertTrue(truthMissing.find(), truth.tables.get(t).body.get(r).get(0));
          m = t + "/" + r + "/missing";
          long value = Long.parseLong(truthMissing.group(1));
          if (missing.group(1).equals(MASK)) {
            cell.put(m, unknowns.size());
            unknowns.add(new Unknown("table " + (t + 1) + " '" + s.body.get(r).get(0) + "': the missing values", value));
          } else {
            long n = Long.parseLong(missing.group(1));
            assertFalse(n >= 1 && n < K, "table " + (t + 1) + " prints '" + s.body.get(r).get(0) + "'");
            cell.put(m, (Long) n);
          }
        }
        for (int i = 0; i < sized.size(); i++) {
          List<String> keys = new ArrayList<>();
          Long known = null;
          for (int l = r + 1; l < s.body.size() && !s.body.get(l).get(0).startsWith("**"); l++) {
            keys.add(t + "/" + l + "/" + sized.get(i));
            known = known != null ? known : denominator(s.body.get(l).get(sized.get(i)));
          }
          if (!keys.stream().allMatch(cell::containsKey) || keys.isEmpty()) {
            continue;
          }
          if (m == null) {
            equation(keys, null, size.get(i), cell, unknowns.size(), eqs, constants);
          } else {
            if (known != null) {
              equation(keys, null, known, cell, unknowns.size(), eqs, constants);
            }
            if (i == 0) {
              List<String> withMissing = new ArrayList<>(keys);
              withMissing.add(m);
              equation(withMissing, null, size.get(0), cell, unknowns.size(), eqs, constants);
            }
          }
        }
      }
      // An overall column that adds up its groups.
      if (sized.size() >= 3 && size.get(0) == size.subList(1, size.size()).stream().mapToLong(Long::longValue).sum()) {
        for (int r = 0; r < s.body.size(); r++) {
          List<String> keys = new ArrayList<>();
          for (int c : sized) {
            keys.add(t + "/" + r + "/" + c);
          }
          if (keys.stream().allMatch(cell::containsKey)) {
            equation(keys.subList(1, keys.size()), keys.get(0), 0, cell, unknowns.size(), eqs, constants);
          }
        }
      }
      // A Total/All row that adds up the rows.
      for (int r = 0; r < s.body.size(); r++) {
        if (!TOTAL_ROW.matcher(s.body.get(r).get(0)).matches()) {
          continue;
        }
        for (int c = 1; c < s.header.size(); c++) {
          List<String> keys = new ArrayList<>();
          for (int o = 0; o < s.body.size(); o++) {
            if (o != r) {
              keys.add(t + "/" + o + "/" + c);
            }
          }
          String total = t + "/" + r + "/" + c;
          if (cell.containsKey(total) && keys.stream().allMatch(cell::containsKey)) {
            equation(keys, total, 0, cell, unknowns.size(), eqs, constants);
          }
        }
      }
    }
    // The same count in two tables: same variable heading, row label and column size.
    Map<String, String> seen = new LinkedHashMap<>();
    for (int t = 0; t < shown.tables.size(); t++) {
      Table s = shown.tables.get(t);
      String heading = "";
      for (int r = 0; r < s.body.size(); r++) {
        if (s.body.get(r).get(0).startsWith("**")) {
          heading = s.body.get(r).get(0);
          continue;
        }
        for (int c = 1; c < s.header.size(); c++) {
          Matcher m = HEADER_N.matcher(s.header.get(c));
          String key = t + "/" + r + "/" + c;
          if (!m.matches() || !cell.containsKey(key)) {
            continue;
          }
          String id = heading + "|" + s.body.get(r).get(0) + "|" + m.group(1);
          String first = seen.putIfAbsent(id, key);
          if (first != null) {
            equation(List.of(first), key, 0, cell, unknowns.size(), eqs, constants);
          }
        }
      }
    }
    // The text repeats table counts.
    for (ProseLink p : prose) {
      Matcher m = p.sentence().matcher(shown.markdown);
      Matcher tm = p.sentence().matcher(truth.markdown);
      assertTrue(m.find() && tm.find(), "the text has " + p.sentence());
      String printed = m.group(1).replace("\\", "");
      long value = Long.parseLong(tm.group(1).replaceAll("\\D.*", ""));
      String key = "prose:" + p.sentence().pattern();
      if (printed.equals(MASK)) {
        cell.put(key, unknowns.size());
        unknowns.add(new Unknown("text '" + p.sentence().pattern() + "'", value));
      } else {
        assertFalse(value >= 1 && value < K, "the text prints the count " + printed + " unmasked");
        cell.put(key, (Long) Long.parseLong(printed.replaceAll("\\D.*", "")));
      }
      for (int t = 0; t < shown.tables.size(); t++) {
        Table s = shown.tables.get(t);
        for (int r = 0; r < s.body.size(); r++) {
          for (int c = 1; c < s.header.size(); c++) {
            if (s.body.get(r).get(0).equals(p.row()) && s.header.get(c).equals(p.column())) {
              equation(List.of(key), t + "/" + r + "/" + c, 0, cell, unknowns.size(), eqs, constants);
            }
          }
        }
      }
    }
    // Counts the tool writes in its own sentences (notes, row details): never 1..K-1.
    Matcher said = SAID.matcher(shown.markdown);
    while (said.find()) {
      long n = Long.parseLong(said.group(1));
      assertFalse(n >= 1 && n < K, "the report says '" + said.group() + "'");
    }
    // A flow box that splits is the sum of the boxes it splits into.
    for (FlowLink f : flows) {
      List<String> keys = new ArrayList<>();
      for (String box : f.children()) {
        keys.add(flowBox(box, shown, truth, cell, unknowns));
      }
      equation(keys, flowBox(f.parent(), shown, truth, cell, unknowns), 0, cell, unknowns.size(), eqs, constants);
    }
    for (Map.Entry<String, String> box : shown.flowBoxes.entrySet()) {
      if (!box.getValue().equals(MASK)) {
        long n = Long.parseLong(box.getValue());
        assertFalse(n >= 1 && n < K, "the flow figure prints '" + box.getKey() + "' n = " + n);
      }
    }
    // The reproducibility table: a masked recomputed count must not be readable from its published
    // value (when reproduced) or from a window that holds one whole number only.
    for (Table s : shown.tables) {
      int recomputed = s.header.indexOf("Recomputed");
      int published = s.header.indexOf("Published");
      int window = s.header.indexOf("Window");
      int verdict = s.header.indexOf("Verdict");
      if (recomputed < 0 || window < 0) {
        continue;
      }
      for (List<String> row : s.body) {
        if (!row.get(recomputed).equals(MASK)) {
          continue;
        }
        boolean reproduced = verdict >= 0 && row.get(verdict).equals("reproduced");
        assertFalse(reproduced && published >= 0 && row.get(published).matches("\\d+"),
            "claim '" + row.get(0) + "': reproduced, published " + row.get(published));
        Matcher w = Pattern.compile("[\\[(](-?[\\d.]+), (-?[\\d.]+)[\\])]").matcher(row.get(window));
        if (w.matches()) {
          double lo = Double.parseDouble(w.group(1));
          double hi = Double.parseDouble(w.group(2));
          assertFalse(Math.floor(hi) - Math.ceil(lo) < 1, "claim '" + row.get(0) + "': the window " + row.get(window)
              + " holds one whole number");
        }
      }
    }
    // Numbers at risk: never printed 1..K-1, each masked one bounded by its printed neighbours.
    List<long[]> bounds = new ArrayList<>();
    for (int f = 0; f < shown.atRisk.size(); f++) {
      for (Map.Entry<String, List<String>> g : shown.atRisk.get(f).entrySet()) {
        List<String> values = g.getValue();
        List<String> trueValues = truth.atRisk.get(f % truth.atRisk.size()).get(g.getKey());
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i).equals(MASK)) {
            long hi = Long.MAX_VALUE;
            long lo = 0;
            for (int j = i - 1; j >= 0; j--) {
              if (!values.get(j).equals(MASK)) {
                hi = Long.parseLong(values.get(j));
                break;
              }
            }
            for (int j = i + 1; j < values.size(); j++) {
              if (!values.get(j).equals(MASK)) {
                lo = Long.parseLong(values.get(j));
                break;
              }
            }
            assertTrue(lo < hi, "the number at risk of " + g.getKey() + " at tick " + i + " (true "
                + trueValues.get(i) + ") lies between printed " + lo + " and " + hi);
          } else {
            long n = Long.parseLong(values.get(i));
            assertFalse(n >= 1 && n < K, "a figure prints " + n + " at risk (" + g.getKey() + ")");
          }
        }
      }
    }
    for (String t : shown.docxCells) {
      Matcher m = COUNT.matcher(t);
      assertFalse(m.matches() && Long.parseLong(m.group(1)) >= 1 && Long.parseLong(m.group(1)) < K,
          "report.docx prints the count " + t);
    }
    assertEquals(shown.masks() - maskedAtRisk(shown), shown.docxCells.stream().filter(MASK::equals).count(),
        "report.docx masks what report.md's tables mask");
    for (String t : shown.svgTexts) {
      Matcher m = Pattern.compile("n = (\\d+)").matcher(t);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        assertFalse(n >= 1 && n < K, "a figure prints '" + t + "'");
      }
    }
    solve(unknowns, eqs, constants);
  }

  /** A flow box's printed n as a cell of the attack: known, or an unknown with its true value. */
  private static String flowBox(String label, Folder shown, Folder truth, Map<String, Object> cell,
      List<Unknown> unknowns) {
    String key = "flow:" + label;
    String printed = shown.flowBoxes.get(label);
    assertTrue(printed != null, "the flow figure has a box '" + label + "': " + shown.flowBoxes);
    if (!cell.containsKey(key)) {
      if (printed.equals(MASK)) {
        cell.put(key, unknowns.size());
        unknowns.add(new Unknown("flow box '" + label + "'", Long.parseLong(truth.flowBoxes.get(label))));
      } else {
        cell.put(key, (Long) Long.parseLong(printed));
      }
    }
    return key;
  }

  /**
   * The denominator a shown "n (p%)" pins down: the one whole number d with n/d*100 rounding (half-up,
   * one decimal) to p, or null when none or several do (or the cell shows no percentage).
   */
  static Long denominator(String text) {
    Matcher m = Pattern.compile("(\\d+) \\((\\d+\\.\\d)%\\)").matcher(text);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    java.math.BigDecimal p = new java.math.BigDecimal(m.group(2));
    Long found = null;
    for (long d = n; d <= 100_000; d++) {
      java.math.BigDecimal q = java.math.BigDecimal.valueOf(n * 100).divide(java.math.BigDecimal.valueOf(d), 12,
          java.math.RoundingMode.HALF_EVEN).setScale(1, java.math.RoundingMode.HALF_UP);
      int cmp = q.compareTo(p);
      if (cmp == 0) {
        if (found != null) {
          return null;
        }
        found = d;
      } else if (cmp < 0) {
        break;
      }
    }
    return found;
  }

  private static long maskedAtRisk(Folder f) {
    long n = 0;
    for (Map<String, List<String>> g : f.atRisk) {
      for (List<String> v : g.values()) {
        n += v.stream().filter(MASK::equals).count();
      }
    }
    return n;
  }

  /** Adds sum(keys) - (minus == null ? 0 : minus) = constant, over the unknowns; shown values move to the constant. */
  private static void equation(List<String> keys, String minus, long constant, Map<String, Object> cell, int n,
      List<long[]> eqs, List<Long> constants) {
    long[] e = new long[n];
    long b = constant;
    List<String> all = new ArrayList<>(keys);
    if (minus != null) {
      all.add(minus);
    }
    for (int i = 0; i < all.size(); i++) {
      long sign = i < keys.size() ? 1 : -1;
      Object v = cell.get(all.get(i));
      if (v instanceof Integer u) {
        e[u] += sign;
      } else {
        b -= sign * (Long) v;
      }
    }
    eqs.add(e);
    constants.add(b);
  }

  /** Fails when an unknown is determined: by exact rank, or by bounds (x >= 0) from equations with coefficients ±1. */
  private static void solve(List<Unknown> unknowns, List<long[]> rows, List<Long> constants) {
    int n = unknowns.size();
    List<long[]> eqs = new ArrayList<>();
    for (long[] r : rows) {
      eqs.add(java.util.Arrays.copyOf(r, n));
    }
    int full = rank(eqs, -1, n);
    for (int u = 0; u < n; u++) {
      if (rank(eqs, u, n) < full) {
        throw new AssertionError(unknowns.get(u).where() + " (true value " + unknowns.get(u).truth()
            + ") follows from the printed numbers by linear combination");
      }
    }
    long[] lo = new long[n];
    long[] hi = new long[n];
    java.util.Arrays.fill(hi, Long.MAX_VALUE / 4);
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int e = 0; e < eqs.size(); e++) {
        long[] a = eqs.get(e);
        for (int u = 0; u < n; u++) {
          if (a[u] == 0) {
            continue;
          }
          // a_u x_u = b - sum_{j != u} a_j x_j
          long restLo = 0;
          long restHi = 0;
          boolean ok = Math.abs(a[u]) == 1;
          for (int j = 0; j < n && ok; j++) {
            if (j == u || a[j] == 0) {
              continue;
            }
            ok = Math.abs(a[j]) == 1;
            restLo += a[j] > 0 ? lo[j] : -hi[j];
            restHi += a[j] > 0 ? hi[j] : -lo[j];
          }
          if (!ok) {
            continue;
          }
          long b = constants.get(e);
          long newLo = a[u] > 0 ? b - restHi : restLo - b;
          long newHi = a[u] > 0 ? b - restLo : restHi - b;
          if (newLo > lo[u]) {
            lo[u] = newLo;
            changed = true;
          }
          if (newHi < hi[u]) {
            hi[u] = newHi;
            changed = true;
          }
        }
      }
    }
    for (int u = 0; u < n; u++) {
      if (lo[u] == hi[u]) {
        throw new AssertionError(unknowns.get(u).where() + " (true value " + unknowns.get(u).truth()
            + ") is pinned to " + lo[u] + " by the printed totals and x >= 0");
      }
      assertTrue(lo[u] <= unknowns.get(u).truth() && unknowns.get(u).truth() <= hi[u],
          "the attacker's bounds hold the truth: " + unknowns.get(u));
    }
  }

  /** Exact rank (fraction-free Gaussian elimination over BigInteger), column {@code skip} left out. */
  static int rank(List<long[]> rows, int skip, int cols) {
    List<BigInteger[]> m = new ArrayList<>();
    for (long[] r : rows) {
      BigInteger[] b = new BigInteger[cols];
      for (int j = 0; j < cols; j++) {
        b[j] = j == skip ? BigInteger.ZERO : BigInteger.valueOf(r[j]);
      }
      m.add(b);
    }
    int rank = 0;
    for (int col = 0; col < cols && rank < m.size(); col++) {
      int p = rank;
      while (p < m.size() && m.get(p)[col].signum() == 0) {
        p++;
      }
      if (p == m.size()) {
        continue;
      }
      BigInteger[] pivot = m.get(p);
      m.set(p, m.get(rank));
      m.set(rank, pivot);
      for (int i = rank + 1; i < m.size(); i++) {
        BigInteger f = m.get(i)[col];
        if (f.signum() != 0) {
          BigInteger g = BigInteger.ZERO;
          for (int j = 0; j < cols; j++) {
            m.get(i)[j] = m.get(i)[j].multiply(pivot[col]).subtract(pivot[j].multiply(f));
            g = g.gcd(m.get(i)[j]);
          }
          if (g.compareTo(BigInteger.ONE) > 0) {
            for (int j = 0; j < cols; j++) {
              m.get(i)[j] = m.get(i)[j].divide(g);
            }
          }
        }
      }
      rank++;
    }
    return rank;
  }
}
