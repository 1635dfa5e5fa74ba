package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Aalen-Johansen by hand and Gray's test's edge cases (its values: CumincCommandTest against cmprsk). */
class CumulativeIncidenceTest {
  @Test
  void tiedEventsOfBothKindsShareTheSurvivalBeforeThem() {
    // four patients; at t=1 one event and one competing: each gets S(1-) * 1/4
    CumulativeIncidenceCurve c = CumulativeIncidence.fit(new double[] {1, 1, 2, 3}, new int[] {1, 2, 0, 1},
        new int[4], List.of("all")).curves().get(0);
    assertEquals(List.of(1.0, 2.0, 3.0), c.time());
    assertEquals(List.of(4, 2, 1), c.atRisk());
    assertEquals(List.of(0.25, 0.25, 0.75), c.incidence());
    assertEquals(List.of(0.25, 0.25, 0.25), c.competingIncidence());
    assertEquals(2, c.events());
    assertEquals(1, c.competingEvents());
    // incidence + competing + all-cause survival = 1 at the end (S = 0 after the last event)
    assertEquals(1.0, c.incidenceAt(3) + c.competingIncidenceAt(3), 1e-15);
    assertEquals(0.0, c.incidenceAt(0.5));
  }

  @Test
  void oneGroupHasNoGraysTestAndAllCensoredCannotHaveOne() {
    CumulativeIncidenceFit one = CumulativeIncidence.fit(new double[] {1, 2}, new int[] {1, 0}, new int[2], List.of("all"));
    assertTrue(one.gray().isEmpty());
    CumulativeIncidenceFit censored = CumulativeIncidence.fit(new double[] {1, 2, 3, 4}, new int[] {0, 0, 0, 0},
        new int[] {0, 0, 1, 1}, List.of("a", "b"));
    assertFalse(censored.gray().get().computed());
    assertEquals("no event of interest", censored.gray().get().notComputable().get());
    CumulativeIncidenceFit empty = CumulativeIncidence.fit(new double[] {1, 2}, new int[] {1, 0}, new int[] {0, 0},
        List.of("a", "b"));
    assertEquals("fewer than two groups have patients", empty.gray().get().notComputable().get());
    assertEquals(0, empty.curves().get(1).n());
  }

  @Test
  void badArraysAreProgrammingErrors() {
    assertThrows(IllegalArgumentException.class,
        () -> CumulativeIncidence.fit(new double[] {1}, new int[] {-1}, new int[1], List.of("all")));
    assertThrows(IllegalArgumentException.class,
        () -> CumulativeIncidence.fit(new double[] {-1}, new int[] {1}, new int[1], List.of("all")));
  }
}
