package studybook.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The scale benchmark's synthetic registry of small rectal neuroendocrine tumours treated by endoscopic
 * resection: one CSV row per patient with exactly the columns, levels and required values of the rectal
 * NET study's codebook ({@code data/codebook.csv}), so the whole study runs on it. Not part of the
 * product: it lives in the test source set and {@code bench/run.sh} runs it as a single-file program,
 * {@code java src/test/java/studybook/bench/RegistryGenerator.java --rows N --seed S --out FILE}.
 *
 * <p>The rows are plausible and correlated, by a small generative model whose coefficients are the
 * constants below: age ~ N(55, 11) in whole years within 20..89; 60% male; tumour size log-normal with
 * median 5.5 mm (0.1 mm steps, 1.0..15.0 mm); distance from the anal verge uniform 1..15 cm; initial
 * diagnosis by polypectomy in 20%; a NET suspected less often after polypectomy; resection method
 * depending on suspicion and size; G2, submucosal depth and lymphovascular invasion growing with size;
 * a Ki-67 index that agrees with the grade (G1 below 3%); margins worse after conventional EMR and
 * polypectomy; additional treatment (endoscopic or, more often after LVI, surgical) a logistic function
 * of the study's predictors; lymph nodes assessed in surgical specimens only, metastases more often
 * after LVI; recurrence from an exponential hazard raised by LVI, G2, positive margins and size and
 * lowered by additional treatment, censored uniformly between 6 and 120 months. Only the codebook's
 * optional columns have missing values: distance_av_cm (2%) and ki67_percent (1%).
 *
 * <p>It decides no curative resection and writes no such column: the study derives it with its own
 * rule ({@code analysis/Cohort.java}) when it runs on the registry, so the rule exists once.
 *
 * <p>Deterministic: the same seed gives identical bytes on any JVM (SplitMix64 and StrictMath, written
 * out here), and the first k rows of an n-row file are the k-row file. Streaming: memory does not grow
 * with the number of rows. The file appears only when complete (a temporary sibling, then moved).
 */
public final class RegistryGenerator {
  /** The header: the study codebook's variables, in its order. */
  public static final List<String> COLUMNS = List.of("patient_id", "age", "sex", "tumor_size_mm", "distance_av_cm",
      "initial_diagnosis", "suspected_net", "er_method", "grade", "ki67_percent", "depth", "lvi", "resection_margin",
      "additional_treatment", "ln_metastasis", "recurrence", "followup_months");

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
  private static final byte[][] TREATMENT = {ascii("none,"), ascii("endoscopic,"), ascii("surgical,")};
  private static final byte[] NOT_ASSESSED = ascii("not_assessed,");

  private static final int CONVENTIONAL = 0;
  private static final int MODIFIED = 1;
  private static final int ESD = 2;
  private static final int MARGIN_NEGATIVE = 0;
  private static final int MARGIN_POSITIVE = 1;
  private static final int MARGIN_INDETERMINATE = 2;
  private static final int NONE = 0;
  private static final int ENDOSCOPIC = 1;
  private static final int SURGICAL = 2;

  private RegistryGenerator() {}

  /**
   * What one run wrote.
   *
   * @param file the CSV written
   * @param rows patient rows (the header not counted)
   * @param seed the seed that fixes every byte
   * @param bytes size of the file
   * @param recurrences rows with recurrence = yes
   * @param additionalTreatments rows with additional_treatment endoscopic or surgical
   */
  public record Summary(Path file, long rows, long seed, long bytes, long recurrences, long additionalTreatments) {}

  /** {@code --rows N --seed S --out FILE}: writes the registry and prints a summary line on stderr; exit 2 on bad input. */
  public static void main(String[] args) {
    long rows = -1;
    long seed = 1;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--rows" -> rows = Long.parseLong(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (out == null) {
        throw new IllegalArgumentException("give --out FILE");
      }
      long start = System.nanoTime();
      Summary s = write(out, rows, seed);
      System.err.println(String.format(Locale.ROOT,
          "registry: wrote %d rows (seed %d, %d bytes, %d recurrences, %d additional treatments) to %s in %.2f s",
          s.rows(), s.seed(), s.bytes(), s.recurrences(), s.additionalTreatments(), s.file(),
          (System.nanoTime() - start) / 1e9));
    } catch (IllegalArgumentException | NullPointerException | UncheckedIOException e) {
      System.err.println("registry: " + e.getMessage()
          + " (usage: RegistryGenerator --rows N [--seed S] --out FILE)");
      System.exit(2);
    }
  }

  /**
   * Writes {@code rows} patients drawn with {@code seed} to {@code out}, replacing it atomically.
   *
   * @throws IllegalArgumentException when rows is not positive
   * @throws UncheckedIOException when the file cannot be written (nothing is left behind)
   */
  public static Summary write(Path out, long rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("--rows must be at least 1, not " + rows);
    }
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
      long[] counts;
      try (OutputStream stream = Files.newOutputStream(temp)) {
        counts = write(stream, rows, seed);
      }
      long bytes = Files.size(temp);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return new Summary(out, rows, seed, bytes, counts[0], counts[1]);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write the registry to " + out + ": " + e.getMessage(), e);
    }
  }

  /** Streams the header and {@code rows} patients to {@code stream} (not closed); returns {recurrences, treated}. */
  public static long[] write(OutputStream stream, long rows, long seed) throws IOException {
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
      double sizeDelta = sizeTenths / 10.0 - 5.5;
      int distanceTenths = 10 + (int) (140 * rng.nextDouble());
      boolean polypectomy = rng.chance(0.20);
      boolean suspected = rng.chance(logistic(1.8 - 2.0 * (polypectomy ? 1 : 0)));
      int method = pick(rng, 1.0 + (suspected ? 0 : 1.5), suspected ? 1.8 : 0.6,
          StrictMath.exp(-1.6 + 0.25 * sizeDelta));
      boolean g2 = rng.chance(logistic(-2.8 + 0.25 * sizeDelta));
      int ki67Tenths = g2 ? 30 + (int) (90 * rng.nextDouble()) : 3 + (int) (27 * rng.nextDouble());
      boolean submucosa = rng.chance(logistic(1.6 + 0.15 * sizeDelta));
      boolean lvi = rng.chance(logistic(-3.0 + 0.30 * sizeDelta + 1.0 * (g2 ? 1 : 0) + 0.6 * (submucosa ? 1 : 0)));
      int margin = pick(rng, 1.0,
          StrictMath.exp(-2.6 + 1.1 * is(method == CONVENTIONAL) + 0.9 * is(polypectomy) - 0.8 * is(method == ESD)
              + 0.10 * sizeDelta),
          StrictMath.exp(-2.3 + 0.7 * is(method == CONVENTIONAL) + 0.4 * is(polypectomy) - 0.5 * is(method == ESD)));
      boolean treated = rng.chance(logistic(-3.4 + 2.3 * is(margin == MARGIN_POSITIVE)
          + 1.3 * is(margin == MARGIN_INDETERMINATE) + 1.9 * is(lvi) + 1.1 * is(g2) + 0.08 * sizeDelta
          - 0.02 * (age - 55) + 0.15 * is(male) + 0.30 * is(polypectomy) - 0.25 * is(suspected)
          + 0.20 * is(method == ESD) - 0.15 * is(method == MODIFIED)));
      int treatment = !treated ? NONE : rng.chance(logistic(-0.6 + 1.5 * is(lvi) + 0.1 * sizeDelta)) ? SURGICAL
          : ENDOSCOPIC;
      boolean nodes = treatment == SURGICAL && rng.chance(logistic(-2.6 + 1.6 * is(lvi) + 0.15 * sizeDelta));
      double hazard = 0.0004 * StrictMath.exp(1.6 * is(lvi) + 1.0 * is(g2) + 0.9 * is(margin == MARGIN_POSITIVE)
          + 0.12 * sizeDelta - 0.9 * is(treated));
      double eventMonths = rng.nextExponential(hazard);
      double censorMonths = 6 + 114 * rng.nextDouble();
      boolean recurred = eventMonths <= censorMonths;
      int followupTenths = (int) Math.max(1, Math.round(10 * Math.min(eventMonths, censorMonths)));
      boolean distanceMissing = rng.chance(0.02);
      boolean ki67Missing = rng.chance(0.01);

      pos = putLong(buf, pos, id);
      buf[pos++] = ',';
      pos = putLong(buf, pos, age);
      buf[pos++] = ',';
      pos = put(buf, pos, male ? MALE : FEMALE);
      pos = putTenths(buf, pos, sizeTenths);
      buf[pos++] = ',';
      if (!distanceMissing) {
        pos = putTenths(buf, pos, distanceTenths);
      }
      buf[pos++] = ',';
      pos = put(buf, pos, polypectomy ? POLYPECTOMY : BIOPSY);
      pos = put(buf, pos, suspected ? YES : NO);
      pos = put(buf, pos, METHOD[method]);
      pos = put(buf, pos, g2 ? G2 : G1);
      if (!ki67Missing) {
        pos = putTenths(buf, pos, ki67Tenths);
      }
      buf[pos++] = ',';
      pos = put(buf, pos, submucosa ? SUBMUCOSA : MUCOSA);
      pos = put(buf, pos, lvi ? POSITIVE : NEGATIVE);
      pos = put(buf, pos, MARGIN[margin]);
      pos = put(buf, pos, TREATMENT[treatment]);
      pos = put(buf, pos, treatment != SURGICAL ? NOT_ASSESSED : nodes ? YES : NO);
      pos = put(buf, pos, recurred ? YES : NO);
      pos = putTenths(buf, pos, followupTenths);
      buf[pos++] = '\n';
      recurrences += is(recurred);
      additional += is(treated);
    }
    stream.write(buf, 0, pos);
    stream.flush();
    return new long[] {recurrences, additional};
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

  /**
   * A SplitMix64 generator (Steele, Lea and Flood 2014), written out here rather than taken from
   * {@link java.util.SplittableRandom} so that the registry's bytes for a seed are pinned by this code,
   * not by whichever JDK runs it; transcendental functions go through {@link StrictMath} for the same reason.
   */
  static final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      state += GOLDEN_GAMMA;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on (0, 1], safe to take the logarithm of. */
    double nextOpenDouble() {
      return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    boolean chance(double p) {
      return nextDouble() < p;
    }

    /** Standard normal by Box-Muller; one draw per call keeps the stream position easy to reason about. */
    double nextGaussian() {
      double radius = StrictMath.sqrt(-2.0 * StrictMath.log(nextOpenDouble()));
      return radius * StrictMath.cos(2.0 * StrictMath.PI * nextDouble());
    }

    /** Exponential with the given rate. */
    double nextExponential(double rate) {
      return -StrictMath.log(nextOpenDouble()) / rate;
    }
  }
}
