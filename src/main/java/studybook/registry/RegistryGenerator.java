package studybook.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import studybook.StudybookException;

/**
 * Writes a synthetic registry of small rectal neuroendocrine tumours treated by endoscopic resection,
 * one CSV row per patient, with the columns of the study's codebook ({@link #COLUMNS}).
 *
 * <p>The rows are plausible and correlated, by a small generative model whose coefficients are the
 * constants below: age ~ N(55, 11) in whole years within 20..89; 60% male; tumour size log-normal with
 * median 5.5 mm (0.1 mm steps, 1.0..15.0 mm); initial diagnosis by polypectomy in 20%; a NET suspected
 * less often after polypectomy; resection method depending on suspicion and size; G2, submucosal depth
 * and lymphovascular invasion growing with size; margins worse after conventional EMR and polypectomy;
 * curative when G1, LVI negative, margins negative and size at most 10 mm; additional treatment a logistic
 * function of all nine study predictors (so it is a proper logistic outcome, never a deterministic one);
 * recurrence from an exponential hazard raised by LVI, G2, positive margins and size and lowered by
 * additional treatment, censored uniformly between 6 and 120 months. depth is missing (empty) in 1% of
 * rows and tumor_size_mm in 0.3%, to exercise the missing-value paths.
 *
 * <p>Deterministic: the same seed gives identical bytes on any JVM, and the first k rows of an n-row
 * file are the k-row file. Streaming: memory does not grow with the number of rows. The file appears
 * only when complete (written to a temporary sibling, then moved into place).
 */
public final class RegistryGenerator {
  /** The header, in order. */
  public static final List<String> COLUMNS = List.of("patient_id", "age", "sex", "tumor_size_mm", "initial_diagnosis",
      "suspected_net", "er_method", "grade", "depth", "lvi", "resection_margin", "curative", "additional_treatment",
      "followup_months", "recurrence");

  private static final int BUFFER = 1 << 16;
  private static final int LONGEST_ROW = 256;

  private static final byte[] MALE = ascii("male,");
  private static final byte[] FEMALE = ascii("female,");
  private static final byte[] BIOPSY = ascii("biopsy,");
  private static final byte[] POLYPECTOMY = ascii("polypectomy,");
  private static final byte[] YES = ascii("yes,");
  private static final byte[] NO = ascii("no,");
  private static final byte[][] METHOD = {ascii("conventional_emr,"), ascii("modified_emr,"), ascii("esd,")};
  private static final byte[] G1 = ascii("G1,");
  private static final byte[] G2 = ascii("G2,");
  private static final byte[] MUCOSA = ascii("mucosa,");
  private static final byte[] SUBMUCOSA = ascii("submucosa,");
  private static final byte[] NEGATIVE = ascii("negative,");
  private static final byte[] POSITIVE = ascii("positive,");
  private static final byte[][] MARGIN = {NEGATIVE, POSITIVE, ascii("indeterminate,")};

  private static final int CONVENTIONAL = 0;
  private static final int MODIFIED = 1;
  private static final int ESD = 2;
  private static final int MARGIN_NEGATIVE = 0;
  private static final int MARGIN_POSITIVE = 1;
  private static final int MARGIN_INDETERMINATE = 2;

  private RegistryGenerator() {}

  /**
   * Writes {@code rows} patients drawn with {@code seed} to {@code out}, replacing it atomically.
   *
   * @throws StudybookException when rows is not positive or the file cannot be written
   */
  public static RegistrySummary write(Path out, long rows, long seed) {
    if (rows < 1) {
      throw new StudybookException("--rows must be at least 1, not " + rows);
    }
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
      Counts counts;
      try (OutputStream stream = Files.newOutputStream(temp)) {
        counts = write(stream, rows, seed);
      }
      long bytes = Files.size(temp);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return new RegistrySummary(out, rows, seed, bytes, counts.recurrences, counts.additionalTreatments);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StudybookException("cannot write the registry to " + out + ": " + e.getMessage(), e);
    }
  }

  /** How many events of each kind the rows hold, for the summary line. */
  record Counts(long recurrences, long additionalTreatments) {}

  /** Streams the header and {@code rows} patients to {@code stream} (not closed). */
  static Counts write(OutputStream stream, long rows, long seed) throws IOException {
    SplitMix64 rng = new SplitMix64(seed);
    byte[] buf = new byte[BUFFER];
    int pos = put(buf, 0, ascii(String.join(",", COLUMNS) + "\n"));
    long recurrences = 0;
    long additional = 0;
    for (long id = 1; id <= rows; id++) {
      if (pos > BUFFER - LONGEST_ROW) {
        stream.write(buf, 0, pos);
        pos = 0;
      }
      int age = (int) Math.max(20, Math.min(89, Math.round(55 + 11 * rng.nextGaussian())));
      boolean male = rng.chance(0.60);
      double logSize = StrictMath.log(5.5) + 0.40 * rng.nextGaussian();
      int sizeTenths = (int) Math.max(10, Math.min(150, Math.round(10 * StrictMath.exp(logSize))));
      double size = sizeTenths / 10.0;
      double sizeDelta = size - 5.5;
      boolean polypectomy = rng.chance(0.20);
      boolean suspected = rng.chance(logistic(1.8 - 2.0 * (polypectomy ? 1 : 0)));
      int method = pick(rng, 1.0 + (suspected ? 0 : 1.5), suspected ? 1.8 : 0.6,
          StrictMath.exp(-1.6 + 0.25 * sizeDelta));
      boolean g2 = rng.chance(logistic(-2.8 + 0.25 * sizeDelta));
      boolean submucosa = rng.chance(logistic(1.6 + 0.15 * sizeDelta));
      boolean lvi = rng.chance(logistic(-3.0 + 0.30 * sizeDelta + 1.0 * (g2 ? 1 : 0) + 0.6 * (submucosa ? 1 : 0)));
      int margin = pick(rng, 1.0,
          StrictMath.exp(-2.6 + 1.1 * is(method == CONVENTIONAL) + 0.9 * is(polypectomy) - 0.8 * is(method == ESD)
              + 0.10 * sizeDelta),
          StrictMath.exp(-2.3 + 0.7 * is(method == CONVENTIONAL) + 0.4 * is(polypectomy) - 0.5 * is(method == ESD)));
      boolean curative = !g2 && !lvi && margin == MARGIN_NEGATIVE && size <= 10.0;
      boolean treated = rng.chance(logistic(-3.4 + 2.3 * is(margin == MARGIN_POSITIVE)
          + 1.3 * is(margin == MARGIN_INDETERMINATE) + 1.9 * is(lvi) + 1.1 * is(g2) + 0.08 * sizeDelta
          - 0.02 * (age - 55) + 0.15 * is(male) + 0.30 * is(polypectomy) - 0.25 * is(suspected)
          + 0.20 * is(method == ESD) - 0.15 * is(method == MODIFIED)));
      double hazard = 0.0004 * StrictMath.exp(1.6 * is(lvi) + 1.0 * is(g2) + 0.9 * is(margin == MARGIN_POSITIVE)
          + 0.12 * sizeDelta - 0.9 * is(treated));
      double eventMonths = rng.nextExponential(hazard);
      double censorMonths = 6 + 114 * rng.nextDouble();
      boolean recurred = eventMonths <= censorMonths;
      int followupTenths = (int) Math.max(1, Math.round(10 * Math.min(eventMonths, censorMonths)));
      boolean sizeMissing = rng.chance(0.003);
      boolean depthMissing = rng.chance(0.01);

      pos = putLong(buf, pos, id);
      buf[pos++] = ',';
      pos = putLong(buf, pos, age);
      buf[pos++] = ',';
      pos = put(buf, pos, male ? MALE : FEMALE);
      if (!sizeMissing) {
        pos = putTenths(buf, pos, sizeTenths);
      }
      buf[pos++] = ',';
      pos = put(buf, pos, polypectomy ? POLYPECTOMY : BIOPSY);
      pos = put(buf, pos, suspected ? YES : NO);
      pos = put(buf, pos, METHOD[method]);
      pos = put(buf, pos, g2 ? G2 : G1);
      if (depthMissing) {
        buf[pos++] = ',';
      } else {
        pos = put(buf, pos, submucosa ? SUBMUCOSA : MUCOSA);
      }
      pos = put(buf, pos, lvi ? POSITIVE : NEGATIVE);
      pos = put(buf, pos, MARGIN[margin]);
      pos = put(buf, pos, curative ? YES : NO);
      pos = put(buf, pos, treated ? YES : NO);
      pos = putTenths(buf, pos, followupTenths);
      buf[pos++] = ',';
      buf[pos++] = recurred ? (byte) '1' : (byte) '0';
      buf[pos++] = '\n';
      recurrences += is(recurred);
      additional += is(treated);
    }
    stream.write(buf, 0, pos);
    stream.flush();
    return new Counts(recurrences, additional);
  }

  private static int is(boolean b) {
    return b ? 1 : 0;
  }

  private static double logistic(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  /** Index 0, 1 or 2 with probability proportional to the weights. */
  private static int pick(SplitMix64 rng, double w0, double w1, double w2) {
    double u = rng.nextDouble() * (w0 + w1 + w2);
    return u < w0 ? 0 : u < w0 + w1 ? 1 : 2;
  }

  private static int put(byte[] buf, int pos, byte[] text) {
    System.arraycopy(text, 0, buf, pos, text.length);
    return pos + text.length;
  }

  /** Writes a non-negative number in decimal, without going through a String. */
  private static int putLong(byte[] buf, int pos, long value) {
    if (value < 10) {
      buf[pos] = (byte) ('0' + value);
      return pos + 1;
    }
    int digits = 0;
    for (long v = value; v > 0; v /= 10) {
      digits++;
    }
    long v = value;
    for (int i = pos + digits - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return pos + digits;
  }

  /** Writes tenths as a decimal with one digit after the point ("5.0", "12.3"). */
  private static int putTenths(byte[] buf, int pos, int tenths) {
    pos = putLong(buf, pos, tenths / 10);
    buf[pos++] = '.';
    buf[pos++] = (byte) ('0' + tenths % 10);
    return pos;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the write already failed; that failure is the one to report
    }
  }
}
