package studybook.data.readers;

import java.nio.file.Path;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads a SAS dataset ({@code .sas7bdat}, plain or RLE/RDC-compressed): variable labels, dates by the
 * variable's format (days since 1960-01-01), numbers stored in 3 to 7 bytes, the special missing values
 * {@code .A}-{@code .Z} and {@code ._}, and observations deleted in SAS left out. Value labels live in a
 * separate SAS format catalog, which this reader does not read. The rows are read by
 * {@link Sas7bdatReader}; parso (com.epam:parso, Apache-2.0) lends only its table of SAS encodings, since
 * its values are wrong for short numbers, for Stat/Transfer's files and for compressed files with deleted rows.
 */
final class SasReader {
  private SasReader() {}

  /** The first bytes of every sas7bdat file (its 32-byte magic number ends with these). */
  private static final byte[] MAGIC_TAIL = {(byte) 0xc2, (byte) 0xea, (byte) 0x81, 0x60, (byte) 0xb3, 0x14, 0x11,
      (byte) 0xcf, (byte) 0xbd, (byte) 0x92, 0x08, 0x00, 0x09, (byte) 0xc7, 0x31, (byte) 0x8c, 0x18, 0x1f, 0x10, 0x11};

  static SourceTable read(Path file, byte[] bytes) {
    if (bytes.length < 32 || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(bytes, 12, 32), MAGIC_TAIL)) {
      throw new DataException(new DataProblem(file, 0, null, null, "at byte offset 0: is not a SAS dataset (no sas7bdat magic number)",
          "check that the file is what its name says, or declare data.format"));
    }
    return Sas7bdatReader.read(file, bytes);
  }
}
