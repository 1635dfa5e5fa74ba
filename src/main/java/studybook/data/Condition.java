package studybook.data;

import java.util.List;
import java.util.Locale;
import studybook.StudybookException;

/**
 * A condition on the rows of a {@link Frame}, written with column and level names and evaluated
 * with missing as a third truth value, as R's logical operators ({@link Truth}). It reads like the
 * methods section that declares it:
 *
 * <pre>{@code
 * import static studybook.data.Condition.*;
 *
 * static final Condition CURATIVE = allOf(below("tumor_size_mm", 10), is("grade", "G1"),
 *     is("depth", "mucosa", "submucosa"), is("lvi", "negative"), is("resection_margin", "negative"));
 *
 * Frame nonCurative = studyData.where(not(CURATIVE));   // as dplyr::filter(!curative)
 * }</pre>
 *
 * <p>A comparison with a missing value is NA ({@code x < 10} with {@code x} missing, as in R); so is
 * {@link #is} ({@code x == "a" | x == "b"}, not R's {@code %in%}, which says FALSE for NA). Only
 * {@link #isMissing} and {@link #notMissing} are never NA. {@link #allOf} is R's {@code &}, {@link
 * #anyOf} R's {@code |}, {@link #not} R's {@code !}.
 *
 * <p>Every name is checked when the condition meets a frame: an unknown column or level throws an
 * {@link UnknownNameException} naming the choices, the nearest name and the line of the analysis
 * script that wrote it; it never silently matches nobody. A condition describes itself for the
 * methods text with the frame's labels ({@link #describe(Frame)}).
 *
 * <p>Conditions are immutable values; build them once (a {@code static final} field) and reuse them.
 */
public sealed interface Condition {

  /** The truth of this condition for every row of {@code frame}; checks every name first. */
  default Truth[] test(Frame frame) {
    byte[] t = truths(frame);
    Truth[] out = new Truth[t.length];
    for (int r = 0; r < t.length; r++) {
      out[r] = t[r] == TRUE ? Truth.TRUE : t[r] == FALSE ? Truth.FALSE : Truth.NA;
    }
    return out;
  }

  /**
   * As {@link #test(Frame)}, one byte a row: {@link #TRUE}, {@link #FALSE} or {@link #NA}. The verbs
   * ({@link Frame#where(Condition)}, {@link Frame#count(Condition)}, {@link Frame#withFactor}) use this
   * primitive form; a fresh array the caller may modify.
   */
  byte[] truths(Frame frame);

  /** A row's truth in {@link #truths(Frame)}: TRUE. */
  byte TRUE = 1;
  /** A row's truth in {@link #truths(Frame)}: FALSE. */
  byte FALSE = 0;
  /** A row's truth in {@link #truths(Frame)}: NA (a value it needs is missing). */
  byte NA = -1;

  /** The condition for people with the frame's labels, e.g. "tumour size &lt; 10 mm and WHO grade is G1". */
  String describe(Frame frame);

  /** The condition with the column and level names as written, e.g. "tumor_size_mm &lt; 10 and grade is G1". */
  default String describe() {
    return describe(null);
  }

  /** This condition and {@code other} (R's {@code &}). */
  default Condition and(Condition other) {
    return allOf(this, other);
  }

  /** This condition or {@code other} (R's {@code |}). */
  default Condition or(Condition other) {
    return anyOf(this, other);
  }

  // ---------------------------------------------------------------- factories

  /** The categorical column holds one of {@code levels} ({@code col == a | col == b}); NA where it is missing. */
  static Condition is(String column, String... levels) {
    return new Levels(column, List.of(levels), false, Written.at());
  }

  /** The categorical column holds none of {@code levels}; NA where it is missing. */
  static Condition isNot(String column, String... levels) {
    return new Levels(column, List.of(levels), true, Written.at());
  }

  /** The number is below {@code x} ({@code col < x}); NA where it is missing. */
  static Condition below(String column, double x) {
    return new Compare(column, Op.BELOW, x, x, Written.at());
  }

  /** The number is at most {@code x} ({@code col <= x}); NA where it is missing. */
  static Condition atMost(String column, double x) {
    return new Compare(column, Op.AT_MOST, x, x, Written.at());
  }

  /** The number is above {@code x} ({@code col > x}); NA where it is missing. */
  static Condition above(String column, double x) {
    return new Compare(column, Op.ABOVE, x, x, Written.at());
  }

  /** The number is at least {@code x} ({@code col >= x}); NA where it is missing. */
  static Condition atLeast(String column, double x) {
    return new Compare(column, Op.AT_LEAST, x, x, Written.at());
  }

  /** The number lies in {@code [low, high]}, both ends included, as dplyr::between; NA where it is missing. */
  static Condition between(String column, double low, double high) {
    if (!(low <= high)) {
      throw new StudybookException(Written.at() + ": between(\"" + column + "\", " + low + ", " + high
          + ") needs low <= high");
    }
    return new Compare(column, Op.BETWEEN, low, high, Written.at());
  }

  /** The value is missing (R's {@code is.na}); never NA. */
  static Condition isMissing(String column) {
    return new Missing(column, false, Written.at());
  }

  /** The value is recorded ({@code !is.na}); never NA. */
  static Condition notMissing(String column) {
    return new Missing(column, true, Written.at());
  }

  /** Every condition holds (R's {@code &}): FALSE if any is FALSE, else NA if any is NA. */
  static Condition allOf(Condition... conditions) {
    return new All(List.of(conditions));
  }

  /** At least one condition holds (R's {@code |}): TRUE if any is TRUE, else NA if any is NA. */
  static Condition anyOf(Condition... conditions) {
    return new Any(List.of(conditions));
  }

  /** The negation (R's {@code !}): NA stays NA. */
  static Condition not(Condition condition) {
    return new Not(condition);
  }

  // ---------------------------------------------------------------- the kinds of condition

  /** How a number is compared. */
  enum Op {
    BELOW("<"), AT_MOST("≤"), ABOVE(">"), AT_LEAST("≥"), BETWEEN("between");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A categorical column among (or, negated, outside) some levels. */
  record Levels(String column, List<String> levels, boolean negated, String writtenAt) implements Condition {
    public Levels {
      levels = List.copyOf(levels);
      if (levels.isEmpty()) {
        throw new StudybookException(Written.where(writtenAt) + "is(\"" + column + "\") needs at least one level");
      }
    }

    @Override
    public byte[] truths(Frame frame) {
      Written.requireKind(frame, column, VariableKind.CATEGORICAL, negated ? "isNot" : "is", writtenAt);
      List<String> all = frame.levels(column);
      boolean[] wanted = new boolean[all.size()];
      for (String level : levels) {
        int i = all.indexOf(level);
        if (i < 0) {
          throw new UnknownNameException(UnknownNameException.Kind.LEVEL, level, column, all, writtenAt);
        }
        wanted[i] = true;
      }
      byte[] byCode = new byte[all.size()];
      for (int i = 0; i < byCode.length; i++) {
        byCode[i] = wanted[i] != negated ? TRUE : FALSE;
      }
      int[] codes = frame.codeView(column);
      byte[] out = new byte[codes.length];
      for (int r = 0; r < codes.length; r++) {
        out[r] = codes[r] < 0 ? NA : byCode[codes[r]];
      }
      return out;
    }

    @Override
    public String describe(Frame frame) {
      List<String> shown = levels.stream().map(l -> Written.levelLabel(frame, column, l)).toList();
      String name = Written.label(frame, column);
      if (!negated) {
        return name + " is " + Written.list(shown, "or");
      }
      if (shown.size() == 1) {
        return name + " is not " + shown.get(0);
      }
      return name + (shown.size() == 2 ? " is neither " + shown.get(0) + " nor " + shown.get(1)
          : " is none of " + String.join(", ", shown));
    }
  }

  /** A number compared with a threshold (or, for {@link Op#BETWEEN}, with two). */
  record Compare(String column, Op op, double x, double high, String writtenAt) implements Condition {
    @Override
    public byte[] truths(Frame frame) {
      Written.requireKind(frame, column, VariableKind.CONTINUOUS, op.name().toLowerCase(Locale.ROOT), writtenAt);
      double[] v = frame.valueView(column);
      byte[] out = new byte[v.length];
      for (int r = 0; r < v.length; r++) {
        double a = v[r];
        boolean holds = switch (op) {
          case BELOW -> a < x;
          case AT_MOST -> a <= x;
          case ABOVE -> a > x;
          case AT_LEAST -> a >= x;
          case BETWEEN -> a >= x && a <= high;
        };
        out[r] = Double.isNaN(a) ? NA : holds ? TRUE : FALSE;
      }
      return out;
    }

    @Override
    public String describe(Frame frame) {
      String unit = frame == null || !frame.has(column) ? "" : frame.variable(column).unit();
      String u = unit.isEmpty() ? "" : unit.equals("%") ? "%" : " " + unit;
      String name = Written.label(frame, column);
      if (op == Op.BETWEEN) {
        return name + " between " + Written.number(x) + " and " + Written.number(high) + u;
      }
      return name + " " + op.symbol + " " + Written.number(x) + u;
    }
  }

  /** Whether a value is missing (never NA). */
  record Missing(String column, boolean negated, String writtenAt) implements Condition {
    @Override
    public byte[] truths(Frame frame) {
      Written.requireColumn(frame, column, writtenAt);
      byte[] out = new byte[frame.rowCount()];
      if (frame.kind(column) == VariableKind.CATEGORICAL) {
        int[] c = frame.codeView(column);
        for (int r = 0; r < out.length; r++) {
          out[r] = (c[r] < 0) != negated ? TRUE : FALSE;
        }
      } else {
        double[] v = frame.valueView(column);
        for (int r = 0; r < out.length; r++) {
          out[r] = Double.isNaN(v[r]) != negated ? TRUE : FALSE;
        }
      }
      return out;
    }

    @Override
    public String describe(Frame frame) {
      return Written.label(frame, column) + (negated ? " is recorded" : " is missing");
    }
  }

  /** Every part holds. */
  record All(List<Condition> parts) implements Condition {
    public All {
      parts = partsOf(parts, "allOf");
    }

    @Override
    public byte[] truths(Frame frame) {
      return fold(parts, frame, FALSE);
    }

    @Override
    public String describe(Frame frame) {
      return joined(parts, frame, " and ", Any.class);
    }
  }

  /** At least one part holds. */
  record Any(List<Condition> parts) implements Condition {
    public Any {
      parts = partsOf(parts, "anyOf");
    }

    @Override
    public byte[] truths(Frame frame) {
      return fold(parts, frame, TRUE);
    }

    @Override
    public String describe(Frame frame) {
      return joined(parts, frame, " or ", All.class);
    }
  }

  /** The parts of {@code allOf}/{@code anyOf} ({@code verb}), copied; none is an error at the author's line. */
  private static List<Condition> partsOf(List<Condition> parts, String verb) {
    List<Condition> copy = List.copyOf(parts);
    if (copy.isEmpty()) {
      throw new StudybookException(Written.at() + ": " + verb + "() needs at least one condition");
    }
    return copy;
  }

  /**
   * R's three-valued AND ({@code dominant} FALSE) or OR ({@code dominant} TRUE) of the parts, row by row:
   * the dominant value wins, then NA, then the other value.
   */
  private static byte[] fold(List<Condition> parts, Frame frame, byte dominant) {
    byte other = dominant == FALSE ? TRUE : FALSE;
    byte[] out = null;
    for (Condition c : parts) {
      byte[] t = c.truths(frame);
      if (out == null) {
        out = t;
      } else {
        for (int r = 0; r < out.length; r++) {
          byte a = out[r];
          byte b = t[r];
          out[r] = a == dominant || b == dominant ? dominant : a == NA || b == NA ? NA : other;
        }
      }
    }
    return out;
  }

  /** The parts described and joined by {@code word}, a part of the other kind in brackets. */
  private static String joined(List<Condition> parts, Frame frame, String word,
      Class<? extends Condition> bracketed) {
    return String.join(word, parts.stream().map(c -> bracketed.isInstance(c) ? "(" + c.describe(frame) + ")"
        : c.describe(frame)).toList());
  }

  /** The negation. */
  record Not(Condition part) implements Condition {
    @Override
    public byte[] truths(Frame frame) {
      byte[] t = part.truths(frame);
      for (int r = 0; r < t.length; r++) {
        t[r] = t[r] == NA ? NA : t[r] == TRUE ? FALSE : TRUE;
      }
      return t;
    }

    @Override
    public String describe(Frame frame) {
      return "not (" + part.describe(frame) + ")";
    }
  }
}
