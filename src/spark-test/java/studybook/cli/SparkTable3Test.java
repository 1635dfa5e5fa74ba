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
    Deviation worst = new Deviation();
    java.util.Set<String> sepTerms = separatedTerms(a.get("table3"));
    close("table3", a.get("table3"), b.get("table3"), false, sepTerms, worst);
    System.out.println("SparkTable3Test " + study.getFileName() + ": largest relative differences " + worst);
    // the forest plot's rows: the same labels, and the table's odds ratios and limits (to 1e-10, as its CSV)
    close("oddsRatios", a.get("oddsRatios"), b.get("oddsRatios"), true, sepTerms, new Deviation());
    closeCsv(Files.readString(study.resolve("local/tables/table3.csv")),
        Files.readString(study.resolve("spark/tables/table3.csv")));
    assertEquals(Files.readString(study.resolve("local/report.md")), Files.readString(study.resolve("spark/report.md")));
    return new JsonNode[] {a.get("table3"), b.get("table3")};
  }

  /** The largest relative difference seen per kind of number (what the report says the bounds are). */
  static final class Deviation {
    double numbers;
    double stops;
    double logP;
    double separated;

    @Override
    public String toString() {
      return "numbers " + numbers + ", ML estimates and z " + stops + ", ln p " + logP + ", separated ML models "
          + separated;
    }
  }

  /** "univariable:term" and "multivariable:term" of every maximum-likelihood model that is separated. */
  static java.util.Set<String> separatedTerms(JsonNode table) {
    java.util.Set<String> out = new java.util.HashSet<>();
    List<JsonNode> models = new java.util.ArrayList<>();
    table.get("univariable").forEach(models::add);
    models.add(table.get("multivariable"));
    for (JsonNode m : models) {
      if (m.get("separation").asBoolean()) {
        String section = m == table.get("multivariable") ? "multivariable:" : "univariable:";
        m.get("terms").forEach(t -> out.add(section + t.get("term").asText()));
      }
    }
    return out;
  }

  /**
   * The two engines' JSON: the same keys, text, booleans and integers, numbers to 1e-12 relative, except where the
   * fit's arithmetic (not the sums, which are compensated on Spark and plain in row order locally) amplifies a
   * difference in the last bits, each bound measured and said in the report:
   * <ul>
   *   <li>a maximum-likelihood estimate and its z to 1e-11: the estimate is where glm's deviance criterion stops IRLS,
   *       not an optimum, so the local row-order sums' own rounding (about n eps) moves it; near 0 (a coefficient of
   *       -0.1) that is a few 1e-12 relative (measured 3.6e-12; 4e-13 absolute on the log-odds scale);
   *   <li>a p-value on the log scale, |ln p - ln p'| at most 1e-11 max(1, |ln p|): a tail probability turns an ulp in z
   *       into a relative difference about z^2 larger (measured 9e-11 relative at p = 1e-41, 1e-12 of |ln p|);
   *   <li>every number of a separated maximum-likelihood model (shown "not estimable") to 1e-10: glm's 25 steps stop
   *       on a flat likelihood on the way to infinity (measured 5.4e-11 for an odds ratio of 3.6e8).
   * </ul>
   * Firth's estimates, penalized LR p-values and profile limits (iterated to convergence, then Brent's roots) meet
   * 1e-12 on the twin.
   */
  static void close(String where, JsonNode a, JsonNode b, boolean separated, java.util.Set<String> sepTerms,
      Deviation worst) {
    if (a.isNumber() && b.isNumber() && !(a.isIntegralNumber() && b.isIntegralNumber())) {
      double x = a.asDouble();
      double y = b.asDouble();
      if (x == y || Double.isNaN(x) && Double.isNaN(y)) {
        return;
      }
      double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      boolean stop = where.endsWith(".estimate") || where.endsWith(".z");
      if (separated) {
        worst.separated = Math.max(worst.separated, rel);
        assertTrue(rel <= 1e-10, where + ": " + x + " vs " + y);
      } else if (where.endsWith(".p") && x > 0 && y > 0) {
        double d = Math.abs(Math.log(x) - Math.log(y)) / Math.max(1, Math.abs(Math.log(x)));
        worst.logP = Math.max(worst.logP, d);
        assertTrue(d <= 1e-11, where + ": " + x + " vs " + y);
      } else if (stop && !where.contains(".firth")) {
        worst.stops = Math.max(worst.stops, rel);
        assertTrue(rel <= 1e-11, where + ": " + x + " vs " + y);
      } else {
        worst.numbers = Math.max(worst.numbers, rel);
        assertTrue(rel <= 1e-12, where + ": " + x + " vs " + y);
      }
      return;
    }
    assertEquals(a.getNodeType(), b.getNodeType(), where);
    if (a.isObject()) {
      List<String> names = new java.util.ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      List<String> other = new java.util.ArrayList<>();
      b.fieldNames().forEachRemaining(other::add);
      assertEquals(names, other, where);
      boolean sep = separated || a.has("separation") && a.get("separation").asBoolean() && a.has("method")
          && a.get("method").asText().equals("ml");
      for (String k : names) {
        boolean entry = a.has("term") && sepTerms.contains(k + ":" + a.get("term").asText());
        close(where + "." + k, a.get(k), b.get(k), sep || entry, sepTerms, worst);
      }
    } else if (a.isArray()) {
      assertEquals(a.size(), b.size(), where);
      for (int i = 0; i < a.size(); i++) {
        close(where + "[" + i + "]", a.get(i), b.get(i), separated, sepTerms, worst);
      }
    } else {
      assertEquals(a, b, where);
    }
  }

  /** The table CSVs: the same cells, the numbers (the results' own, compared above field by field) to 1e-10. */
  static void closeCsv(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    assertEquals(x.length, y.length);
    for (int i = 0; i < x.length; i++) {
      String[] p = x[i].split(",", -1);
      String[] q = y[i].split(",", -1);
      assertEquals(p.length, q.length, "line " + (i + 1));
      for (int j = 0; j < p.length; j++) {
        if (!p[j].equals(q[j])) {
          double u = Double.parseDouble(p[j]);
          double v = Double.parseDouble(q[j]);
          assertTrue(Math.abs(u - v) <= 1e-10 * Math.max(Math.abs(u), Math.abs(v)), "line " + (i + 1) + ": " + p[j]
              + " vs " + q[j]);
        }
      }
    }
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
                List.of("grade", "lvi"), List.of("grade", "lvi")).referenceRows();
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
    // the same message after the data file's name (which the Spark engine writes as the path it was given)
    String said = "column 'lvii': no such column in the data; did you mean 'lvi'?";
    assertTrue(local.err().contains("cell 'table3': ") && local.err().contains(said), local.err());
    assertEquals(local.err().substring(local.err().indexOf("rectal_net_twin.csv:1:")),
        spark.err().substring(spark.err().indexOf("rectal_net_twin.csv:1:")));
    assertTrue(spark.err().contains("cell 'table3': "), spark.err());
    assertFalse(spark.err().contains("\tat "), spark.err());
    assertFalse(Files.exists(s.resolve("spark")), "nothing written");
  }
}
