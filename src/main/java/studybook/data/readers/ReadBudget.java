package studybook.data.readers;

/**
 * How much memory one read may take, checked before it is allocated: every size a file declares
 * (counts of records, variables, observations, label entries, string lengths, pages) is checked against
 * the bytes that are really there and against this budget, and inflated (zlib) data count against it
 * as they grow. A file that needs more is refused with its location, never an out-of-memory error.
 *
 * <p>The budget is a quarter of the JVM's maximum heap, at most 1 GiB, unless the system property
 * {@code studybook.readBudget} (bytes) says otherwise; a test sets its own with {@link #limitTo}.
 */
final class ReadBudget {
  /** What one text cell costs at least: a String, its byte array and the reference to it. */
  static final long CELL_BYTES = 56;

  private static final ThreadLocal<Long> OVERRIDE = new ThreadLocal<>();

  private final long limit;
  private long used;

  ReadBudget() {
    this.limit = limit();
  }

  /** The bytes a read may hold on this thread. */
  static long limit() {
    Long o = OVERRIDE.get();
    if (o != null) {
      return o;
    }
    String p = System.getProperty("studybook.readBudget");
    if (p != null) {
      try {
        return Math.max(1, Long.parseLong(p.trim()));
      } catch (NumberFormatException e) {
        // ignored: the default applies
      }
    }
    return Math.min(Runtime.getRuntime().maxMemory() / 4, 1L << 30);
  }

  /** Runs {@code body} with a budget of {@code bytes} on this thread (tests). */
  static <T> T limitTo(long bytes, java.util.function.Supplier<T> body) {
    Long before = OVERRIDE.get();
    OVERRIDE.set(bytes);
    try {
      return body.get();
    } finally {
      if (before == null) {
        OVERRIDE.remove();
      } else {
        OVERRIDE.set(before);
      }
    }
  }

  long limitBytes() {
    return limit;
  }

  /** Whether {@code bytes} more fit (negative or overflowing sizes never fit). */
  boolean fits(long bytes) {
    return bytes >= 0 && used + bytes >= 0 && used + bytes <= limit;
  }

  /** Takes {@code bytes} from the budget, or returns false (and takes nothing) when they do not fit. */
  boolean take(long bytes) {
    if (!fits(bytes)) {
      return false;
    }
    used += bytes;
    return true;
  }

  /** {@code a * b}, or Long.MAX_VALUE when the product overflows or a factor is negative. */
  static long times(long a, long b) {
    if (a < 0 || b < 0) {
      return Long.MAX_VALUE;
    }
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  static String megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) / (1 << 20) + " MB";
  }
}
