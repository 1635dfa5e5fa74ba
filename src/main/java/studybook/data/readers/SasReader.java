package studybook.data.readers;

import com.epam.parso.Column;
import com.epam.parso.SasFileReader;
import com.epam.parso.date.OutputDateType;
import com.epam.parso.impl.SasFileReaderImpl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads a SAS dataset ({@code .sas7bdat}, plain or RLE/RDC-compressed) with the parso library
 * (com.epam:parso, Apache-2.0): variable labels, and dates by the variable's format (days since
 * 1960-01-01). Value labels live in a separate SAS format catalog, which this reader does not read.
 * Where parso finds fewer columns than the file declares (files written by ReadStat-based tools),
 * {@link Sas7bdatReader} reads the file instead.
 */
final class SasReader {
  private SasReader() {}

  private static final String WHAT = "SAS (a DATA step or PROC COPY to a .sas7bdat)";
  /** The first bytes of every sas7bdat file (its 32-byte magic number ends with these). */
  private static final byte[] MAGIC_TAIL = {(byte) 0xc2, (byte) 0xea, (byte) 0x81, 0x60, (byte) 0xb3, 0x14, 0x11,
      (byte) 0xcf, (byte) 0xbd, (byte) 0x92, 0x08, 0x00, 0x09, (byte) 0xc7, 0x31, (byte) 0x8c, 0x18, 0x1f, 0x10, 0x11};

  static SourceTable read(Path file, byte[] bytes) {
    if (bytes.length < 32 || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(bytes, 12, 32), MAGIC_TAIL)) {
      throw new DataException(new DataProblem(file, 0, null, null, "at byte offset 0: is not a SAS dataset (no sas7bdat magic number)",
          "check that the file is what its name says, or declare data.format"));
    }
    Sas7bdatReader.scan(file, bytes, true);
    List<Object[]> rows = new ArrayList<>();
    List<Column> cols = null;
    long expected;
    try {
      SasFileReader reader = new SasFileReaderImpl(new ByteArrayInputStream(bytes), null, OutputDateType.SAS_VALUE);
      cols = reader.getColumns();
      expected = reader.getSasFileProperties().getRowCount();
      long declared = reader.getSasFileProperties().getColumnsCount();
      if (cols.size() != declared || cols.isEmpty()) {
        // parso 2.0.14 loses columns of files that ReadStat (R haven, pandas, readstat) wrote: those are
        // uncompressed, and the hand-written reader reads them; a column is never dropped silently.
        return Sas7bdatReader.read(file, bytes);
      }
      Object[] row;
      ReadBudget budget = new ReadBudget();
      while (rows.size() < expected && (row = reader.readNext()) != null) {
        if (!budget.take(ReadBudget.times(2L * cols.size(), ReadBudget.CELL_BYTES))) {
          throw new BinaryInput(file, bytes, WHAT, budget).overBudget(0, expected + " observations of " + cols.size() + " columns");
        }
        rows.add(row);
      }
    } catch (DataException e) {
      throw e;
    } catch (Exception | Error e) {
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      // parso names no place in the file; the hand-written reader does, for the uncompressed files it reads.
      try {
        return Sas7bdatReader.read(file, bytes);
      } catch (DataException located) {
        if (!located.first().message().contains("the dataset is compressed")) {
          throw located;
        }
      }
      String where = cols == null ? "at byte offset 0: the header" : "observation " + (rows.size() + 1) + ":";
      throw new DataException(new DataProblem(file, 0, null, null, where + " cannot be read as a SAS dataset (parso: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ", " + e.getMessage()) + ")",
          "the file is damaged or truncated; export it again from " + WHAT));
    }
    if (cols != null && rows.size() < expected) {
      // parso 2.0.14 stops at pages that mark deleted observations; studybook's reader skips those rows.
      try {
        return Sas7bdatReader.read(file, bytes);
      } catch (DataException located) {
        if (!located.first().message().contains("the dataset is compressed")) {
          throw located;
        }
      }
    }
    if (cols == null || rows.size() < expected) {
      throw new DataException(new DataProblem(file, 0, null, null, "the data end after " + rows.size() + " of "
          + expected + " observations (" + bytes.length + " bytes)", "the file is truncated; export it again from " + WHAT));
    }
    int n = rows.size();
    String[][] cells = new String[cols.size()][n];
    List<SourceColumn> columns = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      Column col = cols.get(c);
      String format = col.getFormat() == null ? "" : col.getFormat().getName().toUpperCase(Locale.ROOT);
      boolean numeric = Number.class.isAssignableFrom(col.getType());
      CellKind kind = !numeric ? CellKind.TEXT : XptReader.kindOf(format);
      for (int r = 0; r < n; r++) {
        Object v = rows.get(r)[c];
        try {
          cells[c][r] = text(v, kind);
        } catch (Cells.BadValue e) {
          throw Cells.located(file, e, "observation", r + 1, col.getName());
        }
      }
      columns.add(new SourceColumn(col.getName(), col.getLabel(), kind, Map.of(), List.of(), format));
    }
    int[] caseNumbers = new int[n];
    for (int r = 0; r < n; r++) {
      caseNumbers[r] = r + 1;
    }
    return new SourceTable(file, SourceFormat.SAS7BDAT, columns, cells, caseNumbers, "observation");
  }

  private static String text(Object v, CellKind kind) {
    if (v == null) {
      return "";
    }
    if (v instanceof Number num) {
      double d = num.doubleValue();
      if (Double.isNaN(d)) {
        return "";
      }
      return switch (kind) {
        case DATE -> Cells.date(Cells.DAYS_1960, d);
        case DATETIME -> Cells.dateTime(d + Cells.DAYS_1960 * 86400.0);
        default -> Cells.number(d);
      };
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8).strip();
    }
    return v.toString().stripTrailing();
  }
}
