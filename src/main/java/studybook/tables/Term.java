package studybook.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studybook.StudybookException;
import studybook.data.CodebookVariable;

/**
 * A model term as an author names it, optionally rescaled: {@code Term.of("age").per(10)} enters the
 * design as {@code age / 10}, so its odds ratio is per 10 years, as R's {@code I(age / 10)}. The
 * coefficient keeps the variable's name; the label says the scale ("Age, per 10 years"). Rescaling a
 * categorical term is an error when the design is built.
 *
 * @param variable the column
 * @param per the unit of the estimate in the column's units (1 = per unit, as stored)
 */
public record Term(String variable, double per) {
  public Term {
    if (!(per > 0) || Double.isInfinite(per)) {
      throw new StudybookException("term '" + variable + "': per(" + per + ") must be a positive number");
    }
  }

  /** The variable as stored (per one unit). */
  public static Term of(String variable) {
    return new Term(variable, 1);
  }

  /** Each variable as stored. */
  public static List<Term> of(List<String> variables) {
    return variables.stream().map(Term::of).toList();
  }

  /** This term per {@code units} of the variable, e.g. {@code per(10)} for "per 10 years". */
  public Term per(double units) {
    return new Term(variable, units);
  }

  /** Whether the term is rescaled. */
  public boolean rescaled() {
    return per != 1;
  }

  /** The variables of some terms, in order. */
  public static List<String> variables(List<Term> terms) {
    return terms.stream().map(Term::variable).toList();
  }

  /** The divisor of every rescaled term. */
  static Map<String, Double> scales(List<Term> terms) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Term t : terms) {
      if (t.rescaled()) {
        out.put(t.variable(), t.per());
      }
    }
    return out;
  }

  /**
   * "Age, per 10 years", "Tumour size, per mm" or "Score, per unit": the label of a continuous term
   * with its codebook entry (null: the variable's name).
   */
  public String label(CodebookVariable v) {
    String name = v == null ? variable : v.label();
    String unit = v == null ? "" : v.unit();
    if (!rescaled()) {
      if (unit.isEmpty()) {
        return name + ", per unit";
      }
      return name + ", per " + (unit.endsWith("s") && unit.length() > 2 ? unit.substring(0, unit.length() - 1) : unit);
    }
    String amount = per == Math.rint(per) && per < 1e15 ? Long.toString((long) per) : Double.toString(per);
    return name + ", per " + amount + " " + (unit.isEmpty() ? "units" : unit);
  }

  @Override
  public String toString() {
    return rescaled() ? String.format(Locale.ROOT, "I(%s / %s)", variable, per) : variable;
  }
}
