package studybook.data;

/**
 * One row of a {@link Frame}, read by column name inside {@link Frame#withNumber}: e.g.
 * {@code row -> row.number("weight_kg") / Math.pow(row.number("height_cm") / 100, 2)}. Missing is
 * NaN for numbers (so arithmetic keeps it missing, as NA in R) and null for levels. Every column name
 * is checked: a typo is an {@link UnknownNameException}.
 */
public final class Row {
  private final Frame frame;
  private int index;

  Row(Frame frame) {
    this.frame = frame;
  }

  Row at(int row) {
    this.index = row;
    return this;
  }

  /** The 0-based row index in the frame. */
  public int index() {
    return index;
  }

  /** The value of a continuous column; NaN where missing. */
  public double number(String column) {
    Written.requireKind(frame, column, VariableKind.CONTINUOUS, "number", null);
    return frame.valueView(column)[index];
  }

  /** The level of a categorical column; null where missing. */
  public String level(String column) {
    Written.requireKind(frame, column, VariableKind.CATEGORICAL, "level", null);
    int c = frame.codeView(column)[index];
    return c < 0 ? null : frame.levels(column).get(c);
  }

  /** Whether the column's value is missing. */
  public boolean isMissing(String column) {
    Written.requireColumn(frame, column, null);
    return frame.kind(column) == VariableKind.CATEGORICAL ? frame.codeView(column)[index] < 0
        : Double.isNaN(frame.valueView(column)[index]);
  }
}
