package studybook.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import studybook.StudybookException;
import studybook.kernel.Study;

/**
 * The output folder of a run and its atomic replacement. Everything is written into a temporary
 * folder beside the target and swapped in only when complete, so a failed run leaves the previous
 * reports untouched. The target must lie inside the study (after resolving {@code ..} and links),
 * must not be the study itself or hold its inputs, and an existing target must look like earlier
 * output (it has a manifest.json), so a mistyped {@code --out} cannot replace an unrelated folder.
 */
public final class OutputFolder {
  private OutputFolder() {}

  /** The checked target for {@code out} (relative to the study when not absolute). */
  public static Path resolve(Study study, Path out) {
    Path root = study.dir();
    Path target = root.resolve(out).normalize();
    String shown = out.toString();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new StudybookException("--out " + shown + " must be a folder inside the study (" + root + ")");
    }
    try {
      Path realRoot = root.toRealPath();
      Path existing = target;
      while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (Files.isSymbolicLink(target)) {
        throw new StudybookException("--out " + shown + " is a symbolic link; give the real folder");
      }
      Path realExisting = existing.toRealPath();
      if (!realExisting.startsWith(realRoot) || (existing.equals(target) && realExisting.equals(realRoot))) {
        throw new StudybookException("--out " + shown + " leads outside the study through a link");
      }
    } catch (IOException e) {
      throw new StudybookException("--out " + shown + ": " + e.getMessage());
    }
    for (Path input : study.inputs().values()) {
      if (input.toAbsolutePath().normalize().startsWith(target)) {
        throw new StudybookException("--out " + shown + " holds the study's input " + study.display(input)
            + "; choose another folder");
      }
    }
    for (String protectedDir : new String[] {Study.ANALYSIS, Study.TEMPLATES, "data", ".studybook", ".git", "src"}) {
      if (target.startsWith(root.resolve(protectedDir))) {
        throw new StudybookException("--out " + shown + " is inside " + protectedDir + "/; choose another folder");
      }
    }
    if (Files.isDirectory(target) && !Files.isRegularFile(target.resolve("manifest.json"))
        && !isEmpty(target)) {
      throw new StudybookException("--out " + shown + " exists and is not a studybook output folder (no manifest.json);"
          + " refusing to replace it");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new StudybookException("--out " + shown + " is a file, not a folder");
    }
    return target;
  }

  /** A new empty folder beside {@code target} to write into. */
  public static Path staging(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new StudybookException("cannot create a folder beside " + target + ": " + e.getMessage());
    }
  }

  /** Replaces {@code target} by {@code staged}: two renames, the old folder back in place if the second fails. */
  public static void swap(Path staged, Path target) {
    Path old = null;
    try {
      if (Files.exists(target)) {
        old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        move(target, old);
      }
      try {
        move(staged, target);
      } catch (IOException e) {
        if (old != null) {
          move(old, target);
          old = null;
        }
        throw e;
      }
    } catch (IOException e) {
      throw new StudybookException("cannot put the new output in place at " + target + ": " + e.getMessage());
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes a folder we created; best effort, since a leftover temporary folder harms nothing. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // Left behind; the name starts with a dot and says what it is.
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
