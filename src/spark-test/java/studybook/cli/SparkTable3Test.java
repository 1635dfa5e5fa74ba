package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.bench.RegistryGenerator;

/**
 * Table 3 of the default study (its analysis/Outcomes.java table3 cell and the forest figure that reads it, copied
 * unchanged into a study with the study's own Cohort.java and codebook) on Spark, master local[2], against the local
 * engine: the univariable and multivariable maximum-likelihood fits, Firth's fit with profile limits and penalized
 * LR p-values, the counts, notes and reference rows give the same results.json (numbers to 1e-12 relative, integers
 * and text exactly), the same table CSV and a byte-identical report.md. A separated design and a typo give the
 * local engine's note and error.
 */
@Tag("spark")
class SparkTable3Test {
  @TempDir static Path dir;
  static final Path REPO = Path.of("").toAbsolutePath();

  /** The body of the method that follows {@code @Cell(...)} or the signature {@code start}, to its closing brace. */
  static String method(String source, String start) {
    int at = source.indexOf(start);
    assertTrue(at >= 0, start);
    int cell = source.lastIndexOf("  @Cell(", at);
    int from = cell >= 0 && source.substring(cell, at).indexOf("\n  }") < 0 ? cell : source.lastIndexOf('\n', at) + 1;
    int end = source.indexOf("\n  }\n", at);
    return source.substring(from, end + 5);
  }

  /** A study of the default study's Cohort.java, its Table 3 cell (with MODEL and CANDIDATES) and the forest figure. */
  static Path study(String name, String table3Cell) throws IOException {
    Path s = dir.resolve(name);
    Files.createDirectories(s.resolve("analysis"));
    Files.createDirectories(s.resolve("templates"));
    Files.createDirectories(s.resolve("data"));
    Files.copy(REPO.resolve("analysis/Cohort.java"), s.resolve("analysis/Cohort.java"));
    Files.copy(REPO.resolve("data/codebook.csv"), s.resolve("data/codebook.csv"));
    String outcomes = Files.readString(REPO.resolve("analysis/Outcomes.java"));
    String figures = Files.readString(REPO.resolve("analysis/Figures.java"));
    StringBuilder constants = new StringBuilder();
    for (String c : List.of("MODEL", "CANDIDATES")) {
      Matcher m = Pattern.compile("(?s)  static final List<String> " + c + " = .*?;\n").matcher(outcomes);
      assertTrue(m.find(), c);
      constants.append(m.group());
    }
    Files.writeString(s.resolve("analysis/Outcomes.java"), """
        import static studybook.data.Condition.is;

        import java.util.ArrayList;
        import java.util.List;
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        import studybook.report.figures.ForestPlot;
        import studybook.report.figures.ForestRow;
        import studybook.report.figures.OddsRatioEstimate;
        import studybook.tables.RegressionRow;
        import studybook.tables.RegressionTable;
        import studybook.tables.TermRow;

        public class Outcomes {
        """ + constants + "\n" + method(outcomes, "public Frame nonCurative(") + "\n" + table3Cell + "\n"
        + method(figures, "public ForestPlot oddsRatios(") + "\n" + method(figures, "private static OddsRatioEstimate")
        + "}\n");
    Files.writeString(s.resolve("templates/report.md.ftl"), """
        # ${study.title}

        Of ${fmt.count(cohort.total)} patients, ${fmt.count(cohort.nonCurative)} had a non-curative resection.

        <@table table3/>

        ${figure("oddsRatios")}
        """);
    Files.writeString(s.resolve("study.properties"), """
        title=Table 3 on Spark
        data=data/registry.csv
        codebook=data/codebook.csv
        seed=4911
        style.or_decimals=3
        style.p_decimals=3
        """);
    return s;
  }

  static CliRun run(Path study, Path data, String out, String... engine) {
    String[] args = Stream.concat(Stream.of("run", "--study", study.toString(), "--data", data.toString(), "--out",
        out, "--no-cache", "--quiet"), Stream.of(engine)).toArray(String[]::new);
    return CliRun.of(args);
  }

  /** Runs {@code study} on {@code data} on both engines and compares Table 3, its CSV and report.md. */
  static JsonNode[] bothEngines(Path study, Path data) throws IOException {
    CliRun local = run(study, data, "local");
    assertEquals(0, local.code(), local.err());
    CliRun spark = run(study, data, "spark", "--engine", "spark", "--master", "local[2]");
    assertEquals(0, spark.code(), spark.err());
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(study.resolve("local/results.json").toFile());
    JsonNode b = m.readTree(study.resolve("spark/results.json").toFile());
    SparkStudyRunTest.same("table3", a.get("table3"), b.get("table3"));
    SparkStudyRunTest.same("oddsRatios", a.get("oddsRatios"), b.get("oddsRatios"));
    SparkStudyRunTest.sameCsv("table3.csv", Files.readString(study.resolve("local/tables/table3.csv")),
        Files.readString(study.resolve("spark/tables/table3.csv")));
    assertEquals(Files.readString(study.resolve("local/report.md")), Files.readString(study.resolve("spark/report.md")));
    return new JsonNode[] {a.get("table3"), b.get("table3")};
  }

  static final String TABLE3 = "public RegressionTable table3(Frame nonCurative) {";

  /** The twin (322 patients, 142 non-curative, 44 events): Firth is fitted (6.3 events per parameter). */
  @Test
  void table3OfTheTwinIsTheLocalEnginesWithFirth() throws IOException {
    Path s = study("twin", method(Files.readString(REPO.resolve("analysis/Outcomes.java")), TABLE3));
    JsonNode[] t = bothEngines(s, REPO.resolve("data/rectal_net_twin.csv"));
    assertEquals("FITTED", t[0].get("firthChoice").get("decision").asText(), t[0].toString());
    assertEquals(10, t[0].get("univariable").size());
    assertTrue(t[1].get("firth").get("terms").get(0).get("ciLow").asDouble() > 0, t[1].toString());
    assertEquals(142, t[1].get("multivariable").get("n").asInt());
  }

  /** A generated registry of 20,000 patients: enough events per parameter, so Firth is not fitted. */
  @Test
  void table3OfAGeneratedRegistryIsTheLocalEngines() throws IOException {
    Path data = dir.resolve("registry.csv");
    RegistryGenerator.write(data, 20_000, 7);
    Path s = study("registry", method(Files.readString(REPO.resolve("analysis/Outcomes.java")), TABLE3));
    JsonNode[] t = bothEngines(s, data);
    assertTrue(t[0].get("multivariable").get("n").asInt() > 1000, t[0].toString());
  }

  /**
   * A separated design (a level in which every patient had the event, and a model that is separated by it): the
   * same "not estimable (separation)" cells, the same separation note and Firth columns on both engines.
   */
  @Test
  void aSeparatedDesignGivesTheLocalEnginesNoteAndFirthColumns() throws IOException {
    Path data = dir.resolve("separated.csv");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(REPO.resolve("data/rectal_net_twin.csv")));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int grade = header.indexOf("grade");
    int additional = header.indexOf("additional_treatment");
    assertTrue(grade >= 0 && additional >= 0, header.toString());
    // every G2 patient with additional treatment, every other patient as recorded
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f[grade].equals("G2")) {
        f[additional] = "surgical";
        lines.set(i, String.join(",", f));
      }
    }
    Files.write(data, lines);
    String cell = """
          @Cell("Table 3 with grade in the model")
          public RegressionTable table3(Frame nonCurative) {
            return RegressionTable.of("table3", nonCurative, nonCurative.codebook(), "additional", "yes",
                List.of("grade", "age", "lvi"), List.of("grade", "age", "lvi")).referenceRows();
          }
        """;
    Path s = study("separated", cell);
    JsonNode[] t = bothEngines(s, data);
    assertTrue(t[0].get("multivariable").get("separation").asBoolean(), t[0].toString());
    String report = Files.readString(s.resolve("spark/report.md"));
    assertTrue(report.contains("not estimable (separation)") && report.contains("Separation (complete or quasi"),
        report);
  }

  /** A typo in a term is the local engine's error on Spark: exit 2, the same message, nothing written. */
  @Test
  void aTypoInATermIsTheLocalEnginesError() throws IOException {
    String cell = """
          @Cell("Table 3 with a typo")
          public RegressionTable table3(Frame nonCurative) {
            return RegressionTable.of("table3", nonCurative, nonCurative.codebook(), "additional", "yes",
                List.of("age", "lvii"), List.of("age"));
          }
        """;
    Path s = study("typo", cell);
    Path data = REPO.resolve("data/rectal_net_twin.csv");
    CliRun local = run(s, data, "local");
    CliRun spark = run(s, data, "spark", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, local.code(), local.err());
    assertEquals(2, spark.code(), spark.err());
    assertTrue(local.err().contains("lvii") && local.err().contains("lvi"), local.err());
    assertEquals(local.err(), spark.err());
    assertFalse(spark.err().contains("\tat "), spark.err());
    assertFalse(Files.exists(s.resolve("spark")), "nothing written");
  }
}
