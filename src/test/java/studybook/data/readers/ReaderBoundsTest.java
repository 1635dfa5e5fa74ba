package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * The red team's damaged files, rebuilt: declared sizes that ask for gigabytes, a zlib bomb, extreme
 * dates and infinite numbers. Each is one located error, and the read allocates less than a small
 * budget allows (measured as the bytes the reading thread allocates).
 */
class ReaderBoundsTest {
  private static final Path DIR = Path.of("src/test/resources/readers");
  private static final long BUDGET = 16L << 20;

  @TempDir
  Path tmp;

  /** Reads {@code file} under the budget and returns its one problem, checking what the read allocated. */
  private static DataProblem refused(Path file) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    DataException e = assertThrows(DataException.class,
        () -> ReadBudget.limitTo(BUDGET, () -> DataReaders.read(file, ReadOptions.defaults())));
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(allocated < 3 * BUDGET, "the read allocated " + allocated + " bytes");
    assertEquals(file, e.first().file());
    return e.first();
  }

  private static byte[] dta(int type, String format, long nobs, byte[] data) {
    return TinyDta.file(type, format, "", "", nobs, data, new byte[0]);
  }

  private static byte[] doubleBytes(double d) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array();
  }

  @Test
  void aTinyStataFileDeclaringTwoBillionObservationsIsRefusedBeforeAnyAllocation() throws Exception {
    Path f = tmp.resolve("huge.dta");
    Files.write(f, dta(251, "%8.0g", 0x7fffffffL, new byte[] {1, 2, 3}));
    assertTrue(Files.size(f) < 400);
    DataProblem p = refused(f);
    assertTrue(p.message().startsWith("at byte offset 318: the data end inside observation 4 of 2147483647"), p.describe());
  }

  @Test
  void anExtremeStataDateIsAnErrorAtItsObservationAndVariable() throws Exception {
    Path f = tmp.resolve("date.dta");
    Files.write(f, dta(255, "%td", 1, doubleBytes(4e12)));
    DataProblem p = refused(f);
    assertEquals("d", p.column());
    assertTrue(p.message().startsWith("observation 1: the date lies outside the years 1 to 9999"), p.describe());
  }

  @Test
  void anInfiniteNumberIsAnErrorAtItsObservationAndVariable() throws Exception {
    Path f = tmp.resolve("inf.dta");
    Files.write(f, dta(255, "%9.0g", 1, doubleBytes(Double.NEGATIVE_INFINITY)));
    DataProblem p = refused(f);
    assertEquals("d", p.column());
    assertEquals("-Inf", p.value());
    assertTrue(p.message().startsWith("observation 1: the value is infinite"), p.describe());
  }

  @Test
  void anExtremeSpssDateIsAnErrorAtItsCase() throws Exception {
    byte[] b = Files.readAllBytes(DIR.resolve("patients_uncompressed.sav"));
    // 8 cases of 7 numeric slots end the file; 'resected' is the sixth variable.
    int at = b.length - 8 * 7 * 8 + 5 * 8;
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(at, 1e20);
    Path f = tmp.resolve("date.sav");
    Files.write(f, b);
    DataProblem p = refused(f);
    assertEquals("resected", p.column());
    assertTrue(p.message().startsWith("case 1: the date lies outside the years 1 to 9999"), p.describe());
  }

  @Test
  void aZlibBombInAZsavIsStoppedAtTheBudget() throws Exception {
    byte[] b = Files.readAllBytes(DIR.resolve("patients.zsav"));
    int header = -1;
    for (int i = 0; i + 8 <= b.length && header < 0; i++) {
      if (ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(i) == i) {
        header = i;
      }
    }
    assertTrue(header > 0, "the zlib header of patients.zsav");
    // 64 MB of compression code 0 (padding) deflate to about 64 KB.
    Deflater deflater = new Deflater(9);
    deflater.setInput(new byte[64 << 20]);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!deflater.finished()) {
      z.write(buf, 0, deflater.deflate(buf));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, header);
    long trailer = header + 24L + z.size();
    out.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(header).putLong(trailer).putLong(24).array());
    out.write(z.toByteArray());
    out.write(new byte[24]);
    Path f = tmp.resolve("bomb.zsav");
    Files.write(f, out.toByteArray());
    assertTrue(Files.size(f) < 200_000, "the bomb is small: " + Files.size(f));
    DataProblem p = refused(f);
    assertTrue(p.message().contains("inflate to more than") && p.message().contains("memory budget"), p.describe());
  }

  @Test
  void aDamagedXportHeaderIsAnErrorAtItsByteOffset() throws Exception {
    byte[] b = Files.readAllBytes(DIR.resolve("patients.xpt"));
    System.arraycopy("ABCD".getBytes(StandardCharsets.US_ASCII), 0, b, 240 + 74, 4);
    Path f = tmp.resolve("damaged.xpt");
    Files.write(f, b);
    DataProblem p = refused(f);
    assertTrue(p.message().startsWith("at byte offset 314: the length of a variable descriptor is not a number"), p.describe());
  }

  @Test
  void aDamagedWorkbookPartIsNamed() throws Exception {
    byte[] b = Files.readAllBytes(DIR.resolve("patients_onesheet.xlsx"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(b));
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          content = "<worksheet>\n<sheetData><row></sheetData>".getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        z.write(content);
        z.closeEntry();
      }
    }
    Path f = tmp.resolve("damaged.xlsx");
    Files.write(f, out.toByteArray());
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
    assertTrue(e.first().message().startsWith("part xl/worksheets/sheet1.xml is not well-formed XML (line 2, column"),
        e.first().describe());
  }
}
