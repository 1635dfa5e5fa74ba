package studybook.tables;

import java.util.Locale;
import java.util.Objects;
import studybook.stats.compare.TestId;

/**
 * The test chosen for one variable and why.
 *
 * @param test the test to run
 * @param rule the rule of {@link TestPolicy} that picked it
 * @param smallestExpected the smallest expected count of the contingency table (NaN when not a
 *     categorical default or not computable)
 * @param groups how many groups have values
 */
public record TestChoice(TestId test, Rule rule, double smallestExpected, int groups) {
  /** The rules {@link TestPolicy} applies, in the words a footnote uses. */
  public enum Rule {
    /** The user named the test (--test, or the study's analysis code). */
    REQUESTED,
    /** The test that matches the variable's summary (mean ± SD: Welch or ANOVA; median (IQR): Mann-Whitney or Kruskal-Wallis). */
    SUMMARY,
    /** Categorical, every expected count at least 5: chi-square. */
    EXPECTED_AT_LEAST_5,
    /** Categorical, some expected count below 5: Fisher's exact test. */
    EXPECTED_BELOW_5,
    /** Categorical, some expected count below 5, table beyond the exact algorithm's cap: Monte-Carlo Fisher. */
    FISHER_TOO_LARGE,
    /** Categorical with fewer than two levels or groups observed: nothing to test. */
    NOTHING_TO_TEST,
    /** Continuous, two groups: Welch. */
    TWO_GROUPS,
    /** Continuous, more (or fewer) than two groups: ANOVA. */
    OTHER_GROUP_COUNT
  }

  public TestChoice {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * Why this test, as one sentence, e.g. "Fisher: smallest expected count 2.3 < 5". The count is
   * rounded to one decimal only to explain the choice; the raw value is {@link #smallestExpected()}.
   */
  public String reason() {
    String name = test.contractName();
    return switch (rule) {
      case REQUESTED -> name + ": requested";
      case SUMMARY -> name + ": matches the variable's summary (" + (test == TestId.WELCH || test == TestId.ANOVA
          ? "mean ± SD" : "median (IQR)") + ")";
      case EXPECTED_AT_LEAST_5 -> String.format(Locale.ROOT, "%s: smallest expected count %.1f >= %s", name,
          smallestExpected, TestPolicy.MIN_EXPECTED_TEXT);
      case EXPECTED_BELOW_5 -> String.format(Locale.ROOT, "%s: smallest expected count %.1f < %s", name,
          smallestExpected, TestPolicy.MIN_EXPECTED_TEXT);
      case FISHER_TOO_LARGE -> String.format(Locale.ROOT,
          "%s: smallest expected count %.1f < %s, but the table is beyond the exact algorithm's cap", name,
          smallestExpected, TestPolicy.MIN_EXPECTED_TEXT);
      case NOTHING_TO_TEST -> name + ": fewer than two levels or groups observed, nothing to test";
      case TWO_GROUPS -> name + ": continuous variable, two groups";
      case OTHER_GROUP_COUNT -> name + ": continuous variable, " + groups + " groups";
    };
  }
}
