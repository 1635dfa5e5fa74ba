package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Spacer columns (an empty header cell, no value) and empty rows around and between the data, as people
 * lay out sheets and readxl reads them: skipped and said; a column with values but no header is still refused.
 */
class XlsxSpacersTest {
  /** pid, sex, surgery date, size: four records. */
  private static final Object[][] DATA = {
    {"pid", "sex", "resected", "size"},
    {1.0, "female", LocalDate.of(2011, 3, 4), 12.5},
    {2.0, "male", LocalDate.of(2012, 11, 30), 8.0},
    {3.0, "", LocalDate.of(2013, 1, 2), 3.25},
    {4.0, "male", null, 20.0},
  };

  /**
   * Writes DATA with POI: its columns at {@code columns} (0-based), its header at sheet row {@code rows[0]}
   * and record i at {@code rows[i]}; every other cell left empty. Rows in {@code formatted} exist in the
   * file, with a styled empty cell (as Excel keeps rows someone once formatted), but hold no value.
   */
  private static Path write(Path file, int[] columns, int[] rows, int[] formatted) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet("patients");
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      for (int r = 0; r < DATA.length; r++) {
        Row row = sheet.createRow(rows[r]);
        for (int c = 0; c < DATA[r].length; c++) {
          Object v = DATA[r][c];
          if (v instanceof String s) {
            if (!s.isEmpty()) {
              row.createCell(columns[c]).setCellValue(s);
            }
          } else if (v instanceof Double d) {
            row.createCell(columns[c]).setCellValue(d);
          } else if (v instanceof LocalDate d) {
            var cell = row.createCell(columns[c]);
            cell.setCellValue(d);
            cell.setCellStyle(date);
          }
        }
        // A spacer column's cells may exist (styled, blank) without holding anything.
        for (int c = 0; c < columns[columns.length - 1]; c++) {
          if (row.getCell(c) == null) {
            row.createCell(c).setCellStyle(date);
          }
        }
      }
      for (int r : formatted) {
        sheet.createRow(r).createCell(2).setCellStyle(date);
      }
      try (var out = Files.newOutputStream(file)) {
        book.write(out);
      }
    }
    return file;
  }

  private static SourceTable read(Path file, List<String> notes) throws Exception {
    return XlsxReader.read(file, Files.readAllBytes(file), "", notes::add);
  }

  @Test
  void spacerColumnsAndEmptyRowsReadAsTheSameFrameAsThePlainSheet(@TempDir Path tmp) throws Exception {
    Path plain = write(tmp.resolve("plain.xlsx"), new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3, 4}, new int[0]);
    // Header on sheet row 3 (rows 1-2 empty), spacer columns A, C and E, an empty row 6 between the data,
    // formatted but empty rows 9-10 after it.
    Path spaced = write(tmp.resolve("spaced.xlsx"), new int[] {1, 3, 5, 6}, new int[] {2, 3, 4, 6, 7}, new int[] {5, 8, 9});
    List<String> plainNotes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    SourceTable expected = read(plain, plainNotes);
    SourceTable actual = read(spaced, notes);

    assertEquals(List.of("pid", "sex", "resected", "size"), actual.names());
    assertEquals(expected.names(), actual.names());
    assertEquals(expected.columns(), actual.columns());
    assertEquals(CellKind.DATE, actual.columns().get(2).kind());
    assertEquals(expected.rowCount(), actual.rowCount());
    for (int c = 0; c < expected.columns().size(); c++) {
      for (int r = 0; r < expected.rowCount(); r++) {
        assertEquals(expected.cells()[c][r], actual.cells()[c][r], "column " + expected.names().get(c) + ", record " + r);
      }
    }
    assertEquals("2011-03-04", actual.cells()[2][0]);
    // Each record keeps the row number it has in the sheet.
    assertArrayEquals(new int[] {4, 5, 7, 8}, actual.rows());

    assertEquals(List.of(), plainNotes, "a sheet with nothing to skip says nothing");
    assertEquals(1, notes.size(), notes.toString());
    assertEquals(spaced + ": sheet 'patients': skipped empty columns A, C, E (no header, no values)"
        + " and empty rows 1-2, 6, 9-10", notes.get(0));
  }

  @Test
  void theSkippedLineGoesToStandardError(@TempDir Path tmp) throws Exception {
    Path spaced = write(tmp.resolve("spaced.xlsx"), new int[] {1, 2, 3, 4}, new int[] {0, 1, 2, 3, 4}, new int[0]);
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    SourceTable t;
    try {
      System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      t = DataReaders.read(spaced, ReadOptions.defaults());
    } finally {
      System.setErr(err);
    }
    assertEquals(List.of("pid", "sex", "resected", "size"), t.names());
    assertEquals(spaced + ": sheet 'patients': skipped empty column A (no header, no values)\n",
        buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aColumnWithValuesButNoHeaderIsStillRefusedAtItsCell(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("unnamed.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet("patients");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("pid");
      header.createCell(2).setCellValue("age");
      for (int r = 1; r <= 3; r++) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(r);
        row.createCell(2).setCellValue(40 + r);
      }
      sheet.getRow(3).createCell(1).setCellValue("x");
      try (var out = Files.newOutputStream(file)) {
        book.write(out);
      }
    }
    List<String> notes = new ArrayList<>();
    DataException e = assertThrows(DataException.class, () -> read(file, notes));
    DataProblem p = e.first();
    assertEquals(1, p.line(), e.getMessage());
    assertEquals("B1", p.value(), e.getMessage());
    assertTrue(p.message().contains("cell B1 of the header is empty, but its column holds values (first B4)"), p.message());
    assertTrue(p.hint().contains("name every column"), p.hint());
    assertEquals(List.of(), notes);
  }
}
