package studybook.stats.survival;

/** Checks shared by the estimators; the command line reports bad data first, with its line. */
final class SurvivalInput {
  private SurvivalInput() {}

  static void check(double[] time, boolean[] event) {
    if (time.length != event.length) {
      throw new IllegalArgumentException("one event flag per time expected");
    }
    for (double t : time) {
      if (!Double.isFinite(t) || t < 0) {
        throw new IllegalArgumentException("survival times must be finite and not negative, not " + t);
      }
    }
  }

  static void check(double[] time, boolean[] event, int[] group, int groups) {
    check(time, event);
    if (group.length != time.length) {
      throw new IllegalArgumentException("one group per time expected");
    }
    for (int g : group) {
      if (g < 0 || g >= groups) {
        throw new IllegalArgumentException("group index " + g + " outside 0.." + (groups - 1));
      }
    }
  }
}
