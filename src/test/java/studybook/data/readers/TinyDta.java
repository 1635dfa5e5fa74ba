package studybook.data.readers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a Stata 114 dataset (little-endian, Windows-1252 text) byte by byte, as Stata's published
 * description of the format ({@code help dta}) lays it out: for tests that need a damaged value, an
 * extreme date or a hostile label that no tool would write on request.
 */
public final class TinyDta {
  private TinyDta() {}

  /** One byte-typed variable {@code d} with a variable label, one value-label table {@code lbl} on it, and {@code values}. */
  public static byte[] labelled(String varLabel, int labelledValue, String valueLabel, byte... values) {
    byte[] text = (valueLabel + "\0").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer table = ByteBuffer.allocate(8 + 8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    table.putInt(1).putInt(text.length).putInt(0).putInt(labelledValue).put(text);
    ByteBuffer labels = ByteBuffer.allocate(4 + 33 + 3 + table.capacity()).order(ByteOrder.LITTLE_ENDIAN);
    labels.putInt(table.capacity()).put(Arrays.copyOf("lbl".getBytes(StandardCharsets.US_ASCII), 33)).put(new byte[3])
        .put(table.array());
    return file(251, "%8.0g", "lbl", varLabel, values.length, values, labels.array());
  }

  /** One variable {@code d} of storage type {@code type} and display format {@code format}; {@code nobs} declared. */
  public static byte[] file(int type, String format, String valueLabelName, String varLabel, long nobs, byte[] data,
      byte[] valueLabels) {
    ByteBuffer b = ByteBuffer.allocate(109 + 1 + 33 + 4 + 49 + 33 + 81 + 5 + data.length + valueLabels.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 114).put((byte) 2).put((byte) 1).put((byte) 0).putShort((short) 1).putInt((int) nobs);
    b.position(109);
    b.put((byte) type);
    b.put(Arrays.copyOf("d".getBytes(StandardCharsets.US_ASCII), 33));
    b.put(new byte[4]);
    b.put(Arrays.copyOf(format.getBytes(StandardCharsets.US_ASCII), 49));
    b.put(Arrays.copyOf(valueLabelName.getBytes(StandardCharsets.US_ASCII), 33));
    b.put(Arrays.copyOf(varLabel.getBytes(StandardCharsets.ISO_8859_1), 81));
    b.put(new byte[5]).put(data).put(valueLabels);
    return b.array();
  }
}
