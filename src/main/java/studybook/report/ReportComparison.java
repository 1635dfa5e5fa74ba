package studybook.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import studybook.StudybookException;

/**
 * What {@code check} finds: output files of a fresh run that differ byte for byte from the
 * committed ones (the manifest aside, which records times), and input files whose hash on disk is
 * no longer the one the committed manifest recorded.
 */
public final class ReportComparison {
  private ReportComparison() {}

  /**
   * Differences between the committed output folder and a fresh one, one readable line each. Both are
   * read as files only: a link or any other special file in either folder is an error naming it (a link
   * in the committed reports would make the comparison read, and print, whatever file it points at).
   */
  public static List<String> outputs(Path committed, Path fresh) {
    filesOnly(committed);
    filesOnly(fresh);
    Set<String> names = new TreeSet<>();
    names.addAll(files(committed));
    names.addAll(files(fresh));
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      if (!ReportWriter.isReproducible(name)) {
        continue;
      }
      Path a = committed.resolve(name);
      Path b = fresh.resolve(name);
      if (!Files.exists(a)) {
        problems.add(name + ": made by a fresh run but not in the committed reports");
      } else if (!Files.exists(b)) {
        problems.add(name + ": in the committed reports but not made by a fresh run");
      } else {
        byte[] x = read(a);
        byte[] y = read(b);
        if (!Arrays.equals(x, y)) {
          problems.add(name + ": differs from a fresh run" + firstDifference(x, y));
        }
      }
    }
    return problems;
  }

  /** Inputs whose hash differs from the recorded one (or that appeared or vanished). */
  public static List<String> inputs(Map<String, String> recorded, Map<String, String> now) {
    Set<String> names = new TreeSet<>(recorded.keySet());
    names.addAll(now.keySet());
    List<String> problems = new ArrayList<>();
    for (String n : names) {
      String r = recorded.get(n);
      String c = now.get(n);
      if (r == null) {
        problems.add(n + ": an input the committed manifest does not know");
      } else if (c == null) {
        problems.add(n + ": recorded in the committed manifest but no longer an input");
      } else if (!r.equals(c)) {
        problems.add(n + ": changed since the committed reports were made");
      }
    }
    return problems;
  }

  private static String firstDifference(byte[] x, byte[] y) {
    String[] a = new String(x, StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(y, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String l = i < a.length ? a[i] : "";
      String r = i < b.length ? b[i] : "";
      if (!l.equals(r)) {
        return " (first at line " + (i + 1) + ": committed '" + clip(l) + "', fresh '" + clip(r) + "')";
      }
    }
    return "";
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** Refuses a folder that holds (or is) anything but plain files and folders. */
  public static void filesOnly(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(f -> {
        if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          throw new StudybookException(f + " is " + (Files.isSymbolicLink(f) ? "a symbolic link" : "not a plain file")
              + ": a report folder holds plain files only, so it is not read");
        }
      });
    } catch (IOException e) {
      throw new StudybookException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static Set<String> files(Path dir) {
    Set<String> names = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(f -> names.add(dir.relativize(f).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new StudybookException("cannot list " + dir + ": " + e.getMessage());
    }
    return names;
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new StudybookException("cannot read " + f + ": " + e.getMessage());
    }
  }
}
