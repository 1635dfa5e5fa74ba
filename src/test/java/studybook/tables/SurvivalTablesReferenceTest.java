package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.data.Surv;

/**
 * KmTable and CumulativeIncidenceTable against R (src/test/r/survfit_tables.R): survfit's medians,
 * limits and survival at stated times, survdiff's log-rank p; cuminc's incidence, variance (timepoints),
 * tidycmprsk's log-log limits and Gray's p; 1e-6 relative.
 */
class SurvivalTablesReferenceTest {
  static final Path DIR = Path.of("src/test/resources/reference/survfit_tables");
  static final double TOL = 1e-6;

  private static List<String[]> csv(String name) throws IOException {
    return Files.readAllLines(DIR.resolve(name)).stream().skip(1).map(l -> l.replace("\"", "").split(",")).toList();
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void kmTableMatchesSurvfit() throws IOException {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt"), Map.of());
    KmTable t = KmTable.of("km", vet, Surv.of("time", "status").by("trt"), 365, 90, 180);
    assertEquals(List.of(90.0, 180.0, 365.0), t.times());
    for (String[] r : csv("km_groups.csv")) {
      KmTable.Group g = t.groups().stream().filter(x -> x.level().equals(r[0])).findFirst().orElseThrow();
      assertEquals(Integer.parseInt(r[1]), g.n());
      assertEquals(Integer.parseInt(r[2]), g.events());
      close(Double.parseDouble(r[3]), g.median().estimate().getAsDouble(), "median " + r[0]);
      close(Double.parseDouble(r[4]), g.median().lower().getAsDouble(), "median lower " + r[0]);
      close(Double.parseDouble(r[5]), g.median().upper().getAsDouble(), "median upper " + r[0]);
    }
    for (String[] r : csv("km_times.csv")) {
      KmTable.Group g = t.groups().stream().filter(x -> x.level().equals(r[0])).findFirst().orElseThrow();
      double time = Double.parseDouble(r[1]);
      var at = g.at().stream().filter(a -> a.time() == time).findFirst().orElseThrow();
      close(Double.parseDouble(r[2]), at.survival(), "survival " + r[0] + " at " + time);
      close(Double.parseDouble(r[3]), at.lower(), "lower " + r[0] + " at " + time);
      close(Double.parseDouble(r[4]), at.upper(), "upper " + r[0] + " at " + time);
    }
    String[] lr = csv("km_logrank.csv").get(0);
    close(Double.parseDouble(lr[0]), t.logRank().orElseThrow().chisq().getAsDouble(), "log-rank chi-square");
    close(Double.parseDouble(lr[2]), t.logRank().orElseThrow().p().getAsDouble(), "log-rank p");
    TableModel shown = t.display().get(0);
    assertEquals("Survival at 90", shown.columns().get(5).header());
    assertTrue(shown.rows().get(0).cells().get(shown.columns().size() - 2) instanceof TableValue.PValue);
  }

  @Test
  void cumulativeIncidenceTableMatchesCuminc() throws IOException {
    Frame mgus = AdhocLoader.load(Path.of("src/test/resources/reference/cuminc/mgus2.csv"), Set.of(), Map.of());
    CumulativeIncidenceTable t = CumulativeIncidenceTable.of("ci", mgus, "etime", "status", "pcm", "censored", "sex",
        60, 120, 240);
    for (String[] r : csv("cif_times.csv")) {
      CumulativeIncidenceTable.Group g = t.groups().stream().filter(x -> x.level().equals(r[0])).findFirst()
          .orElseThrow();
      double time = Double.parseDouble(r[1]);
      var at = g.at().stream().filter(a -> a.time() == time).findFirst().orElseThrow();
      close(Double.parseDouble(r[2]), at.incidence(), "incidence " + r[0] + " at " + time);
      close(Double.parseDouble(r[3]), at.se(), "se " + r[0] + " at " + time);
      close(Double.parseDouble(r[4]), at.lower(), "lower " + r[0] + " at " + time);
      close(Double.parseDouble(r[5]), at.upper(), "upper " + r[0] + " at " + time);
    }
    String[] gray = csv("cif_gray.csv").get(0);
    close(Double.parseDouble(gray[0]), t.gray().orElseThrow().chisq().getAsDouble(), "Gray chi-square");
    close(Double.parseDouble(gray[2]), t.gray().orElseThrow().p().getAsDouble(), "Gray p");
    assertEquals("pcm", t.eventLabel());
  }

  /**
   * A censoring value that is no level of the status is a typo, not "no censoring": read on, every censored patient
   * of mgus2 would count as a competing event (Female 572 instead of 370 competing, Gray's p 0.197 for 0.274),
   * as cmprsk's cencode does silently.
   */
  @Test
  void aCensoringValueThatIsNoLevelIsAnErrorWithTheNearest() {
    Frame mgus = studybook.data.AdhocLoader.load(Path.of("src/test/resources/reference/cuminc/mgus2.csv"),
        java.util.Set.of("sex", "status"), java.util.Map.of());
    studybook.data.DataException e = org.junit.jupiter.api.Assertions.assertThrows(studybook.data.DataException.class,
        () -> CumulativeIncidenceTable.of("ci", mgus, "etime", "status", "pcm", "censor", "sex", 60));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("the censoring value is not a value of the "
        + "status column") && e.getMessage().contains("did you mean 'censored'?"), e.getMessage());
  }
}
