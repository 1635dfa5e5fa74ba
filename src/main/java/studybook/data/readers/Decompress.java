package studybook.data.readers;

/**
 * The two compressions of SAS datasets, for one row at a time: RLE ({@code COMPRESS=CHAR}, "SASYZCRL")
 * and RDC ({@code COMPRESS=BINARY}, "SASYZCR2", Ross Data Compression).
 *
 * <p>Written by hand from the published descriptions of the format (M. S. Shotwell's "SAS7BDAT Database
 * Binary Format" and the command tables documented with ReadStat and pandas), because parso, the Java
 * library that reads them, hands on wrong values for short numbers and refuses deleted rows; no code was
 * copied. A row that decompresses to more or fewer bytes than the row length is a damaged file.
 */
final class Decompress {
  private Decompress() {}

  /** Decompresses the {@code length} bytes at {@code at} into {@code out} (one row), or refuses the file there. */
  static void row(BinaryInput in, String compression, int at, int length, byte[] out, long observation) {
    int n;
    try {
      n = Sas7bdatReader.RDC.equals(compression) ? rdc(in.bytes, at, length, out) : rle(in.bytes, at, length, out);
    } catch (IndexOutOfBoundsException e) {
      n = -1;
    }
    if (n != out.length) {
      throw in.error(at, "observation " + observation + " does not decompress to a row of " + out.length + " bytes ("
          + compression + ")", "the file is damaged; export it again from SAS");
    }
  }

  /**
   * RLE: a control byte, its high half the command, its low half {@code k} a length; copies of literal
   * bytes and runs of one byte (a given one, blank, zero or '@').
   */
  static int rle(byte[] src, int at, int length, byte[] out) {
    int i = at;
    int end = at + length;
    int o = 0;
    while (i < end) {
      int control = src[i] & 0xff;
      int command = control >> 4;
      int k = control & 0x0f;
      i++;
      switch (command) {
        case 0x0, 0x1 -> { // copy (next byte + 64 + 256 k) literal bytes; 0x1 adds 4096
          int count = (src[i++] & 0xff) + 64 + k * 256 + (command == 1 ? 4096 : 0);
          System.arraycopy(src, i, out, o, count);
          i += count;
          o += count;
        }
        case 0x2 -> { // copy k + 96 literal bytes
          int count = k + 96;
          System.arraycopy(src, i, out, o, count);
          i += count;
          o += count;
        }
        case 0x4 -> { // a run of the byte after the count: (count byte + 18 + 256 k)
          int count = (src[i++] & 0xff) + 18 + k * 256;
          o = fill(out, o, count, src[i++]);
        }
        case 0x6 -> o = fill(out, o, (src[i++] & 0xff) + 17 + k * 256, (byte) ' ');
        case 0x7 -> o = fill(out, o, (src[i++] & 0xff) + 17 + k * 256, (byte) 0);
        case 0x8, 0x9, 0xA, 0xB -> { // copy k + 1, + 17, + 33, + 49 literal bytes
          int count = k + 1 + 16 * (command - 0x8);
          System.arraycopy(src, i, out, o, count);
          i += count;
          o += count;
        }
        case 0xC -> o = fill(out, o, k + 3, src[i++]);
        case 0xD -> o = fill(out, o, k + 2, (byte) '@');
        case 0xE -> o = fill(out, o, k + 2, (byte) ' ');
        case 0xF -> o = fill(out, o, k + 2, (byte) 0);
        default -> {
          return -1; // commands 0x3 and 0x5 do not occur
        }
      }
    }
    return o;
  }

  private static int fill(byte[] out, int o, int count, byte value) {
    java.util.Arrays.fill(out, o, o + count, value);
    return o + count;
  }

  /**
   * RDC: 16 control bits (high bit first) say of each item whether it is a literal byte (0) or a command
   * (1): a short or long run of one byte, or a copy of earlier output (a short or long pattern).
   */
  static int rdc(byte[] src, int at, int length, byte[] out) {
    int i = at;
    int end = at + length;
    int o = 0;
    int bits = 0;
    int mask = 0;
    while (i < end) {
      mask >>>= 1;
      if (mask == 0) {
        bits = (src[i] & 0xff) << 8 | src[i + 1] & 0xff;
        i += 2;
        mask = 0x8000;
        if (i >= end) {
          break;
        }
      }
      if ((bits & mask) == 0) {
        out[o++] = src[i++];
        continue;
      }
      int command = (src[i] & 0xff) >> 4;
      int count = src[i] & 0x0f;
      i++;
      if (command == 0) { // short run: count + 3 copies of the next byte
        o = fill(out, o, count + 3, src[i++]);
      } else if (command == 1) { // long run
        count += ((src[i++] & 0xff) << 4) + 19;
        o = fill(out, o, count, src[i++]);
      } else {
        int offset = count + 3 + ((src[i++] & 0xff) << 4);
        int copy = command == 2 ? (src[i++] & 0xff) + 16 : command; // long pattern, else short of `command` bytes
        if (offset > o) {
          return -1;
        }
        for (int j = 0; j < copy; j++) {
          out[o] = out[o - offset];
          o++;
        }
      }
    }
    return o;
  }
}
