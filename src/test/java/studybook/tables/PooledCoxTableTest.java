package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.stats.impute.ChainedEquations.Method;
import studybook.stats.regression.RubinPool;
import studybook.tables.HazardRatioTable.CoxOutcome;

/**
 * A pooled Cox table of a study gives mice's numbers: on the five completed lung data sets that mice made
 * (src/test/r/pooled.R), {@code summary(pool(with(imp, coxph(Surv(time, status) ~ age + sex + ph.ecog +
 * wt.loss))), conf.int = TRUE)} — estimate, se, t, Barnard–Rubin df, p, limits, riv, lambda and fmi to 1e-6.
 */
class PooledCoxTableTest {
  static final Path DIR = Path.of("src/test/resources/reference/pooled");

  static Map<String, Double> expected(String caseName) throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(DIR.resolve("expected.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",", -1);
      if (c[0].equals(caseName) && !c[2].equals("NA")) {
        out.put(c[1], Double.parseDouble(c[2]));
      }
    }
    return out;
  }

  static void close(double want, double got, String label) {
    assertTrue(Math.abs(got - want) <= 1e-6 * Math.abs(want) + 1e-12, label + ": want " + want + ", got " + got);
  }

  @Test
  void thePooledCoxTableGivesMicesNumbers() throws Exception {
    List<Frame> completed = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      completed.add(AdhocLoader.load(DIR.resolve("lung_" + k + ".csv"), Set.of(), Map.of()));
    }
    Map<String, Method> methods = new LinkedHashMap<>();
    methods.put("ph.ecog", Method.PMM);
    methods.put("wt.loss", Method.PMM);
    Imputation.Result imp = new Imputation.Result(completed.get(0), completed, methods,
        Map.of("ph.ecog", 1, "wt.loss", 14), 5, 25);
    PooledTable t = imp.cox("pooled_cox", CoxOutcome.of("time", "status"), List.of("age", "sex", "ph.ecog", "wt.loss"));
    Map<String, Double> want = expected("cox_lung");
    assertEquals(5, t.m());
    assertEquals(want.get("n").intValue(), t.n());
    assertEquals(4, t.entries().size());
    for (RubinPool.Term term : t.entries()) {
      String k = "terms[" + term.term() + "].";
      close(want.get(k + "estimate"), term.estimate(), k + "estimate");
      close(want.get(k + "se"), term.se(), k + "se");
      close(want.get(k + "t"), term.statistic(), k + "t");
      close(want.get(k + "df"), term.df(), k + "df");
      close(want.get(k + "p"), term.p(), k + "p");
      close(want.get(k + "ci_low"), Math.exp(term.ciLow()), k + "ci_low");
      close(want.get(k + "ci_high"), Math.exp(term.ciHigh()), k + "ci_high");
      close(want.get(k + "riv"), term.riv(), k + "riv");
      close(want.get(k + "lambda"), term.lambda(), k + "lambda");
      close(want.get(k + "fmi"), term.fmi(), k + "fmi");
    }
    TableModel shown = t.display().get(0);
    assertEquals("HR", shown.columns().get(1).header());
    String notes = String.join(" ", shown.notes());
    assertTrue(notes.contains("Cox proportional-hazards regression fitted on each of the 5 completed data sets")
        && notes.contains("coxph(Surv(time, status) ~ ...)") && notes.contains("FMI, fraction of missing information")
        && notes.contains("m = 5"), notes);
  }

  @Test
  void completedSetsThatDifferInRowsOrLevelsAreOneErrorNamingThem() throws Exception {
    Frame first = AdhocLoader.load(DIR.resolve("lung_1.csv"), Set.of(), Map.of());
    Frame second = AdhocLoader.load(DIR.resolve("lung_2.csv"), Set.of(), Map.of());
    tech.tablesaw.selection.BitmapBackedSelection fewer = new tech.tablesaw.selection.BitmapBackedSelection();
    fewer.addRange(0, 200);
    studybook.data.DataException rows = org.junit.jupiter.api.Assertions.assertThrows(
        studybook.data.DataException.class, () -> new Imputation.Result(first, List.of(first, second.where(fewer)),
            Map.of(), Map.of(), 5, 1));
    assertTrue(rows.getMessage().contains("completed data set 2 has 200 rows, the observed data 228"),
        rows.getMessage());
    Frame sexAsText = AdhocLoader.load(DIR.resolve("lung_2.csv"), Set.of("sex"), Map.of());
    studybook.data.DataException levels = org.junit.jupiter.api.Assertions.assertThrows(
        studybook.data.DataException.class, () -> new Imputation.Result(first, List.of(first, sexAsText),
            Map.of(), Map.of(), 5, 1));
    assertEquals("sex", levels.first().column());
    assertTrue(levels.getMessage().contains("completed data set 2 differs from the observed data in the levels"),
        levels.getMessage());
  }
}
