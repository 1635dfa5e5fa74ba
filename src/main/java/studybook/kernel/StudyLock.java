package studybook.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import studybook.StudybookException;

/**
 * An exclusive lock on a study ({@code .studybook/run.lock}) so two runs do not interleave their
 * cache writes and output swaps. An OS file lock, so it is released even if the process dies;
 * re-entrant within one process, so a command can hold it across the kernel run and the rendering.
 */
public final class StudyLock implements AutoCloseable {
  private static final Map<Path, Held> HELD = new HashMap<>();

  private record Held(FileChannel channel, FileLock lock, int[] count) {}

  private final Path file;

  private StudyLock(Path file) {
    this.file = file;
  }

  /** Takes the lock or fails at once with a message saying another run holds it. */
  public static StudyLock acquire(Study study) {
    Path file = study.workDir().resolve("run.lock");
    synchronized (HELD) {
      Held held = HELD.get(file);
      if (held != null) {
        held.count()[0]++;
        return new StudyLock(file);
      }
      try {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw new StudybookException("another studybook run is using this study (" + study.display(file)
              + " is locked); wait for it to finish and try again");
        }
        HELD.put(file, new Held(channel, lock, new int[] {1}));
        return new StudyLock(file);
      } catch (IOException e) {
        throw new StudybookException("cannot lock the study (" + file + "): " + studybook.IoProblem.describe(e));
      }
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      Held held = HELD.get(file);
      if (held == null) {
        return;
      }
      if (--held.count()[0] > 0) {
        return;
      }
      HELD.remove(file);
      try {
        held.lock().release();
        held.channel().close();
      } catch (IOException e) {
        // The lock dies with the channel or the process anyway.
      }
    }
  }
}
