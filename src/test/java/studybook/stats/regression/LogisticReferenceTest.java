package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.tables.DesignMatrix;

/**
 * Every fixture in reference/logistic was written by src/test/r/logistic.R (R 4.2.2, brglm2 0.9):
 * ML from glm(family = binomial), exact profile limits by uniroot on glm fits with an offset, Firth by
 * direct maximisation of the penalized likelihood cross-checked with brglm2 (type = "AS_mean").
 * The data go through AdhocLoader and DesignMatrix, as the logistic command does.
 */
class LogisticReferenceTest {
  static final Path DIR = Path.of("src/test/resources/reference/logistic");
  static final double TOL = 1e-6;

  /** outcome, event, terms and level orders of each case, as the R script sets them up. */
  record Case(String outcome, String event, List<String> terms, Map<String, List<String>> levels) {}

  static final Map<String, Case> CASES = Map.of(
      "infert", new Case("case", "1", List.of("spontaneous", "induced", "education"),
          Map.of("education", List.of("0-5yrs", "6-11yrs", "12+ yrs"))),
      "mtcars", new Case("am", "1", List.of("wt", "hp"), Map.of()),
      "separated", new Case("y", "yes", List.of("x"), Map.of()),
      "quasi", new Case("y", "1", List.of("x", "z"), Map.of()),
      "zerolevel", new Case("event", "1", List.of("group", "age"), Map.of("group", List.of("A", "B", "C"))),
      "birthwt", new Case("low", "1", List.of("age", "lwt", "race", "smoke", "ptl", "ht", "ui", "ftv"),
          Map.of("race", List.of("1", "2", "3"), "ptl", List.of("0", "1", "2", "3"),
              "ftv", List.of("0", "1", "2", "3", "4", "6"))));

  static Stream<Arguments> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("[a-z]+-(ml|firth)-(wald|profile)\\.csv"))
          .sorted().map(Arguments::of).toList().stream();
    }
  }

  static DesignMatrix design(String name) {
    Case c = CASES.get(name);
    Frame frame = AdhocLoader.load(DIR.resolve(name + ".csv"), Set.of(), c.levels());
    return DesignMatrix.of(frame, c.outcome(), c.event(), c.terms());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void matchesR(String file) throws IOException {
    String[] parts = file.replace(".csv", "").split("-");
    Fixture ref = Fixture.read(DIR.resolve(file));
    LogisticRegression regression = LogisticRegression.withDefaults()
        .with(parts[1].equals("ml") ? LogisticRegression.Method.ML : LogisticRegression.Method.FIRTH)
        .with(parts[2].equals("wald") ? LogisticRegression.Limits.WALD : LogisticRegression.Limits.PROFILE);
    DesignMatrix dm = design(parts[0]);
    LogisticFit fit = regression.fit(dm.design());

    assertEquals(ref.model.get("n").intValue(), fit.n());
    assertEquals(ref.model.get("events").intValue(), fit.events());
    assertEquals(ref.model.get("separation") == 1, fit.separation(), "separation");
    if (ref.model.containsKey("iterations")) {
      assertEquals(ref.model.get("iterations").intValue(), fit.iterations(), "glm's iteration count");
      assertEquals(ref.model.get("converged") == 1, fit.converged(), "glm's convergence verdict");
    }
    boolean mlSeparated = fit.method() == LogisticRegression.Method.ML && fit.separation();
    // with separation the ML estimate does not exist; where glm's default iterations stop is comparable, but
    // only for the coefficients that stay finite: in the separated direction glm's QR and our normal equations
    // part ways
    if (!mlSeparated) {
      assertTrue(fit.converged());
    }
    assertClose(ref.model.get("loglik"), fit.logLik(), TOL, "loglik");
    assertClose(ref.model.get("aic"), fit.aic(), TOL, "aic");
    assertEquals(ref.rows.size(), fit.coefficients().size());
    for (int j = 0; j < ref.rows.size(); j++) {
      String[] r = ref.rows.get(j);
      Coefficient c = fit.coefficients().get(j);
      assertEquals(r[0], c.term());
      if (mlSeparated && Math.abs(num(r[1])) > 15) {
        assertTrue(Math.abs(c.estimate()) > 15, "a separated coefficient runs off: " + c);
        continue;
      }
      String where = file + " " + c.term() + " ";
      assertClose(num(r[1]), c.estimate(), TOL, where + "estimate");
      assertClose(num(r[2]), c.se(), TOL, where + "se");
      assertClose(num(r[3]), c.z(), TOL, where + "z");
      assertClose(num(r[4]), c.p(), TOL, where + "p");
      assertClose(num(r[5]), c.oddsRatio(), TOL, where + "or");
      assertClose(num(r[6]), c.ciLow(), TOL, where + "ci_low");
      assertClose(num(r[7]), c.ciHigh(), TOL, where + "ci_high");
    }
    for (Map.Entry<String, double[]> t : ref.terms.entrySet()) {
      TermTest test = regression.termTests(dm.design()).stream().filter(x -> x.term().equals(t.getKey())).findFirst()
          .orElseThrow();
      assertEquals((int) t.getValue()[0], test.df());
      assertClose(t.getValue()[1], test.chisq(), TOL, file + " LRT chisq " + t.getKey());
      assertClose(t.getValue()[2], test.p(), TOL, file + " LRT p " + t.getKey());
    }
    double[] fitted = fit.fitted(dm.design().x());
    assertClose(ref.auc, Discrimination.cStatistic(fitted, dm.design().y()), 1e-12, "auc");
  }

  /** infert-univariable.csv: one glm per term, as R's summary() and drop1(test = "LRT"). */
  @org.junit.jupiter.api.Test
  void univariableScreeningMatchesOneGlmPerTerm() throws IOException {
    Case c = CASES.get("infert");
    Frame frame = AdhocLoader.load(DIR.resolve("infert.csv"), Set.of(), c.levels());
    Screening s = DesignMatrix.screen(LogisticRegression.withDefaults(), frame, c.outcome(), c.event(), c.terms(),
        c.terms());
    assertEquals(c.terms(), s.univariable().stream().map(Screening.Univariable::term).toList());
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("infert-univariable.csv"))) {
      if (!line.startsWith("#") && !line.startsWith("\"term\"")) {
        rows.add(line.substring(1, line.length() - 1).split("\",\""));
      }
    }
    assertEquals(4, rows.size());
    for (String[] r : rows) {
      Screening.Univariable u = s.univariable().stream().filter(x -> x.term().equals(r[0])).findFirst().orElseThrow();
      Coefficient coef = u.fit().coefficient(r[1]);
      assertEquals(2, u.fit().coefficients().size() - (r[0].equals("education") ? 1 : 0));
      assertClose(num(r[2]), coef.estimate(), TOL, r[1] + " estimate");
      assertClose(num(r[3]), coef.se(), TOL, r[1] + " se");
      assertClose(num(r[4]), coef.p(), TOL, r[1] + " p");
      assertClose(num(r[5]), u.test().chisq(), TOL, r[0] + " LRT");
      assertClose(num(r[6]), u.test().p(), TOL, r[0] + " LRT p");
      assertEquals(0, u.excluded());
    }
    // the multivariable side is the infert-ml-wald model
    assertClose(-139.70416339264, s.multivariable().logLik(), TOL, "multivariable loglik");
    assertEquals(List.of("spontaneous", "induced", "education"),
        s.multivariableTests().stream().map(TermTest::term).toList());
  }

  static void assertClose(double expected, double actual, double tol, String what) {
    if (Double.isInfinite(expected) || expected == 0) {
      assertEquals(expected, actual, what);
      return;
    }
    if (Math.abs(expected) < 1e-12) {
      // a true zero that rounding left at 1e-15 in R: relative error means nothing there
      assertTrue(Math.abs(actual) < 1e-10, what + ": expected about 0 but was " + actual);
      return;
    }
    double rel = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(rel <= tol, what + ": expected " + expected + " but was " + actual + " (relative error " + rel + ")");
  }

  static double num(String s) {
    return switch (s) {
      case "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NA" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** A fixture: header comments (model, term tests, auc) and one quoted CSV row per coefficient. */
  record Fixture(Map<String, Double> model, Map<String, double[]> terms, double auc, List<String[]> rows) {
    static final Pattern TERM = Pattern.compile("# term: (.+) df=(\\d+) chisq=(\\S+) p=(\\S+)");

    static Fixture read(Path file) throws IOException {
      Map<String, Double> model = new LinkedHashMap<>();
      Map<String, double[]> terms = new LinkedHashMap<>();
      double auc = Double.NaN;
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("# model: ")) {
          for (String kv : line.substring(9).split(" ")) {
            String[] p = kv.split("=");
            model.put(p[0], num(p[1]));
          }
        } else if (line.startsWith("# term: ")) {
          Matcher m = TERM.matcher(line);
          assertTrue(m.matches(), line);
          terms.put(m.group(1), new double[] {num(m.group(2)), num(m.group(3)), num(m.group(4))});
        } else if (line.startsWith("# auc: ")) {
          auc = num(line.substring(7));
        } else if (!line.startsWith("#") && !line.startsWith("\"term\"")) {
          String[] cells = line.substring(1, line.length() - 1).split("\",\"");
          rows.add(cells);
        }
      }
      return new Fixture(model, terms, auc, rows);
    }
  }
}
