package studybook.data.columncache;

/**
 * One column of a parsed file: its distinct values (raw bytes of the cells, in order of first
 * appearance, concatenated in {@code arena}) and, for every record, the index of its value.
 *
 * @param arena the distinct values' bytes, back to back (value {@code e} starts where value {@code e-1} ends)
 * @param lengths the byte length of each distinct value
 * @param ascii whether each distinct value is pure ASCII (else UTF-8, already validated by the reader)
 * @param codes the distinct value of each record; exactly as long as the file has records
 */
public record ParsedColumn(byte[] arena, int[] lengths, boolean[] ascii, int[] codes) {
  /** The number of distinct values. */
  public int size() {
    return lengths.length;
  }
}
