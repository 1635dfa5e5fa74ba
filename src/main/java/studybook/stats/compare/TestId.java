package studybook.stats.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The tests studybook runs, each with its contract name (as {@code --test var=NAME} and the JSON use it),
 * the footnote a report prints under a table, and the R call whose numbers it reproduces.
 */
public enum TestId {
  CHISQ("chisq", Kind.CATEGORICAL, "Pearson chi-square test without continuity correction",
      "chisq.test(table(x, g), correct = FALSE)"),
  CHISQ_YATES("chisq-yates", Kind.CATEGORICAL, "Pearson chi-square test with Yates continuity correction",
      "chisq.test(table(x, g), correct = TRUE)"),
  FISHER("fisher", Kind.CATEGORICAL, "Fisher exact test (two-sided)", "fisher.test(table(x, g))"),
  /** Fisher's test with a Monte-Carlo p: what {@code fisher} gives for a table beyond the exact algorithm's cap. */
  FISHER_SIMULATED("fisher-simulated", Kind.CATEGORICAL,
      "Fisher exact test (two-sided), Monte-Carlo p, B = " + FisherSimulated.B + ", seed " + FisherSimulated.SEED,
      "fisher.test(table(x, g), simulate.p.value = TRUE, B = " + FisherSimulated.B + ") (Monte-Carlo p, B = "
          + FisherSimulated.B + ", seed " + FisherSimulated.SEED + ")"),
  T("t", Kind.CONTINUOUS, "Student t-test (pooled variance)", "t.test(x ~ g, var.equal = TRUE)"),
  WELCH("welch", Kind.CONTINUOUS, "Welch t-test (unequal variances)", "t.test(x ~ g)"),
  MANN_WHITNEY("mann-whitney", Kind.CONTINUOUS,
      "Mann-Whitney U test (normal approximation with continuity and tie correction)",
      "wilcox.test(x ~ g, exact = FALSE)"),
  MANN_WHITNEY_EXACT("mann-whitney-exact", Kind.CONTINUOUS, "Mann-Whitney U test (exact distribution)",
      "wilcox.test(x ~ g, exact = TRUE)"),
  KRUSKAL("kruskal", Kind.CONTINUOUS, "Kruskal-Wallis rank sum test (tie-corrected)", "kruskal.test(x ~ g)"),
  ANOVA("anova", Kind.CONTINUOUS, "One-way analysis of variance (F test)", "oneway.test(x ~ g, var.equal = TRUE)");

  /** What a test compares across groups. */
  public enum Kind {
    CATEGORICAL,
    CONTINUOUS
  }

  private final String contractName;
  private final Kind kind;
  private final String footnote;
  private final String rCall;

  TestId(String contractName, Kind kind, String footnote, String rCall) {
    this.contractName = contractName;
    this.kind = kind;
    this.footnote = footnote;
    this.rCall = rCall;
  }

  /** The name in the CLI and JSON contract, e.g. "mann-whitney". */
  public String contractName() {
    return contractName;
  }

  /** Whether the test compares a categorical or a continuous variable. */
  public Kind kind() {
    return kind;
  }

  /** One sentence for a table footnote, e.g. "Pearson chi-square test without continuity correction". */
  public String footnote() {
    return footnote;
  }

  /** The R call whose statistic and p this test reproduces. */
  public String rCall() {
    return rCall;
  }

  /** Only two groups can be compared (t, Welch, Mann-Whitney). */
  public boolean twoGroupsOnly() {
    return this == T || this == WELCH || this == MANN_WHITNEY || this == MANN_WHITNEY_EXACT;
  }

  /** The test with this contract name (case-insensitive), if any. */
  public static Optional<TestId> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.contractName.equals(wanted)).findFirst();
  }

  /** Every contract name, in declaration order, for error messages. */
  public static java.util.List<String> names() {
    return Arrays.stream(values()).map(TestId::contractName).toList();
  }
}
