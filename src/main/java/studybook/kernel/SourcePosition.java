package studybook.kernel;

/**
 * A place in a study's source: the file as shown to the user (relative to the study), a line and a column
 * (both 1-based; 0 when not known).
 */
public record SourcePosition(String file, int line, int column) {
  public SourcePosition {
    if (file == null) {
      throw new IllegalArgumentException("file is null");
    }
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line " + line + ", column " + column);
    }
  }

  /** A line of a file, column unknown. */
  public SourcePosition(String file, int line) {
    this(file, line, 0);
  }

  /** {@code file:line:column}, {@code file:line} or {@code file}, as far as known. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
  }
}
