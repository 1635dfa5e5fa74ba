package studybook.stats.survival;

/**
 * A Kaplan-Meier curve read at one chosen time, as a row of summary(fit, times = ..., extend = TRUE).
 *
 * @param time the chosen time
 * @param atRisk the number still under observation at {@code time} (observed time at or after it)
 * @param events events after the previous chosen time, up to and including this one
 * @param censored censorings after the previous chosen time, up to and including this one
 * @param survival the survival estimate at {@code time}
 * @param stdErr the standard error of the survival (not of the cumulative hazard); NaN once survival is 0
 * @param lower the lower confidence limit (NaN where survfit gives NA)
 * @param upper the upper confidence limit (NaN where survfit gives NA)
 */
public record RiskAt(
    double time, int atRisk, int events, int censored, double survival, double stdErr, double lower, double upper) {}
