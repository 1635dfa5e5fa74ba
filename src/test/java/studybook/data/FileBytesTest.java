package studybook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing in 1 MiB pieces gives the bytes the whole-file calls give, at and around the piece size. */
class FileBytesTest {
  @TempDir Path dir;

  @Test
  void readsAndWritesEveryByteAroundThePieceSize() throws Exception {
    java.util.Random random = new java.util.Random(26);
    for (int size : new int[] {0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17}) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      Path f = dir.resolve("f" + size);
      Files.write(f, b);
      assertArrayEquals(Files.readAllBytes(f), FileBytes.read(f), "read " + size);
      Path g = dir.resolve("g" + size);
      try (FileChannel ch = FileChannel.open(g, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        FileBytes.write(ch, ByteBuffer.wrap(b));
      }
      assertArrayEquals(b, Files.readAllBytes(g), "write " + size);
    }
  }
}
