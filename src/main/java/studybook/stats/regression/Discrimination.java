package studybook.stats.regression;

import java.util.Arrays;

/** How well fitted probabilities separate events from non-events. */
public final class Discrimination {
  private Discrimination() {}

  /**
   * The c-statistic (area under the ROC curve): the probability that a random event has a higher
   * fitted probability than a random non-event, ties counting one half; Mann-Whitney form, as
   * pROC::auc / Hmisc::somers2's C.
   */
  public static double cStatistic(double[] fitted, double[] y) {
    if (fitted.length != y.length) {
      throw new IllegalArgumentException("one fitted value per outcome expected");
    }
    int n = fitted.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(fitted[a], fitted[b]));
    // mid-ranks of the fitted values, then the rank-sum of the events (Mann-Whitney U)
    double rankSumEvents = 0;
    long events = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && fitted[order[j + 1]] == fitted[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (y[order[k]] == 1) {
          rankSumEvents += midRank;
          events++;
        }
      }
      i = j + 1;
    }
    long nonEvents = n - events;
    if (events == 0 || nonEvents == 0) {
      return Double.NaN;
    }
    return (rankSumEvents - events * (events + 1) / 2.0) / ((double) events * nonEvents);
  }
}
