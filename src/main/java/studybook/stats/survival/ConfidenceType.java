package studybook.stats.survival;

/**
 * How the pointwise confidence limits of a Kaplan-Meier curve are made from the Greenwood standard
 * error of the cumulative hazard; the transforms and their edge cases are those of
 * survival::survfit's {@code conf.type}. A limit survfit reports as NA is NaN here.
 */
public enum ConfidenceType {
  /** Limits on the log-survival scale, upper limit capped at 1: survfit's default {@code conf.type = "log"}. */
  LOG("log"),
  /** Limits on the log(-log(survival)) scale: {@code conf.type = "log-log"}. */
  LOG_LOG("log-log"),
  /** Limits on the survival scale, clipped to [0, 1]: {@code conf.type = "plain"}. */
  PLAIN("plain");

  private final String rName;

  ConfidenceType(String rName) {
    this.rName = rName;
  }

  /** The value of survfit's {@code conf.type} argument that gives the same limits. */
  public String rName() {
    return rName;
  }

  /**
   * The lower and upper limit at one point of the curve.
   *
   * @param surv the survival estimate
   * @param se the standard error of the cumulative hazard (survfit's {@code std.err})
   * @param z the normal quantile of the confidence level
   */
  double[] limits(double surv, double se, double z) {
    switch (this) {
      case LOG: {
        if (surv == 0) {
          return new double[] {Double.NaN, Double.NaN};
        }
        double half = z * se;
        return new double[] {Math.exp(Math.log(surv) - half), Math.min(Math.exp(Math.log(surv) + half), 1)};
      }
      case LOG_LOG: {
        if (surv == 0 || surv == 1) {
          return new double[] {Double.NaN, Double.NaN};
        }
        double half = z * se / Math.log(surv);
        double center = Math.log(-Math.log(surv));
        return new double[] {Math.exp(-Math.exp(center - half)), Math.exp(-Math.exp(center + half))};
      }
      case PLAIN: {
        double half = se * surv * z;
        return new double[] {Math.max(surv - half, 0), Math.min(surv + half, 1)};
      }
      default:
        throw new IllegalStateException(name());
    }
  }
}
