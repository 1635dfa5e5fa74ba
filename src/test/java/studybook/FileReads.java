package studybook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts how often this process reads files to their end, as the JDK's own flight recorder sees it
 * ({@code jdk.FileRead} events of every FileInputStream, RandomAccessFile and FileChannel, with their stacks):
 * a black-box count that no code path can bypass by reading a file some other way than through studybook's helpers.
 */
public final class FileReads implements AutoCloseable {
  /** One read that reached the end of a file, with the methods on the stack (innermost first). */
  public record Read(Path file, List<String> stack) {
    public boolean through(String method) {
      return stack.stream().anyMatch(f -> f.equals(method));
    }

    /** The file and the studybook methods that read it (the rest of the stack is noise in a message). */
    @Override
    public String toString() {
      return file.getFileName() + " by " + stack.stream().filter(f -> f.startsWith("studybook.")).limit(4).toList();
    }
  }

  private final Recording recording = new Recording();
  private List<Read> reads;

  private FileReads() {
    recording.enable("jdk.FileRead").withThreshold(java.time.Duration.ZERO).withStackTrace();
    recording.setSettings(Map.of("jdk.FileRead#enabled", "true", "jdk.FileRead#threshold", "0 ms",
        "jdk.FileRead#stackTrace", "true"));
    recording.start();
  }

  /** Starts recording. */
  public static FileReads start() {
    return new FileReads();
  }

  /** Stops recording (once) and returns every read to the end of a file, in order. */
  public List<Read> stop() throws IOException {
    if (reads != null) {
      return reads;
    }
    recording.stop();
    Path dump = Files.createTempFile("studybook-file-reads", ".jfr");
    try {
      recording.dump(dump);
      List<Read> out = new ArrayList<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(dump)) {
        if (!e.getEventType().getName().equals("jdk.FileRead") || !e.getBoolean("endOfFile")
            || e.getString("path") == null) {
          continue;
        }
        List<String> stack = new ArrayList<>();
        if (e.getStackTrace() != null) {
          for (RecordedFrame f : e.getStackTrace().getFrames()) {
            stack.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
          }
        }
        out.add(new Read(Path.of(e.getString("path")).toAbsolutePath().normalize(), stack));
      }
      reads = out;
      return out;
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  /** The reads of {@code file} (any spelling of its path) to its end. */
  public List<Read> of(Path file) throws IOException {
    Path f = file.toAbsolutePath().normalize();
    return stop().stream().filter(r -> r.file().equals(f)).toList();
  }

  @Override
  public void close() {
    recording.close();
  }
}
