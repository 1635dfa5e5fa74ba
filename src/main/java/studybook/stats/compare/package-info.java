/**
 * Group comparisons (chi-square, Fisher exact, t, Welch, Mann-Whitney, Kruskal-Wallis, one-way ANOVA), each
 * returning one immutable {@link studybook.stats.compare.TestResult} that names its {@link studybook.stats.compare.TestId}
 * and matches one R call. Pure computations on arrays; never formats or reads files.
 */
package studybook.stats.compare;
