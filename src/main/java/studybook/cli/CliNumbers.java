package studybook.cli;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The one number format of the commands' readable (non-JSON) output; the JSON documents print every
 * double in full ({@link Json#number}) as CONTRACT.md says, and never go through here.
 *
 * <p>Not the report's {@code NumberStyle}: that one follows a study's decimals settings and its journal's
 * typography (a true minus sign, its own decimal mark), where a terminal shows what R's {@code summary()}
 * shows, so a user can put the two side by side. What they share is the words for what is not a number:
 * "NA" and "Inf"/"-Inf".
 */
final class CliNumbers {
  private CliNumbers() {}

  /** An estimate, standard error or limit: 4 decimals, 3 significant digits below 0.001 or from 100,000 (as summary.glm). */
  static String estimate(double v) {
    if (!Double.isFinite(v)) {
      return notANumber(v);
    }
    double a = Math.abs(v);
    return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v) : fixed(v, 4);
  }

  /** A p-value of a model's term: 4 decimals, "<0.0001" below; "NA" when not computed. */
  static String modelP(double p) {
    return Double.isNaN(p) ? "NA" : p < 1e-4 ? "<0.0001" : fixed(p, 4);
  }

  /** A p-value of a descriptive comparison: 3 decimals, "<0.001" below; {@code missing} when not computed. */
  static String describeP(double p, String missing) {
    return Double.isNaN(p) ? missing : p < 0.001 ? "<0.001" : fixed(p, 3);
  }

  /** {@code places} decimals (Locale.ROOT, half-up), or {@code missing} for NaN. */
  static String fixed(double v, int places, String missing) {
    return Double.isNaN(v) ? missing : fixed(v, places);
  }

  /** {@code places} decimals (Locale.ROOT, half-up). */
  static String fixed(double v, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", v);
  }

  /** Six significant digits without trailing zeros (a median, a follow-up time); {@code absent} when there is none. */
  static String significant(OptionalDouble v, String absent) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.6g", v.getAsDouble()).replaceFirst("\\.?0+$", "")
        .replaceFirst("\\.?0+e", "e") : absent;
  }

  /** "NA" for NaN, "Inf" or "-Inf" for an infinity, as R prints them. */
  static String notANumber(double v) {
    return Double.isNaN(v) ? "NA" : v > 0 ? "Inf" : "-Inf";
  }
}
