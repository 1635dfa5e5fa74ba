package studybook.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * A level of a categorical term in which every patient has the same outcome: no events (or, for a
 * binary outcome, no non-events). Its coefficient has no maximum-likelihood estimate (quasi-complete
 * separation in a logistic model, a monotone likelihood in a Cox model): the fit stops where the
 * iterations do, at an odds or hazard ratio near 0 or infinity with a p-value near 1, which a table
 * must never print as an estimate.
 *
 * @param term the indicator column, {@code variable=level}
 * @param patients the patients in the level (among the model's complete cases)
 * @param events how many of them had the event
 */
public record SeparatedLevel(String term, int patients, int events) {

  /**
   * The indicator columns ({@code variable=level}, 0/1) of {@code x} whose rows all have
   * {@code outcome} 0, or (when {@code binary}) all 1.
   */
  static List<SeparatedLevel> find(double[][] x, double[] outcome, List<String> columns, boolean binary) {
    List<SeparatedLevel> out = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      if (columns.get(j).indexOf('=') < 0) {
        continue;
      }
      int patients = 0;
      int events = 0;
      boolean indicator = true;
      for (int i = 0; i < x.length && indicator; i++) {
        double v = x[i][j];
        indicator = v == 0 || v == 1;
        if (v == 1) {
          patients++;
          events += outcome[i] == 1 ? 1 : 0;
        }
      }
      if (indicator && patients > 0 && (events == 0 || binary && events == patients)) {
        out.add(new SeparatedLevel(columns.get(j), patients, events));
      }
    }
    return List.copyOf(out);
  }

  /** "Parity: 3 vs 0 (1 patient, no events)". */
  String describe(String label) {
    String who = patients == 1 ? "1 patient" : patients + " patients";
    String what = events == 0 ? "no events" : patients == 1 ? "an event" : "all events";
    return label + " (" + who + ", " + what + ")";
  }
}
