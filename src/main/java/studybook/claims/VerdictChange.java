package studybook.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim whose verdict differs between two sets of results: what an author needs to see after a
 * data correction ("p_lvi: reproduced → mismatch").
 *
 * @param before the verdict on the earlier results
 * @param after the verdict on the later results
 */
public record VerdictChange(Verdict before, Verdict after) {

  /** The claim's id. */
  public String id() {
    return after.claim().id();
  }

  /** Every claim of {@code claims} whose verdict status differs between the two results, in file order. */
  public static List<VerdictChange> between(ClaimsFile claims, JsonNode beforeResults, JsonNode afterResults) {
    List<Verdict> before = ClaimChecker.check(claims, beforeResults);
    List<Verdict> after = ClaimChecker.check(claims, afterResults);
    List<VerdictChange> changes = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).status() != after.get(i).status()) {
        changes.add(new VerdictChange(before.get(i), after.get(i)));
      }
    }
    return changes;
  }
}
