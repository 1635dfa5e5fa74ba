package studybook.tables;

import java.util.Locale;
import studybook.data.Condition;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;

/**
 * A landmark analysis: follow-up restarted at a fixed time after the origin, so that an exposure known by
 * then (e.g. response to treatment at 6 months) can be compared without immortal-time bias. The rows with
 * {@code time < landmark} leave (the patients no longer followed at the landmark), and the time of those
 * that stay is measured from the landmark ({@code time - landmark}); a row with a missing time leaves too and
 * is counted apart. As R's
 * {@code coxph(Surv(time - L, status) ~ ..., data = subset(d, time >= L))}; the exposure must be the one
 * known at the landmark, which is the author's part.
 *
 * <pre>{@code
 * Landmark lm = Landmark.of(data, "followup_months", 6);
 * HazardRatioTable.of("landmark6", lm.frame(), codebook, CoxOutcome.of("followup_months", "death"), ...);
 * String methods = lm.methodsSentence();
 * }</pre>
 *
 * @param frame the rows at risk at the landmark, their time measured from it (same column name)
 * @param time the time column
 * @param landmark the landmark time, on the scale of the time column
 * @param rowsBefore the rows of the frame given
 * @param endedBefore rows left out because their follow-up ended before the landmark
 * @param missingTime rows left out because their time is missing
 */
public record Landmark(Frame frame, String time, double landmark, int rowsBefore, int endedBefore, int missingTime) {

  /** The landmark data set of {@code data} at {@code landmark} on the scale of {@code time}. */
  public static Landmark of(Frame data, String time, double landmark) {
    data.requireColumn(time);
    if (data.kind(time) != VariableKind.CONTINUOUS) {
      throw new DataException(new DataProblem(data.source(), 1, time, null, "the survival time must be a number",
          "a landmark is a time on the scale of this column"));
    }
    if (!Double.isFinite(landmark)) {
      throw new IllegalArgumentException("the landmark must be a finite time, not " + landmark);
    }
    Frame kept = data.where(Condition.atLeast(time, landmark));
    int missing = kept.droppedAsMissing();
    double[] t = kept.values(time);
    double[] shifted = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      shifted[i] = t[i] - landmark;
    }
    Frame out = kept.withContinuous(time, shifted);
    return new Landmark(out, time, landmark, data.rowCount(), data.rowCount() - kept.rowCount() - missing, missing);
  }

  /** The methods sentence, e.g. "Landmark analysis at 6 months: 12 patients whose follow-up ended earlier ...". */
  public String methodsSentence() {
    return String.format(Locale.ROOT, "Landmark analysis at %s (%s): the %d rows whose follow-up ended before it were "
        + "left out%s, and the time of the remaining %d was measured from the landmark.", number(landmark), time,
        endedBefore, missingTime > 0 ? " (and " + missingTime + " with a missing time)" : "", frame.rowCount());
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
