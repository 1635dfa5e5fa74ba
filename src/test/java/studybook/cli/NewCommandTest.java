package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code studybook new} on each format gives a study whose first run writes Table 1 with the file's labels. */
class NewCommandTest {
  static final Path DIR = Path.of("src/test/resources/readers").toAbsolutePath();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ; ", value = {
    // data file            ; extra option          ; a variable label shown ; a level label shown
    "patients.csv           ; ''                    ; bmi                    ; '| 1 |'",
    "patients_onesheet.xlsx ; ''                    ; bmi                    ; '| 1 |'",
    "patients.sav           ; ''                    ; Body-mass index        ; '| II |'",
    "patients.zsav          ; ''                    ; Body-mass index        ; '| II |'",
    "patients_v14.dta       ; ''                    ; Body-mass index        ; '| II |'",
    "patients_v10_foreign.dta ; ''                  ; Body-mass index        ; '| II |'",
    "patients.xpt           ; ''                    ; Body-mass index        ; '| 1 |'",
    "patients.sas7bdat      ; ''                    ; Body-mass index        ; '| 1 |'",
    "redcap_data.csv        ; --dictionary=redcap_dictionary.csv ; Body-mass index ; '| II |'",
    "patients_eu.csv        ; --delimiter=;          ; bmi                    ; '| 1 |'",
    "public/sample.sav      ; ''                    ; labeled                ; '| Male |'",
    "patients.xlsx          ; --sheet=patients       ; bmi                    ; '| 1 |'",
  })
  void eachFormatStartsAStudyWhoseFirstRunHasTable1(String file, String option, String label, String level,
      @TempDir Path tmp) throws Exception {
    Path study = tmp.resolve("study");
    List<String> args = new java.util.ArrayList<>(List.of("new", study.toString(), "--data", DIR.resolve(file).toString()));
    if (!option.isEmpty()) {
      String[] kv = option.split("=", 2);
      args.add(kv[0]);
      args.add(kv[0].equals("--dictionary") ? DIR.resolve(kv[1]).toString() : kv[1]);
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    String report = Files.readString(study.resolve("reports/report.md"));
    assertTrue(report.contains("## Table 1"), report);
    assertTrue(report.contains("**" + label + "**"), report);
    assertTrue(report.contains(level), report);
    assertTrue(r.out().contains("Review "), r.out());
    for (String variable : file.startsWith("public/") ? List.of("mychar", "mynum", "mydate", "dtime", "mylabl")
        : List.of("age", "sex", "bmi", "stage")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + variable + ": ")), r.out());
    }
  }

  @Test
  void byGroupsTable1AndTheLevelLabelsComeFromTheFile(@TempDir Path tmp) throws Exception {
    Path study = tmp.resolve("by");
    CliRun r = CliRun.of("new", study.toString(), "--data", DIR.resolve("patients.sav").toString(), "--by", "sex");
    assertEquals(0, r.code(), r.err());
    String report = Files.readString(study.resolve("reports/report.md"));
    assertTrue(report.contains("| Male, N\u00A0=\u00A04 | Female, N\u00A0=\u00A04 | P |"), report);
    assertTrue(r.out().contains("sex: binary, levels 1=Male|2=Female, no missing values (value labels in the file)"), r.out());
  }

  @Test
  void aGermanSpreadsheetCsvStartsAStudyWithNoOptionAndReadsAsItsCommaTwin(@TempDir Path tmp) throws Exception {
    // ';' separated, ',' decimals, CRLF, Windows-1252 umlauts: was refused ("the header looks ';'-separated"; issue 24).
    CliRun de = CliRun.of("new", tmp.resolve("de").toString(), "--data", DIR.resolve("patients_de.csv").toString());
    assertEquals(0, de.code(), de.err());
    assertTrue(de.err().contains("studybook: patients_de.csv read as ';'-separated with ',' decimals, windows-1252, CRLF"
        + " line ends (detected"), de.err());
    String props = Files.readString(tmp.resolve("de/study.properties"));
    assertTrue(props.contains("data.delimiter=;\ndata.decimal=,\ndata.encoding=windows-1252\n"), props);
    CliRun twin = CliRun.of("new", tmp.resolve("twin").toString(), "--data", DIR.resolve("patients_de_twin.csv").toString());
    assertEquals(0, twin.code(), twin.err());
    assertFalse(twin.err().contains("read as"), twin.err());
    assertFalse(Files.readString(tmp.resolve("twin/study.properties")).contains("data.delimiter"));
    // The same codebook inferred (levels, ranges, the umlauts) and the same Table 1.
    assertEquals(Files.readString(tmp.resolve("twin/data/codebook.csv")), Files.readString(tmp.resolve("de/data/codebook.csv")));
    assertTrue(Files.readString(tmp.resolve("de/data/codebook.csv")).contains("|K\u00f6ln|"), "umlauts kept");
    assertTrue(Files.readString(tmp.resolve("de/data/codebook.csv")).contains("bmi,,continuous,,,,19.75,31.25,"));
    String deReport = Files.readString(tmp.resolve("de/reports/report.md"));
    assertTrue(deReport.startsWith("# de\n") && deReport.contains("| **bmi**, median (IQR) | 25.4 (22.9\u201327.5) |"), deReport);
    assertEquals(Files.readString(tmp.resolve("twin/reports/report.md")).substring("# twin".length()),
        deReport.substring("# de".length()));
  }

  @Test
  void theReadersLinesAreSaidOnceThoughTheFirstRunReadsTheFileAgain(@TempDir Path tmp) throws Exception {
    // A sheet with an empty spacer column A: its skipped-columns line was printed twice (issue 24).
    Path book = tmp.resolve("spaced.xlsx");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("patients");
      String[] header = {"pid", "sex", "age"};
      for (int r = 0; r <= 8; r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
        for (int c = 0; c < 3; c++) {
          if (r == 0) {
            row.createCell(c + 1).setCellValue(header[c]);
          } else if (c == 1) {
            row.createCell(c + 1).setCellValue(r % 2 == 0 ? "F" : "M");
          } else {
            row.createCell(c + 1).setCellValue(c == 0 ? r : 40 + r);
          }
        }
      }
      try (java.io.OutputStream out = Files.newOutputStream(book)) {
        wb.write(out);
      }
    }
    CliRun r = CliRun.of("new", tmp.resolve("s").toString(), "--data", book.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("skipped empty column A")).count(), r.err());
    CliRun de = CliRun.of("new", tmp.resolve("de").toString(), "--data", DIR.resolve("patients_de.csv").toString());
    assertEquals(0, de.code(), de.err());
    assertEquals(1, de.err().lines().filter(l -> l.contains("read as ';'-separated")).count(), de.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"blank_levels.csv", "blank_levels.sav"})
  void textLevelsWithBlanksAroundThemStartAStudyAndCountAsRWithTrimwsCountsThem(String file, @TempDir Path tmp)
      throws Exception {
    // R (write.csv) and haven (write_sav) keep ' control' and 'treated '; the codebook's levels cannot hold
    // the blanks, so they are dropped and said (new failed: "the codebook declares 'control' where the data
    // hold ' control'"; issue 24). src/test/r/reader_blank_levels.R writes the files and the counts.
    Path study = tmp.resolve("s");
    CliRun r = CliRun.of("new", study.toString(), "--data", DIR.resolve(file).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  arm: binary, levels control|treated, ") && l.contains("blanks around them")),
        r.out());
    assertFalse(r.err().contains("fewer than"), "the levels are counted without the blanks: " + r.err());
    String report = Files.readString(study.resolve("reports/report.md"));
    for (String line : Files.readAllLines(DIR.resolve("blank_levels.counts.csv")).subList(1, 3)) {
      String[] kv = line.replace("\"", "").split(",");
      assertTrue(report.contains("| " + kv[0] + " | " + kv[1] + " ("), kv[0] + " " + kv[1] + "\n" + report);
    }
    CliRun run = CliRun.of("run", "--study", study.toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void itRefusesAnExistingStudyAndABadByAndLeavesNothing(@TempDir Path tmp) throws Exception {
    Path existing = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(existing.resolve("study.properties"), "title=old\n");
    CliRun r = CliRun.of("new", existing.toString(), "--data", DIR.resolve("patients.sav").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("never overwrites"), r.err());
    assertEquals("title=old\n", Files.readString(existing.resolve("study.properties")));

    Path fresh = tmp.resolve("fresh");
    CliRun bad = CliRun.of("new", fresh.toString(), "--data", DIR.resolve("patients.sav").toString(), "--by", "sexx");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("did you mean 'sex'"), bad.err());
    CliRun broken = CliRun.of("new", fresh.toString(), "--data", DIR.resolve("truncated.sav").toString());
    assertEquals(2, broken.code());
    assertTrue(broken.err().contains("byte offset"), broken.err());
    assertFalse(Files.exists(fresh));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of("old"), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void codebookInferWritesTheCodebookTheLoaderAccepts(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("codebook.csv");
    CliRun r = CliRun.of("codebook", "--infer", DIR.resolve("patients_eu.csv").toString(), "--delimiter", ";",
        "--encoding", "ISO-8859-1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    studybook.data.Codebook cb = studybook.data.CodebookLoader.load(out);
    assertEquals("continuous", cb.variable("bmi").type().token());
    assertEquals("date", cb.variable("resected").type().token());
    assertEquals("id", cb.variable("pid").type().token());
    CliRun again = CliRun.of("codebook", "--infer", DIR.resolve("patients.csv").toString(), "--out", out.toString());
    assertEquals(2, again.code());
  }

  /** A count read as categorical (MASS::birthwt's ptl, level 3 one row) is named with how to make it numeric. */
  @Test
  void aCategoricalLevelOfFewerThanFiveRowsIsWarnedAbout(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("births.csv");
    StringBuilder s = new StringBuilder("id,low,ptl,smoke\n");
    int[] ptl = new int[40];
    ptl[0] = 3;
    ptl[1] = 2;
    ptl[2] = 2;
    for (int i = 3; i < 12; i++) {
      ptl[i] = 1;
    }
    for (int i = 0; i < 40; i++) {
      s.append(i + 1).append(',').append(i % 3 == 0 ? 1 : 0).append(',').append(ptl[i]).append(',')
          .append(i % 2 == 0 ? "yes" : "no").append('\n');
    }
    Files.writeString(csv, s);
    CliRun r = CliRun.of("new", tmp.resolve("study").toString(), "--data", csv.toString());
    assertEquals(0, r.code(), r.err());
    String warning = r.out().lines().filter(l -> l.contains("warning: ptl")).findFirst().orElse("");
    assertTrue(warning.contains("ptl is categorical with a level of fewer than 5 rows ('2' 2 rows, '3' 1 row)"),
        r.out());
    assertTrue(warning.contains("make it numeric: in data/codebook.csv set its type to continuous"), warning);
    assertFalse(r.out().contains("warning: smoke"), r.out());
    assertFalse(r.out().contains("warning: low"), r.out());
  }
}
