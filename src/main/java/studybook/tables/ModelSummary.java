package studybook.tables;

import java.util.List;
import studybook.stats.regression.LogisticFit;

/**
 * A fitted logistic model as a table reports it: which method, on how many patients, whether it is
 * trustworthy (converged, no separation), and one row per term without the intercept.
 *
 * @param method {@code ml} or {@code firth}
 * @param limits {@code wald} or {@code profile}
 * @param n patients used (complete cases)
 * @param events patients with the event
 * @param excluded patients left out for a missing value
 * @param converged whether the fit converged
 * @param separation whether the data are separated, completely or quasi-completely (the ML estimate does not
 *     exist): Konis' linear program, or a level with no events or no non-events
 * @param separatedLevels the levels with no events or no non-events, each a cause of separation
 * @param terms one per model term, in design order
 * @param aliased terms that are linear combinations of others: not estimable, their numbers NaN (R's NA)
 */
public record ModelSummary(String method, String limits, int n, int events, int excluded, boolean converged,
    boolean separation, List<SeparatedLevel> separatedLevels, List<TermRow> terms, List<String> aliased) {

  public ModelSummary {
    separatedLevels = List.copyOf(separatedLevels);
    terms = List.copyOf(terms);
    aliased = List.copyOf(aliased);
  }

  public static ModelSummary of(LogisticFit fit, DesignMatrix design) {
    return of(fit, design.excluded(), SeparatedLevel.find(design.design().x(), design.design().y(),
        design.design().columns(), true));
  }

  /** The summary of {@code fit}, with the rows its design left out and the levels in which every patient has the same outcome. */
  static ModelSummary of(LogisticFit fit, int excluded, List<SeparatedLevel> levels) {
    List<TermRow> rows = fit.coefficients().stream().filter(c -> !c.term().equals("(Intercept)"))
        .map(TermRow::of).toList();
    return new ModelSummary(fit.method().name().toLowerCase(java.util.Locale.ROOT),
        fit.limits().name().toLowerCase(java.util.Locale.ROOT), fit.n(), fit.events(), excluded,
        fit.converged(), fit.separation() || !levels.isEmpty(), levels, rows, fit.aliased());
  }

  /** The row of {@code term}. */
  public TermRow term(String term) {
    return terms.stream().filter(t -> t.term().equals(term)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "'"));
  }
}
