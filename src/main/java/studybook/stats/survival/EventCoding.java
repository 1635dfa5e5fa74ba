package studybook.stats.survival;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import studybook.StudybookException;

/**
 * Which value of a survival status column marks an event, as R's {@code Surv(time, status)} reads a
 * status: values 0/1 mean 1 = event; values 1/2 mean 2 = event (as in {@code survival::lung}); logical
 * values TRUE/FALSE (as R's {@code read.csv} reads them: TRUE, true, True, T and their FALSE forms) mean
 * TRUE = event. Any other coding (text levels, three or more values such as 0/1/2, other numbers) is an
 * error asking for the event value: the rule never guesses.
 *
 * <p>A column holding one value only follows the same rule as R: all 0 is all censored, all 1 or all 2
 * is all events. With a declared event value the column is read as R's {@code Surv(time, status == value)}:
 * that value is the event and every other non-missing value is a censoring ({@link #censoredValues()},
 * which callers say in a note, since a competing event then counts as censored).
 *
 * <p>Numbers compare as numbers ("1", "1.0" and "1e0" are one value), so a status read as text
 * (a column named categorical) codes as the same column read as numbers.
 *
 * <pre>{@code
 * EventCoding coding = EventCoding.of(statusTextByRow, Optional.empty());   // "" or null = missing
 * boolean[] event = coding.events(statusTextByRow);
 * }</pre>
 */
public final class EventCoding {
  /** How the event value was chosen. */
  public enum Rule {
    /** The caller named the event value. */
    DECLARED("declared event value"),
    /** Values 0/1: 1 is the event (R's Surv). */
    ZERO_ONE("0/1 coding: 1 = event, as R's Surv"),
    /** Values 1/2: 2 is the event (R's Surv, survival::lung). */
    ONE_TWO("1/2 coding: 2 = event, as R's Surv"),
    /** Logical values: TRUE is the event (R's Surv). */
    LOGICAL("TRUE/FALSE coding: TRUE = event, as R's Surv");

    private final String description;

    Rule(String description) {
      this.description = description;
    }

    /** One phrase for messages and footnotes, e.g. "1/2 coding: 2 = event, as R's Surv". */
    public String description() {
      return description;
    }
  }

  /** A status column whose coding cannot be read; {@link #row()} locates the value when one value is to blame. */
  public static final class AmbiguousCodingException extends StudybookException {
    private final OptionalInt row;
    private final String value;
    private final String hint;

    AmbiguousCodingException(String message, OptionalInt row, String value, String hint) {
      super(message + "; " + hint);
      this.row = row;
      this.value = value;
      this.hint = hint;
    }

    /** The problem without the way out, for callers that locate it (file, line, column). */
    public String problem() {
      String m = getMessage();
      return m.substring(0, m.length() - hint.length() - 2);
    }

    /** The way out ("give the value that marks an event with --event-value"). */
    public String hint() {
      return hint;
    }

    /** The row (index into the values given) of the offending value, when one row is to blame. */
    public OptionalInt row() {
      return row;
    }

    /** The offending value, or {@code null} when the whole column is to blame. */
    public String value() {
      return value;
    }
  }

  private static final Set<String> TRUE_TOKENS = Set.of("TRUE", "true", "True", "T");
  private static final Set<String> FALSE_TOKENS = Set.of("FALSE", "false", "False", "F");
  private static final String HINT = "give the value that marks an event with --event-value";

  private final Rule rule;
  private final String eventValue;
  private final List<String> censoredValues;

  private EventCoding(Rule rule, String eventValue) {
    this(rule, eventValue, List.of());
  }

  private EventCoding(Rule rule, String eventValue, List<String> censoredValues) {
    this.rule = rule;
    this.eventValue = eventValue;
    this.censoredValues = List.copyOf(censoredValues);
  }

  /**
   * With a declared event value: the other non-missing values, read as censorings (numbers in numeric
   * order, text by code point), e.g. [0, 1] for pbc's status with event value 2; empty for an inferred coding.
   */
  public List<String> censoredValues() {
    return censoredValues;
  }

  /**
   * One note line when a declared event value leaves two or more other values censored (as
   * {@code Surv(time, status == value)}), e.g. "status: 2 = event; 0, 1 counted as censored"; empty otherwise.
   */
  public Optional<String> censoringNote(String column) {
    if (rule != Rule.DECLARED || censoredValues.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(column + ": " + eventValue + " = event; " + String.join(", ", censoredValues)
        + " counted as censored (as R's Surv(time, " + column + " == " + eventValue + "))");
  }

  private static int compareValues(String a, String b) {
    if (isNumber(a) && isNumber(b)) {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    }
    return a.compareTo(b);
  }

  private static String shown(List<String> distinct) {
    return distinct.size() > 6 ? String.join(", ", distinct.subList(0, 6)) + ", ..." : String.join(", ", distinct);
  }

  /**
   * Reads the coding of a status column.
   *
   * @param status the status of every row as text; {@code null}, empty or "NA" is missing
   * @param declared the value that marks an event, when the user named it
   * @throws AmbiguousCodingException when the coding is not one R's Surv reads and no value is declared,
   *     or the declared value is absent from a column of two or more values
   */
  public static EventCoding of(List<String> status, Optional<String> declared) {
    List<String> distinct = new ArrayList<>();
    Set<Object> keys = new LinkedHashSet<>();
    for (int r = 0; r < status.size(); r++) {
      String v = status.get(r);
      if (isMissing(v)) {
        continue;
      }
      if (keys.add(key(v.trim()))) {
        distinct.add(v.trim());
      }
    }
    if (declared.isPresent()) {
      String wanted = declared.get().trim();
      if (!distinct.isEmpty() && !isNumber(wanted) && distinct.stream().allMatch(EventCoding::isNumber)) {
        throw new AmbiguousCodingException("holds numbers but the event value is '" + wanted + "'",
            OptionalInt.empty(), null, "give the number that marks an event with --event-value");
      }
      if (distinct.size() >= 2 && !keys.contains(key(wanted))) {
        throw new AmbiguousCodingException("none of its values (" + shown(distinct)
            + ") is the event value '" + wanted + "'", OptionalInt.empty(), null, HINT);
      }
      List<String> others = new ArrayList<>();
      for (String v : distinct) {
        if (!key(v).equals(key(wanted))) {
          others.add(v);
        }
      }
      others.sort(EventCoding::compareValues);
      return new EventCoding(Rule.DECLARED, wanted, others);
    }
    return inferred(distinct);
  }

  /** As {@link #of(List, Optional)} for a status column of numbers (NaN is missing). */
  public static EventCoding of(double[] status, Optional<String> declared) {
    List<String> text = new ArrayList<>(status.length);
    for (double v : status) {
      text.add(Double.isNaN(v) ? null : number(v));
    }
    return of(text, declared);
  }

  private static EventCoding inferred(List<String> distinct) {
    if (!distinct.isEmpty() && distinct.stream().allMatch(v -> TRUE_TOKENS.contains(v) || FALSE_TOKENS.contains(v))) {
      return new EventCoding(Rule.LOGICAL, "TRUE");
    }
    if (distinct.stream().allMatch(EventCoding::isNumber)) {
      Set<Double> values = new LinkedHashSet<>();
      distinct.forEach(v -> values.add(Double.parseDouble(v) + 0.0));
      if (Set.of(0.0, 1.0).containsAll(values)) {
        return new EventCoding(Rule.ZERO_ONE, "1");
      }
      if (Set.of(1.0, 2.0).containsAll(values)) {
        return new EventCoding(Rule.ONE_TWO, "2");
      }
    }
    throw new AmbiguousCodingException("status values " + shown(distinct) + " are not a coding R's Surv reads "
        + "(0/1 with 1 = event, 1/2 with 2 = event, TRUE/FALSE)", OptionalInt.empty(), null, HINT);
  }

  /** How the event value was chosen. */
  public Rule rule() {
    return rule;
  }

  /** The value that marks an event ("1", "2", "TRUE" or the declared value). */
  public String eventValue() {
    return eventValue;
  }

  /** Whether a (non-missing) status marks an event. */
  public boolean isEvent(String value) {
    if (isMissing(value)) {
      throw new IllegalArgumentException("a missing status is neither event nor censoring");
    }
    String v = value.trim();
    if (rule == Rule.LOGICAL) {
      return TRUE_TOKENS.contains(v);
    }
    return key(v).equals(key(eventValue));
  }

  /** Whether a (non-missing) numeric status marks an event. */
  public boolean isEvent(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("a missing status is neither event nor censoring");
    }
    return isEvent(number(value));
  }

  /** The event flag of every row; a missing status gives {@code false} (callers leave such rows out). */
  public boolean[] events(List<String> status) {
    boolean[] out = new boolean[status.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = !isMissing(status.get(r)) && isEvent(status.get(r));
    }
    return out;
  }

  /** Whether a status is missing (null, empty, blank or NA), as the ad-hoc loader reads a cell. */
  public static boolean isMissing(String value) {
    return value == null || value.isBlank() || value.equals("NA");
  }

  /** "event: status = 2 (1/2 coding: 2 = event, as R's Surv)", for messages and footnotes. */
  public String describe(String column) {
    String censored = rule == Rule.DECLARED && censoredValues.size() >= 2
        ? "; " + String.join(", ", censoredValues) + " counted as censored" : "";
    return String.format(Locale.ROOT, "event: %s = %s (%s%s)", column, eventValue, rule.description(), censored);
  }

  @Override
  public String toString() {
    return rule + " " + eventValue;
  }

  private static Object key(String v) {
    return isNumber(v) ? (Object) (Double.parseDouble(v) + 0.0) : v;
  }

  private static boolean isNumber(String v) {
    if (v.isEmpty() || !(Character.isDigit(v.charAt(v.length() - 1)) || v.charAt(v.length() - 1) == '.')) {
      return false;
    }
    try {
      return Double.isFinite(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
