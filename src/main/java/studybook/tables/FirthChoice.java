package studybook.tables;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether a regression table fits Firth's penalized-likelihood sensitivity analysis (with its profile
 * limits, the costliest part of a large table) and why; {@link TestPolicy#forFirth} decides.
 *
 * @param decision fitted or skipped
 * @param rule the rule that decided
 * @param eventsPerParameter the smaller outcome class (events or non-events) per estimated
 *     coefficient of the multivariable model, intercept not counted
 */
public record FirthChoice(Decision decision, Rule rule, double eventsPerParameter) {
  /** Fitted or not. */
  public enum Decision {
    FITTED,
    SKIPPED
  }

  /** The rules of {@link TestPolicy#forFirth}. */
  public enum Rule {
    /** The maximum-likelihood data are separated: ML estimates do not exist, Firth's do. */
    SEPARATION,
    /** The maximum-likelihood fit did not converge. */
    NOT_CONVERGED,
    /** Fewer than {@link TestPolicy#MIN_EVENTS_PER_PARAMETER} events per parameter: ML is biased away from 1. */
    FEW_EVENTS_PER_PARAMETER,
    /** Enough events per parameter and no separation: Firth's estimates would equal ML's to the shown digits. */
    ENOUGH_EVENTS_PER_PARAMETER
  }

  public FirthChoice {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(rule, "rule");
  }

  /** Why, as one sentence for a footnote, e.g. "4.4 events per parameter (fewer than 10)". */
  public String reason() {
    return switch (rule) {
      case SEPARATION -> "the data are separated";
      case NOT_CONVERGED -> "the maximum-likelihood fit did not converge";
      case FEW_EVENTS_PER_PARAMETER -> String.format(Locale.ROOT, "%.1f events per parameter (fewer than %s)",
          eventsPerParameter, TestPolicy.MIN_EVENTS_PER_PARAMETER_TEXT);
      case ENOUGH_EVENTS_PER_PARAMETER -> String.format(Locale.ROOT,
          "%.1f events per parameter (at least %s) and no separation", eventsPerParameter,
          TestPolicy.MIN_EVENTS_PER_PARAMETER_TEXT);
    };
  }
}
