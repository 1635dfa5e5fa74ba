package studybook.tables;

import java.util.List;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxPhTest;

/**
 * A fitted Cox model as a table reports it: on how many patients and events, whether it could be
 * estimated at all (no events: "not estimable"), which terms diverged, its concordance, the
 * likelihood-ratio test, the proportional-hazards test (cox.zph) of each term, and one row per term.
 *
 * @param ties "efron" or "breslow"
 * @param n patients used (complete cases)
 * @param events patients with the event
 * @param excluded patients left out for a missing value
 * @param estimable false when there is no event, so nothing can be estimated
 * @param converged whether the fit converged
 * @param diverged the terms whose estimate diverged (monotone likelihood)
 * @param separation whether some estimate does not exist (a diverged term or a level without events)
 * @param separatedLevels the levels in which nobody had the event, each a cause of a monotone likelihood
 * @param concordance Harrell's C (NaN when not estimable)
 * @param concordanceSe its standard error
 * @param likelihoodRatio the model's likelihood-ratio test
 * @param phTest the proportional-hazards test, null when not estimable
 * @param terms one per coefficient, in design order
 */
public record CoxModelSummary(String ties, int n, int events, int excluded, boolean estimable, boolean converged,
    List<String> diverged, boolean separation, List<SeparatedLevel> separatedLevels, double concordance, double concordanceSe, CoxFit.ModelTest likelihoodRatio,
    CoxPhTest phTest, List<CoxTermRow> terms) {

  public CoxModelSummary {
    diverged = List.copyOf(diverged);
    separatedLevels = List.copyOf(separatedLevels);
    terms = List.copyOf(terms);
  }

  public static CoxModelSummary of(CoxFit fit, CoxDesignMatrix design) {
    boolean[] event = design.design().event();
    double[] status = new double[event.length];
    for (int i = 0; i < event.length; i++) {
      status[i] = event[i] ? 1 : 0;
    }
    List<SeparatedLevel> levels = fit.estimable()
        ? SeparatedLevel.find(design.design().x(), status, design.design().columns(), false) : List.of();
    return new CoxModelSummary(fit.ties().rName(), fit.n(), fit.events(), design.excluded(), fit.estimable(),
        fit.converged(), fit.diverged(), !fit.diverged().isEmpty() || !levels.isEmpty(), levels,
        fit.concordance().concordance(), fit.concordance().se(),
        fit.likelihoodRatio(), fit.phTest(), fit.coefficients().stream().map(CoxTermRow::of).toList());
  }

  /** The row of {@code term}. */
  public CoxTermRow term(String term) {
    return terms.stream().filter(t -> t.term().equals(term)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "'"));
  }

  /** Whether {@code term}'s estimate does not exist: it diverged, or its level holds no event. */
  public boolean notEstimated(String term) {
    return diverged.contains(term) || separatedLevels.stream().anyMatch(l -> l.term().equals(term));
  }

  /** The proportional-hazards rows that fail at the 5% level (empty when not estimable). */
  public List<CoxPhTest.Row> phFailures() {
    return phTest == null ? List.of() : phTest.terms().stream().filter(CoxPhTest.Row::fails).toList();
  }
}
