package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import studybook.data.AdhocLoader;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.stats.regression.Design;

class DesignMatrixTest {
  @TempDir Path dir;

  private Frame load(String csv) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.write(f, csv.getBytes(StandardCharsets.UTF_8));
    return AdhocLoader.load(f, Set.of(), Map.of());
  }

  @Test
  void codesLevelsAsIndicatorsAndKeepsCompleteCases() throws IOException {
    Frame f = load("y,g,age\nyes,b,30\nno,a,40\nyes,c,\nno,c,50\n,a,60\nyes,a,70\n");
    DesignMatrix dm = DesignMatrix.of(f, "y", "yes", List.of("g", "age"));
    Design d = dm.design();
    assertEquals(List.of("(Intercept)", "g=b", "g=c", "age"), d.columns());
    assertEquals(2, dm.excluded(), "a missing age and a missing outcome");
    assertEquals(4, d.n());
    assertArrayEquals(new double[] {1, 1, 0, 30}, d.x()[0]);
    assertArrayEquals(new double[] {1, 0, 1, 50}, d.x()[2]);
    assertArrayEquals(new double[] {1, 0, 0, 1}, d.y());
    assertArrayEquals(new int[] {1, 2}, d.terms().get("g"));
    assertArrayEquals(new int[] {3}, d.terms().get("age"));
  }

  /** A CSV of n rows: outcome, two continuous columns (the second {@code factor} times the first plus {@code noise}). */
  private String large(int n, double factor, double noise) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    StringBuilder b = new StringBuilder("y,a,b,g\n");
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      b.append(r.nextBoolean() ? "yes" : "no").append(',').append(a).append(',')
          .append(factor * a + noise * r.nextGaussian()).append(',').append("uvw".charAt(r.nextInt(3))).append('\n');
    }
    return b.toString();
  }

  /** issue 16: collinearity is no longer a design error; the fit names the aliased column, as glm's NA. */
  @Test
  void collinearTermsAreAliasedByTheFitInALargeDesignToo() throws IOException {
    int n = 30_000;
    Frame collinear = load(large(n, 2, 0));
    DesignMatrix dm = DesignMatrix.of(collinear, "y", "yes", List.of("a", "b", "g"));
    studybook.stats.regression.LogisticFit fit = studybook.stats.regression.LogisticRegression.withDefaults()
        .fit(dm.design());
    assertEquals(List.of("b"), fit.aliased());
    assertTrue(Double.isNaN(fit.coefficient("b").estimate()));
    assertTrue(fit.coefficient("a").se() > 0);
    Frame independent = load(large(n, 2, 0.5));
    DesignMatrix ok = DesignMatrix.of(independent, "y", "yes", List.of("a", "b", "g"));
    assertEquals(List.of(), studybook.stats.regression.LogisticRegression.withDefaults().fit(ok.design()).aliased());
  }

  @Test
  void numericOutcomeTakesANumericEvent() throws IOException {
    Frame f = load("y,x\n0,1\n1,2\n1.0,3\n0,4\n");
    assertArrayEquals(new double[] {0, 1, 1, 0}, DesignMatrix.of(f, "y", "1", List.of("x")).design().y());
    assertArrayEquals(new double[] {1, 0, 0, 1}, DesignMatrix.of(f, "y", "0", List.of("x")).design().y());
  }

  @Test
  void anOutcomeWithAThirdValueNamesItsLine() throws IOException {
    Frame f = load("y,x\na,1\nb,2\na,3\nc,4\n");
    DataProblem p = assertThrows(DataException.class, () -> DesignMatrix.of(f, "y", "a", List.of("x"))).first();
    assertEquals(5, p.line());
    assertEquals("y", p.column());
    assertEquals("c", p.value());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "single outcome value  | y,x\\na,1\\na,2                 | y | a   | x   | 1 | y",
      "event not a value     | y,x\\na,1\\nb,2                 | y | z   | x   | 1 | y",
      "numeric event text    | y,x\\n0,1\\n1,2                 | y | yes | x   | 1 | y",
      "unknown term          | y,x\\na,1\\nb,2                 | y | a   | xx  | 1 | xx",
      "outcome as term       | y,x\\na,1\\nb,2                 | y | a   | y   | 1 | y",
      "constant term         | y,x\\na,1\\nb,1\\na,1           | y | a   | x   | 1 | x",
      "constant beside other | y,x,c\\na,1,5\\nb,2,5\\na,3,5     | y | a   | x;c | 1 | c",
      "one observed level    | y,x,g\\na,1,u\\nb,2,u\\na,3,u     | y | a   | x;g | 1 | g",
      "level lost to missing | y,x,g\\na,1,u\\nb,,v\\na,3,u\\nb,4,u | y | a | x;g | 1 | g"})
  void badRequestsNameFileLineAndColumn(String what, String csv, String outcome, String event, String terms,
      int line, String column) throws IOException {
    Frame f = load(csv.replace("\\n", "\n") + "\n");
    DataProblem p = assertThrows(DataException.class,
        () -> DesignMatrix.of(f, outcome, event, List.of(terms.split(";")))).first();
    assertEquals(line, p.line(), what);
    assertEquals(column, p.column(), what);
    assertEquals(dir.resolve("d.csv"), p.file());
  }
}
