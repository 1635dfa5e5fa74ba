package studybook.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a run's code came from: the git commit of the study (tolerating no git), the Java runtime,
 * the version of every library on the class path, and a hash of the kernel's class path so cached
 * results are not reused after the statistics code itself changed.
 */
public final class Provenance {
  private static volatile String classpathHash;
  private static volatile Map<String, String> dependencies;

  private Provenance() {}

  /** The git commit and whether the work tree has uncommitted changes, or empty without git. */
  public record Git(String commit, boolean dirty) {}

  public static Optional<Git> git(Path dir) {
    Optional<String> head = git(dir, "rev-parse", "HEAD");
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return Optional.of(new Git(head.get().strip(), status.map(s -> !s.isBlank()).orElse(true)));
  }

  private static Optional<String> git(Path dir, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** "groupId:artifactId" → version, from every META-INF/maven/**&#47;pom.properties on the class path. */
  public static Map<String, String> dependencies() {
    Map<String, String> d = dependencies;
    if (d == null) {
      d = new TreeMap<>();
      for (String entry : classpath()) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          Path maven = p.resolve("META-INF/maven");
          if (Files.isDirectory(maven)) {
            try (Stream<Path> s = Files.walk(maven)) {
              for (Path f : s.filter(f -> f.getFileName().toString().equals("pom.properties")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                  addPom(d, in);
                }
              }
            } catch (IOException e) {
              // An unreadable folder only leaves a dependency unlisted.
            }
          }
        } else if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
          fromRepositoryPath(d, p);
          try (JarFile jar = new JarFile(p.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
              JarEntry e = entries.nextElement();
              if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                try (InputStream in = jar.getInputStream(e)) {
                  addPom(d, in);
                }
              }
            }
          } catch (IOException e) {
            // As above.
          }
        }
      }
      // Two libraries ship without pom.properties; they state their version in code.
      d.putIfAbsent("org.freemarker:freemarker", freemarker.template.Configuration.getVersion().toString());
      d.putIfAbsent("info.picocli:picocli", picocli.CommandLine.VERSION);
      d = java.util.Collections.unmodifiableMap(d);
      dependencies = d;
    }
    return d;
  }

  /** A jar in a Maven repository names itself: .../group/path/artifact/version/artifact-version.jar. */
  private static void fromRepositoryPath(Map<String, String> d, Path jar) {
    String path = jar.toString().replace('\\', '/');
    int repo = path.indexOf("/.m2/repository/");
    if (repo < 0) {
      return;
    }
    String[] parts = path.substring(repo + "/.m2/repository/".length()).split("/");
    if (parts.length < 4) {
      return;
    }
    String version = parts[parts.length - 2];
    String artifact = parts[parts.length - 3];
    String group = String.join(".", java.util.Arrays.copyOfRange(parts, 0, parts.length - 3));
    if (parts[parts.length - 1].startsWith(artifact + "-" + version)) {
      d.putIfAbsent(group + ":" + artifact, version);
    }
  }

  private static void addPom(Map<String, String> d, InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    String g = p.getProperty("groupId");
    String a = p.getProperty("artifactId");
    String v = p.getProperty("version");
    if (g != null && a != null && v != null) {
      d.put(g + ":" + a, v);
    }
  }

  /**
   * A hash of the kernel's class path: the contents of class folders and of jars outside the local
   * Maven repository (the studybook jar itself), and the path of released jars in it, whose
   * versioned paths already name their content.
   */
  public static String classpathHash() {
    return classpathHash(null);
  }

  /**
   * The hash of the kernel's class path (every class a cell can call), with jar hashes remembered
   * in {@code memoDir} by path, size and modification time: the shaded jar is ~70 MB, and hashing it
   * on every run cost more than running the cells. The content hash remains the identity; the memo
   * only avoids recomputing it for a file that has not been touched. {@code null}: no memo.
   */
  public static String classpathHash(Path memoDir) {
    String h = classpathHash;
    if (h == null) {
      Properties memo = readMemo(memoDir);
      boolean memoChanged = false;
      MessageDigest md = Hashes.sha256();
      for (String entry : classpath()) {
        Path p = Path.of(entry);
        md.update((entry + "\n").getBytes(StandardCharsets.UTF_8));
        try {
          if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
              for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update((p.relativize(f) + "\n").getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
              }
            }
          } else if (Files.isRegularFile(p) && !entry.replace('\\', '/').contains("/.m2/repository/")) {
            String key = p.toAbsolutePath() + "|" + Files.size(p) + "|"
                + Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS);
            String fileHash = memo.getProperty(key);
            if (fileHash == null) {
              fileHash = Hashes.ofFile(p);
              memo.setProperty(key, fileHash);
              memoChanged = true;
            }
            md.update(fileHash.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          md.update("unreadable".getBytes(StandardCharsets.UTF_8));
        }
      }
      h = HexFormat.of().formatHex(md.digest());
      classpathHash = h;
      if (memoChanged) {
        writeMemo(memoDir, memo);
      }
    }
    return h;
  }

  private static final String MEMO = "classpath-hashes.properties";

  private static Properties readMemo(Path memoDir) {
    Properties memo = new Properties();
    if (memoDir != null && Files.isRegularFile(memoDir.resolve(MEMO))) {
      try (InputStream in = Files.newInputStream(memoDir.resolve(MEMO))) {
        memo.load(in);
      } catch (IOException | IllegalArgumentException e) {
        memo.clear(); // an unreadable memo only costs one recomputation
      }
    }
    return memo;
  }

  private static void writeMemo(Path memoDir, Properties memo) {
    if (memoDir == null) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(memoDir);
      tmp = Files.createTempFile(memoDir, MEMO, ".tmp");
      try (var out = Files.newOutputStream(tmp)) {
        memo.store(out, null);
      }
      Files.move(tmp, memoDir.resolve(MEMO), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      // Not worth failing a run over: the next run recomputes.
    } finally {
      if (tmp != null) {
        TemporaryFiles.deleteTree(tmp);
      }
    }
  }

  private static List<String> classpath() {
    String cp = System.getProperty("java.class.path", "");
    return Stream.of(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty()).toList();
  }
}
