/**
 * The parsed-column cache: a data file's columns as the CSV reader cut them (a dictionary of each
 * column's distinct values and a code per row), kept in a small documented file keyed by the SHA-256
 * of the bytes read, so a large file is parsed once and every later command or study run reads its
 * columns back ({@link studybook.data.columncache.ColumnCache}, format in
 * {@link studybook.data.columncache.ColumnFile}).
 */
package studybook.data.columncache;
