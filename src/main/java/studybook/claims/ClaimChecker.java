package studybook.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares published numbers with recomputed results and checks the published numbers among themselves. */
public final class ClaimChecker {
  private ClaimChecker() {}

  /** One verdict per claim, in file order, looking each claim's result path up in {@code results}. */
  public static List<Verdict> check(ClaimsFile claims, JsonNode results) {
    List<Verdict> verdicts = new ArrayList<>();
    for (Claim c : claims.claims()) {
      Optional<JsonNode> node = ResultPath.resolve(results, c.result());
      if (node.isEmpty()) {
        verdicts.add(new Verdict(c, Verdict.Status.NOT_CHECKABLE, Double.NaN, c.window(),
            "no result at '" + c.result() + "'"));
      } else if (!node.get().isValueNode() || node.get().isNull()) {
        verdicts.add(new Verdict(c, Verdict.Status.NOT_CHECKABLE, Double.NaN, c.window(),
            node.get().isNull() ? "the result at '" + c.result() + "' is not available"
                : "the result at '" + c.result() + "' is not a number"));
      } else {
        verdicts.add(check(c, ResultPath.number(node.get())));
      }
    }
    return verdicts;
  }

  /** The verdict for one claim and its recomputed value (NaN: not checkable). */
  public static Verdict check(Claim claim, double recomputed) {
    Window w = claim.window();
    if (Double.isNaN(recomputed)) {
      return new Verdict(claim, Verdict.Status.NOT_CHECKABLE, recomputed, w, "the recomputed value is not a number");
    }
    if (w.contains(recomputed)) {
      return new Verdict(claim, Verdict.Status.REPRODUCED, recomputed, w, "");
    }
    if (claim.kind() == ClaimKind.PERCENTAGE && recomputed >= 0 && recomputed <= 1 && w.contains(100 * recomputed)) {
      // a result that is a proportion (0.31) against a printed percentage (31.0): read as x 100, and said
      return new Verdict(claim, Verdict.Status.REPRODUCED, 100 * recomputed, w,
          "the result " + recomputed + " is a proportion, read as " + 100 * recomputed + "%");
    }
    String side = recomputed < w.low() || (recomputed == w.low() && !w.lowInclusive()) ? "below" : "above";
    return new Verdict(claim, Verdict.Status.MISMATCH, recomputed, w,
        "recomputed " + recomputed + " is " + side + " the window " + w.describe(claim.printed().scientific()));
  }

  /** Checks every consistency relation on the printed values alone. */
  public static List<ConsistencyVerdict> consistency(ClaimsFile claims) {
    List<ConsistencyVerdict> out = new ArrayList<>();
    for (ConsistencyCheck check : claims.checks()) {
      Claim target = claims.claim(check.target());
      List<BigDecimal> values = check.operands().stream().map(id -> claims.claim(id).printed().value()).toList();
      double computed;
      boolean consistent;
      if (check.operation() == ConsistencyCheck.Operation.SUM) {
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        computed = sum.doubleValue();
        consistent = sum.compareTo(target.printed().value()) == 0;
      } else {
        computed = 100.0 * values.get(0).doubleValue() / values.get(1).doubleValue();
        consistent = target.window().contains(computed);
      }
      out.add(new ConsistencyVerdict(check, consistent, computed, target.printed().text()));
    }
    return out;
  }
}
