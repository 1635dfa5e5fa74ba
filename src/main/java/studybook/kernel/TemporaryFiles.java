package studybook.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The temporary files and folders studybook leaves when a write fails (a full disk) or the process is
 * killed, and their removal. Every writer in the study's work folder writes a temporary file (or
 * folder) and moves it into place, deleting it if the write fails; a process killed in between leaves
 * it, so the next holder of the {@link StudyLock} (which no other process can hold at the same time)
 * removes every such leftover before it writes anything ({@link #sweep}). Temporary folders outside the
 * study (check's fresh render) carry the process id in their name and are removed by the next command
 * once that process is gone ({@link #createDirectory}).
 */
public final class TemporaryFiles {
  private TemporaryFiles() {}

  /**
   * Whether {@code name} is one of the work folder's temporary names: {@code .tmp-*} (cache entries),
   * {@code last-run*.tmp} (the run log), {@code raster*.tmp} (Word rasters), {@code *.properties*.tmp}
   * (the class-path memo), {@code compiling-*} and {@code stale-*} (compiled classes).
   */
  static boolean isTemporary(String name) {
    return name.startsWith(".tmp-") || name.startsWith("last-run") && name.endsWith(".tmp")
        || name.startsWith("raster") && name.endsWith(".tmp") || name.contains(".properties") && name.endsWith(".tmp")
        || name.startsWith("compiling-") || name.startsWith("stale-");
  }

  /**
   * Removes every temporary file and folder (see {@link #isTemporary}) under the work folder
   * {@code work}, links never followed; the caller holds the study lock. Best effort: what cannot be
   * removed now is tried again next time; returns how many were removed.
   */
  public static int sweep(Path work) {
    if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    List<Path> found;
    try (Stream<Path> s = Files.walk(work)) {
      found = s.filter(p -> !p.equals(work) && isTemporary(p.getFileName().toString())).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
    int removed = 0;
    for (Path p : found) {
      if (deleteTree(p)) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * A new folder in the system's temporary folder named {@code prefix<pid>-<random>}; first removes
   * the folders of that prefix whose process is no longer running (killed before it could clean up).
   */
  public static Path createDirectory(String prefix) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    sweepDead(tmp, prefix);
    return Files.createTempDirectory(tmp, prefix + ProcessHandle.current().pid() + "-");
  }

  /** Removes the folders {@code prefix<pid>-*} in {@code dir} whose process is gone. */
  static int sweepDead(Path dir, String prefix) {
    int removed = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, prefix + "*")) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? "" : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue; // not one of ours (or from a version without the pid): left alone
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && ownedByMe(p) && deleteTree(p)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // nothing to sweep
    }
    return removed;
  }

  private static boolean ownedByMe(Path p) {
    try {
      long owner = ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
      return owner == new com.sun.security.auth.module.UnixSystem().getUid();
    } catch (UnsupportedOperationException | IllegalArgumentException | LinkageError | IOException e) {
      try {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
      } catch (IOException | RuntimeException again) {
        return false;
      }
    }
  }

  /** Deletes {@code p} (a file, or a folder with everything in it), never following a link; true when gone. */
  static boolean deleteTree(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
      return true;
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
