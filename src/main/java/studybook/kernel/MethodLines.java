package studybook.kernel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The first source line of each method of a compiled class, from its {@code LineNumberTable} (JVMS §4.7.12,
 * which javac writes by default): where a cell's code starts, known from the classes whether they were
 * compiled now or taken from the cache, without parsing the script again. Written by hand for the same
 * reason as {@link ClassReferences}: the JDK 17 API has no class-file reader.
 */
final class MethodLines {
  private MethodLines() {}

  /** Method name → the smallest line number in its code (overloads: the smallest of all); methods without lines are absent. */
  static Map<String, Integer> of(byte[] classFile) {
    Map<String, Integer> lines = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
          case 5, 6 -> {
            in.skipNBytes(8);
            i++;
          }
          case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
          case 15 -> in.skipNBytes(3);
          default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag);
        }
      }
      in.skipNBytes(6); // access flags, this class, super class
      in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int f = 0; f < fields; f++) {
        in.skipNBytes(6);
        skipAttributes(in);
      }
      int methods = in.readUnsignedShort();
      for (int m = 0; m < methods; m++) {
        in.skipNBytes(2);
        String name = utf8[in.readUnsignedShort()];
        in.skipNBytes(2);
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (!"Code".equals(attribute)) {
            in.skipNBytes(length);
            continue;
          }
          in.skipNBytes(4); // max stack, max locals
          in.skipNBytes(in.readInt()); // the code
          in.skipNBytes(8L * in.readUnsignedShort()); // exception table
          int codeAttributes = in.readUnsignedShort();
          for (int c = 0; c < codeAttributes; c++) {
            String codeAttribute = utf8[in.readUnsignedShort()];
            int codeLength = in.readInt();
            if (!"LineNumberTable".equals(codeAttribute)) {
              in.skipNBytes(codeLength);
              continue;
            }
            int entries = in.readUnsignedShort();
            for (int e = 0; e < entries; e++) {
              in.readUnsignedShort(); // start pc
              int line = in.readUnsignedShort();
              lines.merge(name, line, Math::min);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated class file", e);
    }
    return lines;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.skipNBytes(2);
      in.skipNBytes(in.readInt());
    }
  }
}
