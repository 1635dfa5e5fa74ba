package studybook.twin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import studybook.StudybookException;

/** Writes the twin as CSV: LF line ends, fixed decimals, so the same seed gives the same bytes. */
public final class TwinCsv {
  private TwinCsv() {}

  public static String render(List<TwinPatient> patients) {
    StringBuilder s = new StringBuilder(TwinPatient.HEADER).append('\n');
    for (TwinPatient p : patients) {
      s.append(p.csvLine()).append('\n');
    }
    return s.toString();
  }

  /** Writes through a temporary file in the same folder, so a failed run never leaves half a file. */
  public static void write(List<TwinPatient> patients, Path out) {
    Path dir = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".twin", ".csv");
      Files.writeString(tmp, render(patients), StandardCharsets.UTF_8);
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StudybookException("cannot write " + out + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new StudybookException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
