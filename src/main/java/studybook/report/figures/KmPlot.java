package studybook.report.figures;

import java.util.List;
import java.util.Objects;

/**
 * What a Kaplan-Meier figure shows.
 *
 * @param title the accessible name of the figure
 * @param timeLabel x axis label without its unit, e.g. "Time since resection"
 * @param timeUnit the unit of the times, e.g. "months"; printed in parentheses after the label
 * @param survivalLabel y axis label without its unit, e.g. "Recurrence-free survival"; "(%)" is added
 * @param curves one per group, in legend order
 * @param band whether to shade the confidence band
 * @param logRankP the log-rank p across the groups, printed in the legend; empty for none
 * @param logRankNotComputable why a log-rank test that was run has no p (e.g. no events), said in the legend
 *     instead of a p; empty when the test was computed or not run
 */
public record KmPlot(String title, String timeLabel, String timeUnit, String survivalLabel, List<KmCurve> curves,
    ConfidenceBand band, java.util.OptionalDouble logRankP, java.util.Optional<String> logRankNotComputable) {

  /** A figure with a log-rank p, or none. */
  public KmPlot(String title, String timeLabel, String timeUnit, String survivalLabel, List<KmCurve> curves,
      ConfidenceBand band, java.util.OptionalDouble logRankP) {
    this(title, timeLabel, timeUnit, survivalLabel, curves, band, logRankP, java.util.Optional.empty());
  }

  /** A figure without a log-rank p. */
  public KmPlot(String title, String timeLabel, String timeUnit, String survivalLabel, List<KmCurve> curves,
      ConfidenceBand band) {
    this(title, timeLabel, timeUnit, survivalLabel, curves, band, java.util.OptionalDouble.empty());
  }

  public KmPlot {
    Objects.requireNonNull(logRankP, "logRankP");
    Objects.requireNonNull(logRankNotComputable, "logRankNotComputable");
    if (logRankP.isPresent() && logRankNotComputable.isPresent()) {
      throw new IllegalArgumentException("a log-rank p is either given or said not computable, not both");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(timeLabel, "timeLabel");
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(survivalLabel, "survivalLabel");
    Objects.requireNonNull(band, "band");
    curves = List.copyOf(curves);
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("a Kaplan-Meier figure needs at least one curve");
    }
  }

  /**
   * The Kaplan-Meier curves of a survival spec, one per group (R's {@code survfit(Surv(time, status)
   * ~ group)} with log limits), labelled from the frame's codebook: the time axis by the time
   * column's label and unit, each curve by its group level's label; the band shaded; with groups, the
   * log-rank p (survdiff) in the legend, or, when the test cannot be computed (no events), why not. On either
   * engine: the curves, numbers at risk, censor ticks and the test are read from the events and censorings per group
   * and distinct time ({@link studybook.data.Surv#counts}), so a frame on Spark gives the same figure.
   *
   * @param data the patients
   * @param surv the spec, with {@code .by(group)} for one curve per group
   * @param survivalLabel the y axis, e.g. "Overall survival"
   */
  public static KmPlot of(studybook.data.Frame data, studybook.data.Surv surv, String survivalLabel) {
    // The events and censorings per group and distinct time, counted once on whichever engine holds the rows (as
    // KmTable.of counts them; a table and a figure of the same outcome on the same frame share the count); the
    // curves and the log-rank test are both read from the counts.
    studybook.data.SurvivalCounts s = surv.counts(data);
    studybook.stats.survival.TimeCounts counts = s.byGroup();
    if (s.groupColumn() == null) {
      counts = new studybook.stats.survival.TimeCounts(List.of("All patients"), counts.times(), counts.events(),
          counts.censored());
    }
    List<studybook.stats.survival.KaplanMeierCurve> fits = studybook.stats.survival.KaplanMeier.withDefaults()
        .fit(counts);
    studybook.data.Codebook cb = data.codebook();
    List<KmCurve> curves = new java.util.ArrayList<>();
    for (studybook.stats.survival.KaplanMeierCurve c : fits) {
      String label = s.groupColumn() == null ? c.group() : cb.levelLabel(s.groupColumn(), c.group());
      curves.add(new KmCurve(label, c.time(), c.atRisk(), c.events(), c.censored(), c.survival(), c.lower(),
          c.upper()));
    }
    String title = survivalLabel + (s.groupColumn() == null ? "" : " by " + cb.label(s.groupColumn())
        .toLowerCase(java.util.Locale.ROOT));
    java.util.OptionalDouble p = java.util.OptionalDouble.empty();
    java.util.Optional<String> why = java.util.Optional.empty();
    if (s.groupColumn() != null) {
      studybook.stats.survival.LogRankTest lr = studybook.stats.survival.LogRank.test(counts);
      p = lr.p();
      why = lr.notComputable();
    }
    return new KmPlot(title, cb.label(s.timeColumn()), cb.unit(s.timeColumn()), survivalLabel, curves,
        ConfidenceBand.SHOWN, p, why);
  }
}
