package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.DataException;

/**
 * Issue 24's crashes, on the R-written fixtures changed the way other tools write them: a transport
 * file of two datasets, an Excel cell stored as an ISO date ({@code t="d"}, as LibreOffice and openpyxl
 * write), a shared-string cell without its string.
 */
class ReaderCrashesTest {
  private static final Path DIR = Path.of("src/test/resources/readers");

  @TempDir
  Path tmp;

  @Test
  void aTransportFileOfTwoDatasetsIsRefusedNamingThem() throws Exception {
    byte[] one = Files.readAllBytes(DIR.resolve("patients.xpt"));
    String second = new String(one, 240, one.length - 240, StandardCharsets.ISO_8859_1).replace("patients", "visits  ");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(one);
    b.write(second.getBytes(StandardCharsets.ISO_8859_1));
    Path f = tmp.resolve("two.xpt");
    Files.write(f, b.toByteArray());
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
    assertEquals("at byte offset " + one.length + ": the transport file holds 2 datasets (patients, visits);"
        + " studybook reads a file of one", e.first().message());
  }

  private Path withSheet(String from, String to) throws Exception {
    return withPart("xl/worksheets/sheet1.xml", from, to);
  }

  private Path withPart(String part, String from, String to) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(DIR.resolve("patients_onesheet.xlsx")));
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals(part)) {
          String xml = new String(content, StandardCharsets.UTF_8);
          assertTrue(xml.contains(from), from);
          content = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(content);
        z.closeEntry();
      }
    }
    Path f = tmp.resolve("changed.xlsx");
    Files.write(f, out.toByteArray());
    return f;
  }

  @Test
  void anIsoDateCellIsADate() throws Exception {
    Path f = withSheet("<c r=\"F2\" s=\"1\" t=\"n\"><v>43538</v></c>", "<c r=\"F2\" s=\"1\" t=\"d\"><v>2019-03-14T00:00:00</v></c>");
    SourceTable t = DataReaders.read(f, ReadOptions.defaults());
    int c = t.names().indexOf("resected");
    assertEquals("2019-03-14", t.cells()[c][0]);
    assertEquals(CellKind.DATE, t.columns().get(c).kind());
  }

  @Test
  void aSharedStringCellWithoutItsStringIsEmpty() throws Exception {
    Path f = withPart("xl/sharedStrings.xml", "<si><t xml:space=\"preserve\">P01</t></si>", "<si/>");
    SourceTable t = DataReaders.read(f, ReadOptions.defaults());
    assertEquals("", t.cells()[0][0]);
    assertEquals("P02", t.cells()[0][1]);
  }

  @Test
  void aPasswordProtectedWorkbookIsSaidToBeOne() throws Exception {
    // Apache POI encrypts the R-written workbook as Excel does (agile encryption in an OLE2 container).
    org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
    org.apache.poi.poifs.crypt.EncryptionInfo info =
        new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile);
    org.apache.poi.poifs.crypt.Encryptor enc = info.getEncryptor();
    enc.confirmPassword("secret");
    try (java.io.OutputStream os = enc.getDataStream(fs)) {
      os.write(Files.readAllBytes(DIR.resolve("patients_onesheet.xlsx")));
    }
    Path f = tmp.resolve("locked.xlsx");
    try (java.io.OutputStream out = Files.newOutputStream(f)) {
      fs.writeFilesystem(out);
    }
    fs.close();
    DataException e = assertThrows(DataException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
    assertEquals("the workbook is password-protected (encrypted)", e.first().message());
  }
}
