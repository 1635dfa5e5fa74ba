package studybook.stats.survival;

import java.util.List;
import java.util.Objects;
import studybook.RowLevel;

/**
 * One group's cumulative incidence with competing risks, as survival::survfit keeps a multi-state
 * curve: parallel lists with one entry per distinct observed time (event of either kind or censoring,
 * no time 0 unless someone was observed at 0). The lists are {@link RowLevel} (with distinct times they
 * hold every patient's time and status): results.json gets their size and hash.
 *
 * @param group the group this curve describes ("all" when there are no groups)
 * @param n the patients in the group
 * @param events events of interest in the group
 * @param competingEvents competing events (of any kind) in the group
 * @param time the distinct observed times, increasing
 * @param atRisk the number at risk just before each time (survfit's n.risk)
 * @param incidence the Aalen-Johansen cumulative incidence of the event of interest just after each time
 * @param competingIncidence the summed cumulative incidence of the competing events just after each time
 */
public record CumulativeIncidenceCurve(String group, int n, int events, int competingEvents, @RowLevel List<Double> time,
    @RowLevel List<Integer> atRisk, @RowLevel List<Double> incidence, @RowLevel List<Double> competingIncidence) {

  /** The method in one line, for footnotes. */
  public static final String METHOD = "Aalen-Johansen cumulative incidence; as survival::survfit(Surv(time, "
      + "factor(status)) ~ group)";

  public CumulativeIncidenceCurve {
    Objects.requireNonNull(group, "group");
    time = List.copyOf(time);
    atRisk = List.copyOf(atRisk);
    incidence = List.copyOf(incidence);
    competingIncidence = List.copyOf(competingIncidence);
    int size = time.size();
    for (List<?> l : List.of(atRisk, incidence, competingIncidence)) {
      if (l.size() != size) {
        throw new IllegalArgumentException("one value per time expected");
      }
    }
  }

  /** The incidence of the event of interest at time t (a step function, right-continuous; 0 before the first time). */
  public double incidenceAt(double t) {
    return stepAt(incidence, t, 0.0);
  }

  /** The summed competing incidence at time t. */
  public double competingIncidenceAt(double t) {
    return stepAt(competingIncidence, t, 0.0);
  }

  /** The number at risk at time t: those whose observed time is t or later. */
  public int atRiskAt(double t) {
    for (int i = 0; i < time.size(); i++) {
      if (time.get(i) >= t) {
        return atRisk.get(i);
      }
    }
    return 0;
  }

  private double stepAt(List<Double> values, double t, double before) {
    double v = before;
    for (int i = 0; i < time.size() && time.get(i) <= t; i++) {
      v = values.get(i);
    }
    return v;
  }
}
