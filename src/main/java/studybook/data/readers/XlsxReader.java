package studybook.data.readers;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads one sheet of an Excel workbook ({@code .xlsx}) with Apache POI: the named sheet, or the first.
 * The first non-empty row is the header; each later non-empty row is a record, located by its row
 * number in Excel (the header row keeps its own number). Cells formatted as dates become ISO dates.
 * Entirely empty columns (an empty header cell and no value, as spacers between the data) and empty rows
 * are skipped (as openxlsx's read.xlsx does; readxl skips only leading ones and keeps inner ones as
 * all-missing columns and rows), and said in one line on stderr.
 *
 * <p>Refused, each at its cell: merged cells (a merged header hides which column a value belongs to),
 * formulas (their value is whatever Excel last computed, not data), error cells ({@code #N/A}, {@code #DIV/0!}),
 * an empty header cell over a column that holds values, a name given twice, a value right of the last named column.
 */
final class XlsxReader {
  private XlsxReader() {}

  static SourceTable read(Path file, byte[] bytes, String sheetName) {
    return read(file, bytes, sheetName, line -> DataReaders.NOTES.get().accept(line));
  }

  /**
   * As {@link #read(Path, byte[], String)}, telling {@code notes} in one line which entirely empty columns
   * (an empty header cell and no value) and empty rows (before the header, between or after the data)
   * were skipped; nothing when none was.
   */
  static SourceTable read(Path file, byte[] bytes, String sheetName, java.util.function.Consumer<String> notes) {
    XSSFWorkbook book;
    long budget = ReadBudget.limit();
    // POI unpacks each part whole: none may inflate beyond the read budget (POI's own default is 4 GB).
    org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(Math.max(1 << 20, budget / 8));
    String damaged = damagedPart(bytes, budget / 8);
    if (damaged != null) {
      throw problem(file, 0, null, null, damaged, "the file is damaged or truncated; save it again from Excel as .xlsx");
    }
    try {
      book = new XSSFWorkbook(new ByteArrayInputStream(bytes));
    } catch (org.apache.poi.ooxml.POIXMLException e) {
      if (String.valueOf(e.getMessage()).contains("Strict OOXML")) {
        // Not damaged: Excel's "Strict Open XML Spreadsheet", which POI does not read.
        throw problem(file, 0, null, null, "cannot be opened as an Excel workbook: it is a Strict Open XML Spreadsheet, which studybook (Apache POI) does not read",
            "save it in Excel as \"Excel Workbook (.xlsx)\", not \"Strict Open XML Spreadsheet\"");
      }
      throw problem(file, 0, null, null, "cannot be opened as an Excel workbook (" + printable(String.valueOf(e.getMessage())) + ")",
          "the file is damaged or truncated; save it again from Excel as .xlsx");
    } catch (Exception | OutOfMemoryError e) {
      throw problem(file, 0, null, null, "cannot be opened as an Excel workbook (" + printable(String.valueOf(e.getMessage())) + ")",
          "the file is damaged or truncated; save it again from Excel as .xlsx");
    }
    try (book) {
      Sheet sheet;
      if (sheetName.isEmpty()) {
        if (book.getNumberOfSheets() == 0) {
          throw problem(file, 0, null, null, "the workbook's part xl/workbook.xml lists no sheets",
              "the file is damaged; save it again from Excel as .xlsx");
        }
        sheet = book.getSheetAt(0);
      } else {
        sheet = book.getSheet(sheetName);
        if (sheet == null) {
          List<String> names = new ArrayList<>();
          book.forEach(s -> names.add(s.getSheetName()));
          throw problem(file, 0, null, sheetName, "the workbook has no such sheet",
              studybook.Names.nearest(sheetName, names).map(n -> "did you mean '" + n + "'? ").orElse("")
                  + "the sheets are " + String.join(", ", names));
        }
      }
      String where = "sheet '" + sheet.getSheetName() + "'";
      for (CellRangeAddress merged : sheet.getMergedRegions()) {
        throw problem(file, merged.getFirstRow() + 1, null, merged.formatAsString(), where + ": merged cells",
            "unmerge them (Home > Merge & Center) and give every column its own header cell");
      }
      int headerRow = -1;
      for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum() && headerRow < 0; r++) {
        if (!isBlank(sheet.getRow(r))) {
          headerRow = r;
        }
      }
      if (headerRow < 0) {
        throw problem(file, 0, null, null, where + " is empty; a header row with the column names is expected", null);
      }
      Row header = sheet.getRow(headerRow);
      int width = header.getLastCellNum();
      while (width > 0 && text(file, where, header.getCell(width - 1), false).isBlank()) {
        width--;
      }
      // A column with an empty header cell is a spacer when no data row holds a value in it; one that
      // holds a value is refused at its header cell and first value.
      boolean[] unnamed = new boolean[width];
      for (int c = 0; c < width; c++) {
        unnamed[c] = text(file, where, header.getCell(c), false).strip().isEmpty();
      }
      for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        for (int c = 0; row != null && c < width; c++) {
          if (unnamed[c] && !text(file, where, row.getCell(c), true).isBlank()) {
            String ref = new CellReference(headerRow, c).formatAsString();
            String value = new CellReference(r, c).formatAsString();
            throw problem(file, headerRow + 1, null, ref, where + ": cell " + ref + " of the header is empty, but its column holds values (first "
                + value + ")", "name every column that holds values (an entirely empty column is skipped)");
          }
        }
      }
      List<Integer> kept = new ArrayList<>();
      List<String> spacers = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int c = 0; c < width; c++) {
        if (unnamed[c]) {
          spacers.add(CellReference.convertNumToColString(c));
          continue;
        }
        String name = text(file, where, header.getCell(c), false).strip();
        String ref = new CellReference(headerRow, c).formatAsString();
        if (!seen.add(name)) {
          throw problem(file, headerRow + 1, name, ref, where + ": the column name appears twice", "give each column its own name");
        }
        kept.add(c);
        names.add(name);
      }
      List<Integer> emptyRows = new ArrayList<>();
      for (int r = 0; r < headerRow; r++) {
        emptyRows.add(r + 1);
      }
      int kw = kept.size();
      List<String[]> records = new ArrayList<>();
      List<Integer> rows = new ArrayList<>();
      boolean[] dates = new boolean[kw];
      boolean[] others = new boolean[kw];
      for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (isBlank(row)) {
          emptyRows.add(r + 1);
          continue;
        }
        String[] record = new String[kw];
        for (int k = 0; k < kw; k++) {
          Cell cell = row.getCell(kept.get(k));
          record[k] = text(file, where, cell, true);
          String iso = cell == null ? null : isoDate(cell);
          if (cell != null && (iso != null ? !ISO_TIME.matcher(iso).matches()
              : cell.getCellType() == CellType.NUMERIC && shows(cell) == Shows.DATE)) {
            dates[k] = true;
          } else if (!record[k].isEmpty()) {
            others[k] = true;
          }
        }
        for (int c = width; c < row.getLastCellNum(); c++) {
          if (!text(file, where, row.getCell(c), true).isBlank()) {
            String ref = new CellReference(r, c).formatAsString();
            throw problem(file, r + 1, null, ref, where + ": cell " + ref + " holds a value beyond the last named column",
                "name its column in the header row, or clear the cell");
          }
        }
        records.add(record);
        rows.add(r + 1);
      }
      if (!records.isEmpty() && (!spacers.isEmpty() || !emptyRows.isEmpty())) {
        notes.accept(studybook.TerminalText.safe(skippedNote(file, where, spacers, emptyRows)));
      }
      if (records.isEmpty()) {
        throw problem(file, 0, null, null, where + " has a header but no data rows", "add the data below the header");
      }
      String[][] cells = new String[kw][records.size()];
      int[] at = new int[records.size()];
      for (int r = 0; r < records.size(); r++) {
        at[r] = rows.get(r);
        for (int c = 0; c < kw; c++) {
          cells[c][r] = records.get(r)[c];
        }
      }
      List<SourceColumn> columns = new ArrayList<>();
      for (int c = 0; c < kw; c++) {
        columns.add(SourceColumn.plain(names.get(c), dates[c] && !others[c] ? CellKind.DATE : CellKind.TEXT));
      }
      return new SourceTable(file, SourceFormat.XLSX, columns, cells, at, "row");
    } catch (java.io.IOException e) {
      throw problem(file, 0, null, null, "cannot be read: " + e.getMessage(), null);
    }
  }

  /** The one line saying what was skipped, e.g. "skipped empty columns A, D (no header, no values) and empty rows 1-2, 7". */
  static String skippedNote(Path file, String where, List<String> columns, List<Integer> rows) {
    StringBuilder b = new StringBuilder(file + ": " + where + ": skipped ");
    if (!columns.isEmpty()) {
      b.append(columns.size() == 1 ? "empty column " : "empty columns ").append(String.join(", ", columns))
          .append(" (no header, no values)");
    }
    if (!rows.isEmpty()) {
      b.append(columns.isEmpty() ? "" : " and ").append(rows.size() == 1 ? "empty row " : "empty rows ");
      for (int i = 0; i < rows.size(); ) {
        int j = i;
        while (j + 1 < rows.size() && rows.get(j + 1) == rows.get(j) + 1) {
          j++;
        }
        b.append(i == 0 ? "" : ", ").append(rows.get(i)).append(j > i ? "-" + rows.get(j) : "");
        i = j + 1;
      }
    }
    return b.toString();
  }

  /**
   * Which part of the workbook (a zip archive of XML parts) is damaged, and how: one that cannot be
   * unpacked, that inflates beyond {@code limit}, or whose XML is not well-formed (with its line and
   * column); null when every part is sound. Run before POI, whose messages name no part.
   */
  static String damagedPart(byte[] bytes, long limit) {
    int parts = 0;
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
      byte[] buffer = new byte[1 << 14];
      while (true) {
        java.util.zip.ZipEntry entry;
        try {
          entry = zip.getNextEntry();
        } catch (java.io.IOException | IllegalArgumentException e) {
          return "part " + (parts + 1) + " of the workbook's archive cannot be unpacked (" + printable(String.valueOf(e.getMessage())) + ")";
        }
        if (entry == null) {
          break;
        }
        parts++;
        String name = printable(entry.getName());
        java.io.ByteArrayOutputStream xml = new java.io.ByteArrayOutputStream();
        boolean keep = name.endsWith(".xml") || name.endsWith(".rels");
        try {
          long total = 0;
          for (int n; (n = zip.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
              return "part " + name + " inflates to more than " + ReadBudget.megabytes(limit)
                  + " (the memory budget of one read allows no more)";
            }
            if (keep) {
              xml.write(buffer, 0, n);
            }
          }
        } catch (java.io.IOException | IllegalArgumentException e) {
          return "part " + name + " cannot be unpacked (" + printable(String.valueOf(e.getMessage())) + ")";
        }
        if (keep) {
          String bad = notWellFormed(xml.toByteArray());
          if (bad != null) {
            return "part " + name + " is not well-formed XML (" + bad + ")";
          }
        }
      }
    } catch (java.io.IOException e) {
      return "the workbook's archive cannot be read (" + printable(String.valueOf(e.getMessage())) + ")";
    }
    return parts == 0 ? "at byte offset 0: the workbook's archive (zip) starts with no part that can be read" : null;
  }

  private static String notWellFormed(byte[] xml) {
    try {
      javax.xml.parsers.SAXParserFactory f = javax.xml.parsers.SAXParserFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.newSAXParser().parse(new ByteArrayInputStream(xml), new org.xml.sax.helpers.DefaultHandler());
      return null;
    } catch (org.xml.sax.SAXParseException e) {
      return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + printable(e.getMessage());
    } catch (org.xml.sax.SAXException | java.io.IOException | javax.xml.parsers.ParserConfigurationException e) {
      return printable(String.valueOf(e.getMessage()));
    }
  }

  /** Text from a damaged archive, shortened and with everything but printable ASCII shown as '?'. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 120; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  /**
   * The text of a cell stored as an ISO 8601 date ({@code t="d"}, written by LibreOffice and openpyxl, and
   * allowed by ECMA-376), which POI's cell types do not include; null for any other cell.
   */
  private static final java.util.regex.Pattern ISO_TIME = java.util.regex.Pattern.compile("\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,9})?)?");

  private static String isoDate(Cell cell) {
    if (cell instanceof org.apache.poi.xssf.usermodel.XSSFCell x) {
      org.apache.xmlbeans.XmlCursor c = x.getCTCell().newCursor();
      try {
        String t = c.getAttributeText(new javax.xml.namespace.QName("t"));
        return "d".equals(t) && x.getCTCell().isSetV() ? x.getCTCell().getV().trim() : null;
      } finally {
        c.dispose();
      }
    }
    return null;
  }

  /** A text cell's text; a shared-string cell whose string is missing (null in POI) is empty. */
  private static String string(Cell cell) {
    if (cell instanceof org.apache.poi.xssf.usermodel.XSSFCell x && x.getCTCell().isSetIs()) {
      // An inline string may hold plain text and rich-text runs together (<is><t>Before</t><r><t>Hierarchy</t>
      // </r></is>); POI returns the runs only and drops the plain part. The text is both, in order, as readxl reads it.
      org.openxmlformats.schemas.spreadsheetml.x2006.main.CTRst is = x.getCTCell().getIs();
      StringBuilder b = new StringBuilder(is.isSetT() ? is.getT() : "");
      for (org.openxmlformats.schemas.spreadsheetml.x2006.main.CTRElt r : is.getRArray()) {
        b.append(r.getT() == null ? "" : r.getT());
      }
      return b.toString();
    }
    String s = cell.getStringCellValue();
    return s == null ? "" : s;
  }

  private static boolean isBlank(Row row) {
    if (row == null) {
      return true;
    }
    for (Cell c : row) {
      if (isoDate(c) != null) {
        return false;
      }
      if (c.getCellType() != CellType.BLANK && !(c.getCellType() == CellType.STRING && string(c).isBlank())) {
        return false;
      }
    }
    return true;
  }

  private static String text(Path file, String where, Cell cell, boolean data) {
    if (cell == null) {
      return "";
    }
    String ref = new CellReference(cell).formatAsString();
    String iso = isoDate(cell);
    if (iso != null && ISO_TIME.matcher(iso).matches()) {
      // A time of day stored as an ISO time (openpyxl writes 10:10:10): seconds, as times under a time format.
      java.time.LocalTime t = java.time.LocalTime.parse(iso);
      return Cells.number(t.toNanoOfDay() / 1e9);
    }
    if (iso != null) {
      try {
        LocalDateTime t = LocalDateTime.parse(iso.length() == 10 ? iso + "T00:00:00" : iso);
        return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : Cells.dateTime(t.withNano(0));
      } catch (java.time.format.DateTimeParseException e) {
        throw problem(file, cell.getRowIndex() + 1, null, iso, where + ": cell " + ref + " holds a date that is not an ISO date",
            "retype the date in the cell");
      }
    }
    return switch (cell.getCellType()) {
      case BLANK -> "";
      case STRING -> string(cell);
      case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
      case NUMERIC -> {
        Shows shows = shows(cell);
        if (shows == Shows.DATE) {
          if (!DateUtil.isValidExcelDate(cell.getNumericCellValue())) {
            throw problem(file, cell.getRowIndex() + 1, null, Cells.number(cell.getNumericCellValue()), where + ": cell " + ref
                + " is formatted as a date but holds " + Cells.number(cell.getNumericCellValue()) + ", which is no date",
                "retype the date in the cell, or format it as a number");
          }
          LocalDateTime t = DateUtil.getLocalDateTime(cell.getNumericCellValue(), date1904(cell), true);
          yield t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : Cells.dateTime(t.withNano(0));
        }
        if (shows == Shows.TIME) {
          // A time of day or an elapsed time ([h]:mm:ss) is a number of days: read as seconds, as SPSS and
          // SAS times are, to the millisecond (what Excel can show).
          yield Cells.number(Math.rint(cell.getNumericCellValue() * 86_400_000.0) / 1000.0);
        }
        yield Cells.number(cell.getNumericCellValue());
      }
      case FORMULA -> throw problem(file, cell.getRowIndex() + 1, null, "=" + cell.getCellFormula(),
          where + ": cell " + ref + " holds a formula", "replace formulas by their values (Copy, then Paste Special > Values)");
      case ERROR -> throw problem(file, cell.getRowIndex() + 1, null, ref, where + ": cell " + ref + " holds an Excel error",
          "fix the cell or leave it empty for a missing value");
      default -> throw problem(file, cell.getRowIndex() + 1, null, ref, where + ": cell " + ref + " cannot be read", null);
    };
  }

  /** What a number format shows: a date (perhaps with a time), a time alone or an elapsed time, or a number. */
  enum Shows { DATE, TIME, NUMBER }

  private static boolean date1904(Cell cell) {
    return cell.getSheet().getWorkbook() instanceof org.apache.poi.xssf.usermodel.XSSFWorkbook x && x.isDate1904();
  }

  /** {@link #shows(String)} of a cell's number format. */
  static Shows shows(Cell cell) {
    String format = cell.getCellStyle() == null ? null : cell.getCellStyle().getDataFormatString();
    return format == null ? Shows.NUMBER : shows(format);
  }

  /**
   * What an Excel number format shows, from its first section: quoted text ({@code "Day "d}), escaped
   * characters ({@code yyyy\-mm\-dd}), padding ({@code _)}), fills ({@code *-}), colours and locales
   * ({@code [Red]}, {@code [$-409]}) are no codes and are dropped; then a year or day code is a date, an
   * elapsed time ({@code [h]}, {@code [mm]}, {@code [ss]}) or an hour or second code alone is a time, a
   * month code alone ({@code mmmm}) a date. Written by hand: POI's test misses escaped characters and
   * takes elapsed times for dates of 1900, as readxl does.
   */
  static Shows shows(String format) {
    StringBuilder codes = new StringBuilder();
    boolean elapsed = false;
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      if (ch == ';') {
        break;
      } else if (ch == '"') {
        int end = format.indexOf('"', i + 1);
        i = end < 0 ? format.length() : end;
      } else if (ch == '\\' || ch == '_' || ch == '*') {
        i++;
      } else if (ch == '[') {
        int end = format.indexOf(']', i + 1);
        String inside = format.substring(i + 1, end < 0 ? format.length() : end).toLowerCase(Locale.ROOT);
        elapsed |= inside.matches("h+|m+|s+");
        i = end < 0 ? format.length() : end;
      } else {
        codes.append(Character.toLowerCase(ch));
      }
    }
    String c = codes.toString();
    if (c.equals("general")) {
      return Shows.NUMBER;
    }
    String letters = c.replace("am/pm", "").replace("a/p", "");
    boolean date = letters.indexOf('y') >= 0 || letters.indexOf('d') >= 0 || letters.indexOf('e') >= 0 && letters.indexOf('0') < 0
        && letters.indexOf('#') < 0;
    boolean time = elapsed || letters.indexOf('h') >= 0 || letters.indexOf('s') >= 0;
    if (date) {
      return Shows.DATE;
    }
    if (time) {
      return Shows.TIME;
    }
    return letters.indexOf('m') >= 0 ? Shows.DATE : Shows.NUMBER;
  }

  private static DataException problem(Path file, int row, String column, String value, String message, String hint) {
    return new DataException(new DataProblem(file, row, column, value, message, hint));
  }
}
