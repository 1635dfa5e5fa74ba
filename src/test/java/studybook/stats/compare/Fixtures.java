package studybook.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studybook.data.AdhocLoader;
import studybook.data.CsvReader;
import studybook.data.Frame;

/** Reads the fixtures written by src/test/r/compare.R and rebuilds groups and tables from its datasets. */
public final class Fixtures {
  private Fixtures() {}

  public static Path file(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/reference/compare/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of a fixture CSV as column name → text ("NA" kept as is). */
  public static List<Map<String, String>> rows(String name) {
    List<Map<String, String>> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    CsvReader.read(file(name), new CsvReader.RecordHandler() {
      @Override
      public void header(List<String> names) {
        header.addAll(names);
      }

      @Override
      public void record(int line, String[] fields) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
          row.put(header.get(i), fields[i]);
        }
        out.add(row);
      }
    });
    return out;
  }

  public static double number(String text) {
    return text.equals("NA") || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
  }

  /** The dataset with the named columns categorical. */
  public static Frame data(String dataset, String... categorical) {
    return AdhocLoader.load(file(dataset + ".csv"), Set.of(categorical), Map.of());
  }

  /** Values of {@code var} per level of {@code by} (rows with a missing group left out). */
  public static List<double[]> groups(Frame f, String var, String by) {
    int[] g = f.codes(by);
    double[] x = f.values(var);
    List<double[]> out = new ArrayList<>();
    for (int level = 0; level < f.levels(by).size(); level++) {
      final int l = level;
      out.add(java.util.stream.IntStream.range(0, x.length).filter(i -> g[i] == l).mapToDouble(i -> x[i]).toArray());
    }
    return out;
  }

  /** counts[level of var][level of by] over rows where both are present. */
  public static long[][] table(Frame f, String var, String by) {
    int[] x = f.codes(var);
    int[] g = f.codes(by);
    long[][] t = new long[f.levels(var).size()][f.levels(by).size()];
    for (int i = 0; i < x.length; i++) {
      if (x[i] >= 0 && g[i] >= 0) {
        t[x[i]][g[i]]++;
      }
    }
    return t;
  }

  /** Relative agreement to 1e-6 (absolute below 1e-300, where p-values underflow differently). */
  public static void assertClose(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
      return;
    }
    double tolerance = Math.max(1e-6 * Math.abs(expected), 1e-300);
    assertEquals(expected, actual, tolerance, what);
  }
}
