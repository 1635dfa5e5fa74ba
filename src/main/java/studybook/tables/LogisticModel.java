package studybook.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studybook.data.Frame;
import studybook.data.FramePlan;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;

/**
 * One logistic model of a regression table, wherever the frame's rows are: its design's columns, the rows it left
 * out, the levels in which every patient has the same outcome, and its fits. A frame of arrays builds the
 * {@link DesignMatrix}; a planned frame ({@link Frame#plan()}) keeps the design on its engine
 * ({@link FramePlan#logisticDesign}) and gets the same checks and errors from the engine's counts (the outcome's
 * distinct values, the complete cases per level, whether a number varies), so a table reads the same on both.
 */
abstract class LogisticModel implements AutoCloseable {
  /** The design's column names: "(Intercept)", then each term's. */
  abstract List<String> columns();

  /** Each term's column indices. */
  abstract Map<String, int[]> terms();

  /** Rows left out for a missing outcome or term value. */
  abstract int excluded();

  /** The levels with no events or no non-events among the complete cases, in column order. */
  abstract List<SeparatedLevel> separatedLevels();

  abstract LogisticFit fit(LogisticRegression regression);

  /** The summary of the fit by {@code regression}. */
  ModelSummary summary(LogisticRegression regression) {
    return ModelSummary.of(fit(regression), excluded(), separatedLevels());
  }

  @Override
  public void close() {}

  /** The model of {@code outcome == event} on {@code terms} over {@code data}'s rows, on whichever engine holds them. */
  static LogisticModel of(Frame data, String outcome, String event, List<Term> terms) {
    if (data.plan().isEmpty()) {
      return new Local(DesignMatrix.ofTerms(data, outcome, event, terms));
    }
    return Planned.of(data, data.plan().get(), outcome, event, terms);
  }

  /** A design of arrays in this JVM. */
  static final class Local extends LogisticModel {
    private final DesignMatrix design;

    Local(DesignMatrix design) {
      this.design = design;
    }

    @Override
    List<String> columns() {
      return design.design().columns();
    }

    @Override
    Map<String, int[]> terms() {
      return design.design().terms();
    }

    @Override
    int excluded() {
      return design.excluded();
    }

    @Override
    List<SeparatedLevel> separatedLevels() {
      return SeparatedLevel.find(design.design().x(), design.design().y(), design.design().columns(), true);
    }

    @Override
    LogisticFit fit(LogisticRegression regression) {
      return RegressionTable.fit(regression, design);
    }
  }

  /** A design on another engine, checked and laid out here from its counts. */
  static final class Planned extends LogisticModel {
    private final FramePlan.LogisticDesign design;
    private final ModelFrame.Layout layout;
    private final int excluded;
    private final List<SeparatedLevel> separated;

    private Planned(FramePlan.LogisticDesign design, ModelFrame.Layout layout, int excluded,
        List<SeparatedLevel> separated) {
      this.design = design;
      this.layout = layout;
      this.excluded = excluded;
      this.separated = separated;
    }

    /** The checks of {@link DesignMatrix#ofTerms} in the same order, each the same error, on the engine's counts. */
    static Planned of(Frame data, FramePlan plan, String outcome, String event, List<Term> specs) {
      List<String> terms = Term.variables(specs);
      data.requireColumn(outcome);
      ModelFrame.checkTerms(data, terms, Set.of(outcome), "the outcome");
      Map<String, Double> scales = Term.scales(specs);
      boolean categorical = data.kind(outcome) == VariableKind.CATEGORICAL;
      String asNamed = categorical ? event
          : Numbers.looksNumeric(event.trim()) ? Double.toString(Numbers.parse(event.trim())) : null;
      FramePlan.LogisticDesign design = plan.logisticDesign(outcome, terms, scales, data);
      try {
        FramePlan.DesignCensus census = design.census(asNamed);
        DesignMatrix.eventValue(data, outcome, event, census.outcomeValues(), -1);
        for (String term : terms) {
          ModelFrame.checkScale(data, term, scales.get(term));
        }
        ModelFrame.Layout layout = ModelFrame.layout(data, terms, true, census.complete(), census.levelRows(),
            "the outcome", outcome);
        for (int k = 0; k < terms.size(); k++) {
          if (census.levelRows()[k] == null && !census.varies()[k]) {
            throw ModelFrame.constant(data, terms.get(k), shown(census.first()[k]));
          }
        }
        List<SeparatedLevel> separated = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
          long[] rows = census.levelRows()[k];
          if (rows == null) {
            continue;
          }
          List<String> levels = data.levels(terms.get(k));
          for (int l = 1; l < levels.size(); l++) {
            long events = census.levelEvents()[k][l];
            if (rows[l] > 0 && (events == 0 || events == rows[l])) {
              separated.add(new SeparatedLevel(terms.get(k) + "=" + levels.get(l), Math.toIntExact(rows[l]),
                  Math.toIntExact(events)));
            }
          }
        }
        return new Planned(design, layout, Math.toIntExact(census.rows() - census.complete()), List.copyOf(separated));
      } catch (RuntimeException e) {
        design.close();
        throw e;
      }
    }

    /** A number as a data file writes it: a whole number without ".0". */
    private static String shown(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    List<String> columns() {
      return layout.columns();
    }

    @Override
    Map<String, int[]> terms() {
      return layout.termColumns();
    }

    @Override
    int excluded() {
      return excluded;
    }

    @Override
    List<SeparatedLevel> separatedLevels() {
      return separated;
    }

    @Override
    LogisticFit fit(LogisticRegression regression) {
      return design.fit(regression, layout.columns());
    }

    @Override
    public void close() {
      design.close();
    }
  }
}
