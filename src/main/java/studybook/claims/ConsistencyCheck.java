package studybook.claims;

import java.util.List;

/**
 * A relation the published numbers must satisfy among themselves, checked on the printed values
 * alone: {@code sum(a, b) = c} (exact) or {@code percent(a, b) = c} (100 a / b must print as c).
 *
 * @param id short name
 * @param text what is checked, for people
 * @param operation the relation
 * @param operands claim ids on the left-hand side
 * @param target the claim id on the right-hand side
 * @param line the line of the claims file that declares it
 */
public record ConsistencyCheck(String id, String text, Operation operation, List<String> operands, String target,
    int line) {
  public ConsistencyCheck {
    operands = List.copyOf(operands);
  }

  /** The relations the claims file can state. */
  public enum Operation {
    SUM, PERCENT
  }

  /** The expression as written in the claims file. */
  public String expression() {
    return operation.name().toLowerCase(java.util.Locale.ROOT) + "(" + String.join(", ", operands) + ") = " + target;
  }
}
