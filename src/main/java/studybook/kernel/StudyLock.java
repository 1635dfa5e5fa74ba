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
 *
 * <p>Everything studybook writes in the work folder (cache, classes, rasters, the run log) it writes
 * under this lock, so taking it is where the folder is checked: a symbolic link anywhere in it
 * ({@code .studybook} itself included) is refused with its path, never followed, since a link there
 * would send cache writes, the lock or cache reads to any file the user can reach.
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
      refuseLinks(study);
      try {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
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
        // No other process holds the lock: a temporary file in the work folder is a killed or failed write's.
        TemporaryFiles.sweep(study.workDir());
        return new StudyLock(file);
      } catch (IOException e) {
        throw new StudybookException("cannot lock the study (" + file + "): " + studybook.IoProblem.describe(e));
      }
    }
  }

  /** Fails naming the first symbolic link in the study's work folder (the folder itself included), if any. */
  static void refuseLinks(Study study) {
    Path work = study.workDir();
    if (!Files.exists(work, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path link = null;
    if (Files.isSymbolicLink(work)) {
      link = work;
    } else {
      // Files.walk follows no link: a linked folder is listed, not entered.
      try (java.util.stream.Stream<Path> s = Files.walk(work)) {
        link = s.filter(Files::isSymbolicLink).findFirst().orElse(null);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new StudybookException("cannot read the study's work folder " + study.display(work) + ": "
            + studybook.IoProblem.describe(e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e));
      }
    }
    if (link != null) {
      throw new StudybookException(study.display(link) + " is a symbolic link; studybook's work folder holds only"
          + " files it made and follows no link in it (a link there would send its cache and lock writes elsewhere)."
          + " Remove the link (rm " + study.display(link) + "); the folder is remade as needed");
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
