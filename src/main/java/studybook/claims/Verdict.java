package studybook.claims;

import java.util.Objects;

/**
 * The outcome of checking one claim against a recomputed result.
 *
 * @param claim the claim
 * @param status reproduced, mismatch, or not checkable
 * @param recomputed the recomputed value at full precision; NaN when there is none
 * @param window the recomputed values that reproduce the printed number
 * @param reason why it is not checkable or how it misses; empty when reproduced
 */
public record Verdict(Claim claim, Status status, double recomputed, Window window, String reason) {
  public Verdict {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  /** The three outcomes. */
  public enum Status {
    REPRODUCED("reproduced"), MISMATCH("mismatch"), NOT_CHECKABLE("not checkable");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The number as the paper prints it. */
  public String published() {
    return claim.printed().text();
  }

  /** Whether the recomputed value is far enough inside the window to survive other software's last digits. */
  public boolean safelyReproduced() {
    return status == Status.REPRODUCED && claim.safeWindow().contains(recomputed);
  }
}
