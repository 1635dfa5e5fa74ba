package studybook.stats.survival;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rule of R's Surv for a status column (survival:::Surv): which value is the event, or an error. */
class EventCodingTest {
  private static List<String> values(String spaced) {
    return Arrays.asList(spaced.split(" ", -1));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiterString = "|", value = {
    "0 1 1 0|ZERO_ONE|1",
    "1 2 2 1|ONE_TWO|2",
    "1.0 2 NA 1|ONE_TWO|2",
    "0 0 0|ZERO_ONE|1",
    "1 1|ZERO_ONE|1",
    "2 2 |ONE_TWO|2",
    "TRUE FALSE T F|LOGICAL|TRUE",
    "true false|LOGICAL|TRUE",
  })
  void readsTheCodingsRsSurvReads(String status, EventCoding.Rule rule, String event) {
    EventCoding c = EventCoding.of(values(status), Optional.empty());
    assertEquals(rule, c.rule());
    assertEquals(event, c.eventValue());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "|", value = {
    "0 1 2", "yes no", "dead alive", "1 3", "0 2", "-1 0", "1 2 3", "TRUE no"})
  void anyOtherCodingIsAnErrorAskingForTheEventValue(String status) {
    EventCoding.AmbiguousCodingException e = assertThrows(EventCoding.AmbiguousCodingException.class,
        () -> EventCoding.of(values(status), Optional.empty()));
    assertTrue(e.hint().contains("--event-value"), e.getMessage());
    assertFalse(e.row().isPresent());
  }

  @Test
  void eventsFollowTheRuleRowByRowAndMissingIsNeither() {
    List<String> lung = values("2 1 NA 2 ");
    EventCoding c = EventCoding.of(lung, Optional.empty());
    assertArrayEquals(new boolean[] {true, false, false, true, false}, c.events(lung));
    assertTrue(c.isEvent(2.0));
    assertFalse(c.isEvent(1.0));
    assertThrows(IllegalArgumentException.class, () -> c.isEvent(Double.NaN));
  }

  @Test
  void aDeclaredValueWinsAndNumbersCompareAsNumbers() {
    EventCoding c = EventCoding.of(values("1 2 1"), Optional.of("1.0"));
    assertEquals(EventCoding.Rule.DECLARED, c.rule());
    assertArrayEquals(new boolean[] {true, false, true}, c.events(values("1 2 1")));
    EventCoding text = EventCoding.of(values("relapse censored"), Optional.of("relapse"));
    assertTrue(text.isEvent("relapse"));
    assertFalse(text.isEvent("censored"));
    assertTrue(EventCoding.of(new double[] {0, 1, Double.NaN}, Optional.empty()).isEvent(1));
  }

  @Test
  void aDeclaredValueMakesEveryOtherValueACensoringAsSurvWithStatusEqualsValue() {
    // as R's Surv(time, status == 2) on pbc's 0/1/2 status: 2 is the event, 0 and 1 are censored
    EventCoding coding = EventCoding.of(values("0 1 NA 2 1"), Optional.of("2"));
    assertTrue(coding.isEvent("2"));
    assertFalse(coding.isEvent("1"));
    assertFalse(coding.isEvent("0"));
    assertEquals(List.of("0", "1"), coding.censoredValues());
    assertEquals(List.of("1"), EventCoding.of(values("2 1"), Optional.of("2")).censoredValues());
    // without a declared value three values stay an error asking for --event-value
    assertTrue(assertThrows(EventCoding.AmbiguousCodingException.class,
        () -> EventCoding.of(values("0 1 2"), Optional.empty())).getMessage().contains("--event-value"));
  }

  @Test
  void aDeclaredValueAbsentFromAColumnOfTwoOrMoreValuesIsRefused() {
    assertThrows(EventCoding.AmbiguousCodingException.class,
        () -> EventCoding.of(values("0 1 2"), Optional.of("3")));
    assertThrows(EventCoding.AmbiguousCodingException.class,
        () -> EventCoding.of(values("yes no"), Optional.of("dead")));
    assertThrows(EventCoding.AmbiguousCodingException.class,
        () -> EventCoding.of(values("0 1"), Optional.of("yes")));
    // One value only: the declared event may be absent (a study with no events).
    assertFalse(EventCoding.of(values("no no"), Optional.of("yes")).isEvent("no"));
  }
}
