package studybook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory control group for {@code --sandbox}: a new group below this process's own, with a memory limit,
 * which the sandbox joins before bwrap starts, so its native memory counts as well as the Java heap. Made
 * where this process may (as root, or where its group was delegated to it), on cgroup v1's memory
 * hierarchy or cgroup v2; elsewhere {@link #make} gives null and the caller says what holds instead.
 * Removed on close (the group is empty by then: the sandbox's processes have ended).
 */
final class MemoryGroup implements AutoCloseable {
  private final Path dir;
  private final String procs;

  private MemoryGroup(Path dir, String procs) {
    this.dir = dir;
    this.procs = procs;
  }

  /** The file a process writes its id into to join the group. */
  Path procs() {
    return dir.resolve(procs);
  }

  /** A group holding its processes to {@code bytes}, or null where none can be made here. */
  static MemoryGroup make(long bytes) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    String name = "studybook-sandbox-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    for (String line : lines) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && List.of(f[1].split(",")).contains("memory")) {
        MemoryGroup g = attempt(Path.of("/sys/fs/cgroup/memory" + f[2]).resolve(name), "memory.limit_in_bytes", bytes,
            "cgroup.procs");
        if (g != null) {
          return g;
        }
      }
    }
    for (String line : lines) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
        for (String root : List.of("/sys/fs/cgroup", "/sys/fs/cgroup/unified")) {
          MemoryGroup g = attempt(Path.of(root + f[2]).resolve(name), "memory.max", bytes, "cgroup.procs");
          if (g != null) {
            return g;
          }
        }
      }
    }
    return null;
  }

  private static MemoryGroup attempt(Path dir, String limitFile, long bytes, String procs) {
    try {
      if (!Files.isDirectory(dir.getParent())) {
        return null;
      }
      Files.createDirectory(dir);
      MemoryGroup g = new MemoryGroup(dir, procs);
      try {
        Files.writeString(dir.resolve(limitFile), Long.toString(bytes));
        if (!Files.isWritable(g.procs())) {
          throw new IOException("cannot join");
        }
        return g;
      } catch (IOException | RuntimeException e) {
        g.close();
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a group with a process still in it cannot go; the system removes it when that process ends
    }
  }
}
