package studybook.claims;

import java.util.Objects;

/**
 * One published number and the recomputed result it refers to.
 *
 * @param id short name, unique in the claims file
 * @param text the sentence or table cell as printed
 * @param printed the number as printed
 * @param kind what the number is
 * @param result a dotted path into the run's results.json, e.g. {@code table3.multivariable.terms.lvi=positive.or}
 * @param comparison how the printed number is read
 * @param note free text (which test, which model)
 * @param line the line of the claims file that declares it
 */
public record Claim(String id, String text, PrintedValue printed, ClaimKind kind, String result,
    Comparison comparison, String note, int line) {
  public Claim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(printed, "printed");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(comparison, "comparison");
    text = text == null ? "" : text;
    note = note == null ? "" : note;
  }

  /** The recomputed values that reproduce the printed number. */
  public Window window() {
    return comparison.window(printed, kind);
  }

  /** The recomputed values that reproduce it with room to spare (see {@link Comparison#safeWindow}). */
  public Window safeWindow() {
    return comparison.safeWindow(printed, kind);
  }
}
