package studybook.kernel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class names a compiled class mentions anywhere in its constant pool (JVMS §4.4): class
 * entries, field and method descriptors, generic signatures and string constants that name a class.
 * Written by hand because the JDK 17 API has no class-file reader and the need is a 40-line walk.
 */
final class ClassReferences {
  private static final Pattern IN_DESCRIPTOR = Pattern.compile("L([^;<>()\\[]+)[;<]");

  private ClassReferences() {}

  /** Every binary name (dots, {@code $} for nested classes) the class file's constant pool mentions. */
  static Set<String> of(byte[] classFile) {
    Set<String> names = new HashSet<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> {
            String utf8 = in.readUTF();
            names.add(utf8.replace('/', '.'));
            Matcher m = IN_DESCRIPTOR.matcher(utf8);
            while (m.find()) {
              names.add(m.group(1).replace('/', '.'));
            }
          }
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
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated class file", e);
    }
    return names;
  }
}
