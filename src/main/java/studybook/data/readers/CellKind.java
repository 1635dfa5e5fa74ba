package studybook.data.readers;

/** What a file says a column holds, before any codebook types it. */
public enum CellKind {
  /** Text as written. */
  TEXT,
  /** Numbers, written in studybook's number syntax ({@code 12}, {@code -0.5}). */
  NUMBER,
  /** Calendar dates, written as ISO {@code yyyy-MM-dd} whatever the file stores. */
  DATE,
  /** Date-times, written as ISO {@code yyyy-MM-ddTHH:mm:ss}. */
  DATETIME
}
