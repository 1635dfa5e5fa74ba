package studybook.stats.compare;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of one group comparison.
 *
 * @param test the test that was run (names its footnote and R call)
 * @param statistic the test statistic (chi-square, t, W, H or F); empty for Fisher's exact test or when not computable
 * @param df degrees of freedom (the numerator ones for ANOVA; fractional for Welch); empty when the test has none
 * @param df2 the denominator degrees of freedom of ANOVA's F; empty otherwise
 * @param p the two-sided p-value; NaN when the test could not be computed
 * @param note why the p-value is NaN, or a caveat on what was run (e.g. the exact p was not available); empty otherwise
 */
public record TestResult(TestId test, OptionalDouble statistic, OptionalDouble df, OptionalDouble df2, double p,
    Optional<String> note) {
  public TestResult {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(df, "df");
    Objects.requireNonNull(df2, "df2");
    Objects.requireNonNull(note, "note");
  }

  static TestResult of(TestId test, double statistic, OptionalDouble df, OptionalDouble df2, double p) {
    return new TestResult(test, OptionalDouble.of(statistic), df, df2, p, Optional.empty());
  }

  /** A test that could not be computed on these data, and why (e.g. "one group has no values"). */
  public static TestResult notComputable(TestId test, String reason) {
    return new TestResult(test, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Double.NaN,
        Optional.of(reason));
  }

  /** Whether a p-value was computed. */
  public boolean computable() {
    return !Double.isNaN(p);
  }

  TestResult withNote(String text) {
    return new TestResult(test, statistic, df, df2, p, Optional.of(text));
  }
}
