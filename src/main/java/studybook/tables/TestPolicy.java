package studybook.tables;

import studybook.Names;
import studybook.StudybookException;
import studybook.data.SummaryStyle;
import studybook.data.VariableKind;
import studybook.stats.compare.ContingencyTests;
import studybook.stats.compare.TestId;

/**
 * The one place that picks the default test of a group comparison (CONTRACT.md): a categorical
 * variable gets Pearson's chi-square without continuity correction, or Fisher's exact test when any
 * expected count is below 5 (empty levels and groups left out; a table beyond the exact algorithm's cap gets
 * a Monte-Carlo p, {@link #fisherTooLarge}); a continuous variable gets Welch's t-test
 * for two groups and one-way ANOVA otherwise. A test the user names always wins, if it fits the variable.
 * A study table that declares how it summarises a continuous variable gets the test that matches
 * the summary ({@link #forSummary}).
 */
public final class TestPolicy {
  /** Expected counts below this send a categorical variable to Fisher's exact test. */
  public static final double MIN_EXPECTED = 5;

  static final String MIN_EXPECTED_TEXT = "5";

  /**
   * Below this many events per model parameter (the smaller outcome class per coefficient; Peduzzi et
   * al. 1996) a regression table adds Firth's penalized likelihood as a sensitivity analysis.
   */
  public static final double MIN_EVENTS_PER_PARAMETER = 10;

  static final String MIN_EVENTS_PER_PARAMETER_TEXT = "10";

  private TestPolicy() {}

  /**
   * Whether a logistic table fits Firth's model (profile limits and penalized LR tests cost far more
   * than the ML fit) beside the maximum-likelihood {@code ml} model: when the data are separated,
   * the ML fit did not converge, or there are fewer than {@link #MIN_EVENTS_PER_PARAMETER} events
   * (the smaller outcome class) per estimated coefficient; otherwise not, and the choice says why.
   */
  public static FirthChoice forFirth(ModelSummary ml) {
    int parameters = ml.terms().size() - ml.aliased().size();
    int smaller = Math.min(ml.events(), ml.n() - ml.events());
    double epv = parameters <= 0 ? Double.POSITIVE_INFINITY : (double) smaller / parameters;
    if (ml.separation()) {
      return new FirthChoice(FirthChoice.Decision.FITTED, FirthChoice.Rule.SEPARATION, epv);
    }
    if (!ml.converged()) {
      return new FirthChoice(FirthChoice.Decision.FITTED, FirthChoice.Rule.NOT_CONVERGED, epv);
    }
    return epv < MIN_EVENTS_PER_PARAMETER
        ? new FirthChoice(FirthChoice.Decision.FITTED, FirthChoice.Rule.FEW_EVENTS_PER_PARAMETER, epv)
        : new FirthChoice(FirthChoice.Decision.SKIPPED, FirthChoice.Rule.ENOUGH_EVENTS_PER_PARAMETER, epv);
  }

  /** The default test for counts[level][group]. */
  public static TestChoice forCategorical(long[][] counts) {
    double smallest = ContingencyTests.smallestExpected(counts);
    long[][] kept = ContingencyTests.dropEmpty(counts);
    int groups = kept.length == 0 ? 0 : kept[0].length;
    if (kept.length < 2 || groups < 2) {
      return new TestChoice(TestId.CHISQ, TestChoice.Rule.NOTHING_TO_TEST, smallest, groups);
    }
    return smallest < MIN_EXPECTED
        ? new TestChoice(TestId.FISHER, TestChoice.Rule.EXPECTED_BELOW_5, smallest, groups)
        : new TestChoice(TestId.CHISQ, TestChoice.Rule.EXPECTED_AT_LEAST_5, smallest, groups);
  }

  /** The default test for a continuous variable observed in {@code groupsWithValues} groups. */
  public static TestChoice forContinuous(int groupsWithValues) {
    return groupsWithValues == 2
        ? new TestChoice(TestId.WELCH, TestChoice.Rule.TWO_GROUPS, Double.NaN, 2)
        : new TestChoice(TestId.ANOVA, TestChoice.Rule.OTHER_GROUP_COUNT, Double.NaN, groupsWithValues);
  }

  /**
   * The test that matches how a table summarises a continuous variable, so the p-value speaks to
   * what the reader sees: a rank test (Mann-Whitney for two groups, Kruskal-Wallis otherwise) beside
   * a median (IQR), Welch's t-test or ANOVA beside a mean (SD); as gtsummary pairs them.
   */
  public static TestId forSummary(SummaryStyle style, int groups) {
    return switch (style) {
      case MEDIAN_IQR -> groups == 2 ? TestId.MANN_WHITNEY : TestId.KRUSKAL;
      case MEAN_SD -> groups == 2 ? TestId.WELCH : TestId.ANOVA;
    };
  }

  /**
   * The choice after the default Fisher test found the table beyond its exact algorithm's cap: Fisher's test with
   * a Monte-Carlo p ({@link TestId#FISHER_SIMULATED}), as R's {@code fisher.test(simulate.p.value = TRUE)}.
   */
  public static TestChoice fisherTooLarge(TestChoice fisher) {
    return new TestChoice(TestId.FISHER_SIMULATED, TestChoice.Rule.FISHER_TOO_LARGE, fisher.smallestExpected(),
        fisher.groups());
  }

  /** A test the user named, once checked against the variable's kind and the number of groups. */
  public static TestChoice requested(TestId test, String variable, VariableKind kind, String by, int groups) {
    return requested(test, variable, kind, by, groups, "--test " + variable + "=" + test.contractName());
  }

  /**
   * As {@link #requested(TestId, String, VariableKind, String, int)}, an error beginning with {@code said}: how
   * the author asked for the test, e.g. {@code --test age=welch} or {@code Table1.test("age", "welch")}.
   */
  public static TestChoice requested(TestId test, String variable, VariableKind kind, String by, int groups,
      String said) {
    boolean categorical = kind == VariableKind.CATEGORICAL;
    if (categorical != (test.kind() == TestId.Kind.CATEGORICAL)) {
      throw new StudybookException(said + ": " + test.contractName()
          + " compares a " + (categorical ? "continuous" : "categorical") + " variable, but '" + variable + "' is "
          + (categorical ? "categorical" : "continuous") + "; use one of " + namesOf(categorical));
    }
    if (test.twoGroupsOnly() && groups != 2) {
      throw new StudybookException(said + ": " + test.contractName()
          + " compares two groups, but '" + by + "' has " + groups + "; use kruskal or anova");
    }
    return new TestChoice(test, TestChoice.Rule.REQUESTED, Double.NaN, groups);
  }

  /** The test named {@code name} for {@code variable}, or an error listing the names there are. */
  public static TestId parse(String name, String variable) {
    return parse(name, variable, "--test " + variable + "=" + name);
  }

  /** As {@link #parse(String, String)}, an error beginning with {@code said}, how the author named the test. */
  public static TestId parse(String name, String variable, String said) {
    return TestId.byName(name).orElseThrow(() -> new StudybookException(said
        + ": unknown test '" + name + "'" + Names.didYouMean(name, TestId.names()) + " (tests: "
        + String.join(", ", TestId.names()) + ")"));
  }

  private static String namesOf(boolean categorical) {
    StringBuilder s = new StringBuilder();
    for (TestId t : TestId.values()) {
      if ((t.kind() == TestId.Kind.CATEGORICAL) == categorical) {
        s.append(s.length() == 0 ? "" : ", ").append(t.contractName());
      }
    }
    return s.toString();
  }
}
