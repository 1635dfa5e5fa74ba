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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import studybook.StudybookException;
import studybook.kernel.Study;

/**
 * The output folder of a run and its atomic replacement. Everything is written into a temporary
 * folder beside the target and swapped in only when complete, so a failed run leaves the previous
 * reports untouched. The target must lie inside the study (after resolving {@code ..} and links),
 * must not be the study itself or hold its inputs, and an existing target must be one studybook made
 * (it holds the {@value #MARKER} file every output folder gets, or a manifest.json listing its files)
 * and hold no file studybook did not write, so a mistyped {@code --out} cannot replace an unrelated
 * folder and nobody's notes are deleted with an old report. A swap interrupted by {@code kill -9}
 * is repaired by the next run: the previous output is put back if the target is missing, and the
 * half-written and old folders it left beside the target are removed. Folders and files are
 * created with the permissions the user's umask gives, as {@code mkdir} would.
 */
public final class OutputFolder {
  /** The file that marks a folder as studybook's output (reproducible: its text never changes). */
  public static final String MARKER = ".studybook-output";

  private static final String MARKER_TEXT = "This folder is written by studybook; 'studybook run' replaces it as a whole.\n";

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
      throw new StudybookException("--out " + shown + ": " + studybook.IoProblem.describe(e));
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
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new StudybookException("--out " + shown + " is a file, not a folder");
    }
    if (Files.isDirectory(target) && !isEmpty(target)) {
      Set<String> known = writtenBy(target).orElseThrow(() -> new StudybookException("--out " + shown
          + " exists and is not a studybook output folder (no " + MARKER + " or manifest.json listing its files);"
          + " refusing to replace it"));
      List<String> unknown = filesIn(target).stream().filter(f -> !known.contains(f)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new StudybookException("--out " + shown + " holds " + unknown.size() + " file" + (unknown.size() == 1 ? "" : "s")
            + " studybook did not write (" + String.join(", ", unknown.subList(0, Math.min(3, unknown.size())))
            + (unknown.size() > 3 ? ", ..." : "") + "); move " + (unknown.size() == 1 ? "it" : "them")
            + " elsewhere: studybook replaces its output folder as a whole and never deletes a file it did not make");
      }
    }
    return target;
  }

  /** Marks {@code dir} (e.g. check's fresh render) as output, as every staged folder is. */
  public static void mark(Path dir) {
    try {
      Files.writeString(dir.resolve(MARKER), MARKER_TEXT);
    } catch (IOException e) {
      throw new StudybookException("cannot write " + dir.resolve(MARKER) + ": " + studybook.IoProblem.describe(e));
    }
  }

  /**
   * Where the key of the render now in {@code target} is remembered: in the study's git-ignored work
   * folder, since it depends on the machine (class path) and must not make the committed manifest differ.
   */
  public static Path renderKeyFile(Study study, Path target) {
    String name = study.display(target).replaceAll("[^A-Za-z0-9._-]", "_");
    return study.workDir().resolve("render").resolve(name + ".key");
  }

  /** The files studybook wrote in {@code dir} (by relative path), or empty when it did not make the folder. */
  private static Optional<Set<String>> writtenBy(Path dir) {
    Path manifest = dir.resolve("manifest.json");
    boolean marked = Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    Set<String> known = new HashSet<>(List.of(MARKER, "manifest.json"));
    if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      try {
        JsonNode outputs = new ObjectMapper().readTree(Files.readAllBytes(manifest)).path("outputs");
        if (outputs.isObject()) {
          outputs.fieldNames().forEachRemaining(known::add);
          return Optional.of(known);
        }
      } catch (IOException | RuntimeException e) {
        // Not a manifest studybook can read: only the marker vouches for the folder.
      }
    }
    return marked ? Optional.of(known) : Optional.empty();
  }

  private static List<String> filesIn(Path dir) {
    try (var s = Files.walk(dir)) {
      return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
    } catch (IOException e) {
      throw new StudybookException("cannot list " + dir + ": " + studybook.IoProblem.describe(e));
    }
  }

  /**
   * A new empty folder beside {@code target} to write into, holding the {@value #MARKER} file, created
   * as {@code mkdir} would (the umask decides its permissions, unlike a temporary folder's 0700).
   * First repairs what an interrupted swap left beside the target.
   */
  public static Path staging(Path target) {
    try {
      Files.createDirectories(target.getParent());
      recover(target);
      Path staged = createUnique(target, ".tmp-");
      Files.writeString(staged.resolve(MARKER), MARKER_TEXT);
      return staged;
    } catch (IOException e) {
      throw new StudybookException("cannot create a folder beside " + target + ": " + studybook.IoProblem.describe(e));
    }
  }

  /**
   * Repairs an interrupted swap: a missing target gets the newest previous output back, and the
   * staging and old folders (named {@code .<target>.tmp-*} and {@code .<target>.old-*}) are removed.
   * Runs under the study lock, so no other run is writing them.
   */
  static void recover(Path target) throws IOException {
    String tmpPrefix = "." + target.getFileName() + ".tmp-";
    String oldPrefix = "." + target.getFileName() + ".old-";
    List<Path> tmps = new ArrayList<>();
    List<Path> olds = new ArrayList<>();
    try (var s = Files.list(target.getParent())) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(tmpPrefix) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          tmps.add(p);
        } else if (n.startsWith(oldPrefix) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          olds.add(p);
        }
      }
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
      olds.sort(Comparator.comparing((Path p) -> {
        try {
          return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          return java.nio.file.attribute.FileTime.fromMillis(0);
        }
      }));
      move(olds.remove(olds.size() - 1), target);
    }
    tmps.forEach(OutputFolder::deleteTree);
    olds.forEach(OutputFolder::deleteTree);
  }

  /** A new folder named {@code .<target><infix><random>} beside the target, created with the umask's permissions. */
  private static Path createUnique(Path target, String infix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p = target.resolveSibling("." + target.getFileName() + infix
          + Long.toUnsignedString(RANDOM.nextLong(), 36));
      try {
        return Files.createDirectory(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /**
   * Replaces {@code target} by {@code staged}: two renames, the old folder back in place if the second
   * fails, then the old folder deleted. First checks that the old folder can be deleted (every folder
   * and file in it writable): a read-only output folder is refused with its first read-only path and
   * nothing changes, where it used to be swapped out and then left beside the target as
   * {@code .<target>.old-*}. Should the old folder still resist deletion, the error names it.
   */
  public static void swap(Path staged, Path target) {
    Path old = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Optional<Path> stuck = notRemovable(target);
      if (stuck.isPresent()) {
        Path p = stuck.get();
        throw new StudybookException("cannot replace " + target + ": " + (p.equals(target) ? "the folder"
            : target.relativize(p).toString().replace('\\', '/')) + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            ? " is a read-only folder" : " is read-only") + ", so the previous output could not be removed;"
            + " nothing was changed. Make it writable (chmod -R u+w " + target + ") and run again");
      }
    }
    try {
      if (Files.exists(target)) {
        old = createUnique(target, ".old-");
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
      throw new StudybookException("cannot put the new output in place at " + target + ": " + studybook.IoProblem.describe(e));
    }
    if (old != null) {
      IOException failed = deleteTreeOrSay(old);
      if (failed != null) {
        throw new StudybookException("the new output is in place at " + target + ", but the previous one could not be"
            + " removed: " + old + " (" + studybook.IoProblem.describe(failed) + "); remove it by hand");
      }
    }
  }

  /** The first folder or file under {@code dir} (itself included) this process may not change, if any. */
  static Optional<Path> notRemovable(Path dir) {
    try (var s = Files.walk(dir)) {
      return s.filter(p -> !Files.isSymbolicLink(p) && !Files.isWritable(p)).findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.of(dir);
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
    deleteTreeOrSay(dir);
  }

  /** Deletes a folder we created (links are removed, never followed); the first failure, or null. */
  static IOException deleteTreeOrSay(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return null;
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
      return null;
    } catch (IOException e) {
      return e;
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
