package studybook.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * A data file read on the cluster (CSV with a header row, or Parquet), and its columns typed by the
 * ad-hoc conventions of CONTRACT.md exactly as the local loader types them: a column of numbers is
 * continuous unless named categorical, one of words is categorical, a mostly-numeric column with a
 * stray word is an error; levels in R's C-locale (or numeric) order unless --levels orders them.
 * Only aggregates come back to the driver: per partition, counts and each column's distinct words.
 */
final class SparkData {
  /** A column's distinct words kept per partition; more make a categorical column too large to describe. */
  static final int LEVEL_CAP = 100_000;

  /** Distinct numbers kept per partition for a column not declared categorical (in case words make it one). */
  static final int NUMBER_LEVEL_CAP = 1_000;

  final SparkSession spark;
  final Path file;
  final Dataset<Row> rows;
  final List<String> columns;

  private SparkData(SparkSession spark, Path file, Dataset<Row> rows) {
    this.spark = spark;
    this.file = file;
    this.rows = rows;
    this.columns = List.of(rows.columns());
  }

  /** A fold of one partition's rows into a partial result; partials come back in partition order. */
  interface Fold<T> extends Serializable {
    T apply(Iterator<Row> rows);
  }

  /** Runs {@code fold} on every partition and returns the partials in partition order (a fixed order). */
  static <T> List<T> partials(Dataset<Row> rows, Fold<T> fold) {
    Function2<Integer, Iterator<Row>, Iterator<T>> each = (index, it) -> List.of(fold.apply(it)).iterator();
    return rows.javaRDD().mapPartitionsWithIndex(each, true).collect();
  }

  // ---------------------------------------------------------------------------------------------- session

  /**
   * The session on {@code master}: the one asked for, else spark-submit's, else local[2]. A standalone
   * master (spark://host:port) that does not answer is an error naming it before Spark starts retrying.
   */
  static SparkSession session(String master) {
    SparkConf conf = new SparkConf();
    String m = master != null ? master : conf.contains("spark.master") ? conf.get("spark.master") : "local[2]";
    checkReachable(m);
    SparkSession.Builder b = SparkSession.builder().appName("studybook").master(m);
    // defaults for a run on one machine; a cluster's own settings (spark-submit --conf, spark-defaults) win
    if (m.startsWith("local")) {
      for (String[] kv : new String[][] {{"spark.ui.enabled", "false"}, {"spark.sql.shuffle.partitions", "8"},
          {"spark.driver.host", "127.0.0.1"}, {"spark.driver.bindAddress", "127.0.0.1"}}) {
        if (!conf.contains(kv[0])) {
          b.config(kv[0], kv[1]);
        }
      }
    }
    try {
      return b.getOrCreate();
    } catch (RuntimeException e) {
      throw new StudybookException("Spark master '" + m + "' could not be used: " + firstLine(e));
    }
  }

  private static void checkReachable(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      URI uri = URI.create("spark://" + hostPort);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new StudybookException("Spark master '" + master + "' is not a spark://host:port address");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        return;
      } catch (IOException e) {
        // try the next master of a high-availability list
      }
    }
    throw new StudybookException("Spark master '" + master + "' cannot be reached (no answer within 5 s); is the"
        + " cluster running, and is the address right?");
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  // ---------------------------------------------------------------------------------------------- reading

  /** Reads {@code file} on the cluster (see {@link #read(SparkSession, String, Path)}). */
  static SparkData read(SparkSession spark, Path file) {
    return read(spark, location(file), file);
  }

  /**
   * Reads the data at {@code location} on the cluster (a file, or a folder of part files, on any file system Spark
   * reads): Parquet when the location ends in .parquet or every file Spark reads there does, else CSV with a header
   * row in every file. {@code file} names the data in data errors. A location that does not exist or cannot be
   * listed is one clear error naming it, before any job.
   */
  static SparkData read(SparkSession spark, String location, Path file) {
    SparkInput input = SparkInput.find(spark, location);
    String where = input.location;
    Dataset<Row> rows;
    try {
      rows = input.parquet ? spark.read().parquet(where)
          : spark.read().option("header", "true").option("inferSchema", "false").option("escape", "\"")
              .option("mode", "FAILFAST").csv(where);
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but undeclared
      throw new StudybookException("cannot read " + where + ": " + firstLine(e));
    }
    if (rows.columns().length == 0) {
      throw new DataException(new DataProblem(file, 0, null, null, "has no columns", null));
    }
    SparkData d = new SparkData(spark, file, rows);
    d.input = input;
    return d;
  }

  /** Where the data lie and which files Spark reads there. */
  SparkInput input;

  /** The file as Spark wants it: a path, or a URI (hdfs://, s3a://) whose '//' a Path turned into '/'. */
  static String location(Path file) {
    String s = file.toString();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):/([^/].*)$").matcher(s);
    if (m.matches() && !m.group(1).equalsIgnoreCase("file")) {
      return m.group(1) + "://" + m.group(2);
    }
    return s;
  }

  /** The index of a named column, or an error naming the file and the nearest column. */
  int index(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new DataException(new DataProblem(file, 1, column, null, "no such column in the data",
          studybook.Names.nearest(column, columns).map(n -> "did you mean '" + n + "'?").orElse(null)));
    }
    return i;
  }

  /** Runs a Spark job, turning a failure to read the data (a file gone, a bad Parquet footer) into one clear error. */
  <T> T job(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (StudybookException e) {
      throw e;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new StudybookException("cannot read " + location(file) + " on Spark: " + firstLine(root));
    }
  }

  // ---------------------------------------------------------------------------------------------- typing

  /** A typed column: categorical with its levels (reference first), or continuous. */
  record Column(String name, int index, boolean categorical, List<String> levels) implements Serializable {}

  /** One partition's view of a column: counts of numbers and words, the smallest word, the distinct words. */
  static final class Census implements Serializable {
    private static final long serialVersionUID = 1L;
    long numbers;
    long words;
    String firstWord;
    final Set<String> distinct = new HashSet<>();
    boolean overflow;

    void merge(Census o) {
      numbers += o.numbers;
      words += o.words;
      if (o.firstWord != null && (firstWord == null || AdhocLoader.compareCodePoints(o.firstWord, firstWord) < 0)) {
        firstWord = o.firstWord;
      }
      if (!overflow) {
        distinct.addAll(o.distinct);
      }
      overflow |= o.overflow || distinct.size() > LEVEL_CAP;
      if (overflow) {
        distinct.clear();
      }
    }
  }

  /**
   * Types {@code names} by the ad-hoc conventions: one pass over the rows. {@code categorical} and the
   * columns of {@code levelOrders} are categorical; an order that misses an observed level is an error.
   */
  Map<String, Column> type(List<String> names, Set<String> categorical, Map<String, List<String>> levelOrders) {
    for (String name : union(categorical, levelOrders.keySet())) {
      index(name);
    }
    int[] idx = names.stream().mapToInt(this::index).toArray();
    boolean[] declared = new boolean[idx.length];
    for (int k = 0; k < idx.length; k++) {
      declared[k] = categorical.contains(names.get(k)) || levelOrders.containsKey(names.get(k));
    }
    List<Census[]> parts = job(() -> partials(rows, it -> {
      Census[] c = new Census[idx.length];
      for (int k = 0; k < c.length; k++) {
        c[k] = new Census();
      }
      while (it.hasNext()) {
        Row r = it.next();
        for (int k = 0; k < idx.length; k++) {
          Object cell = r.get(idx[k]);
          int kind = Cells.kind(cell);
          if (kind == Cells.MISSING) {
            continue;
          }
          Census s = c[k];
          if (kind == Cells.NUMBER) {
            s.numbers++;
          } else {
            s.words++;
          }
          String t = kind == Cells.TEXT ? Cells.text(cell) : null;
          if (t != null && (s.firstWord == null || AdhocLoader.compareCodePoints(t, s.firstWord) < 0)) {
            s.firstWord = t;
          }
          // a number's text matters only if the column turns out categorical: kept for a declared one, and
          // otherwise only up to a small cap, so a continuous column never sends its values to the driver
          if (!s.overflow && (kind == Cells.TEXT || declared[k] || s.distinct.size() < NUMBER_LEVEL_CAP)) {
            s.distinct.add(Cells.text(cell));
            if (s.distinct.size() > LEVEL_CAP) {
              s.overflow = true;
              s.distinct.clear();
            }
          } else if (!s.overflow && kind == Cells.NUMBER && !declared[k]) {
            s.overflow |= !s.distinct.contains(Cells.text(cell));
            if (s.overflow) {
              s.distinct.clear();
            }
          }
        }
      }
      return c;
    }));
    Map<String, Column> out = new LinkedHashMap<>();
    for (int k = 0; k < idx.length; k++) {
      Census all = new Census();
      for (Census[] p : parts) {
        all.merge(p[k]);
      }
      String name = names.get(k);
      boolean wantCategorical = categorical.contains(name) || levelOrders.containsKey(name);
      boolean numeric = !wantCategorical && all.words == 0;
      if (!wantCategorical && all.words > 0 && all.numbers > all.words) {
        // the line of the (smallest) word, in a CSV file, by a second pass once the error is known
        int line = input != null && !input.parquet && !input.folder
            ? SparkLines.find(spark, input.files.get(0)[0], name, all.firstWord) : 0;
        throw new DataException(new DataProblem(file, line, name, all.firstWord,
            "non-numeric value in a numeric column (" + all.numbers + " of " + (all.numbers + all.words)
                + " values are numbers)", "fix it, mark it missing (empty or NA), or name the column in --categorical"));
      }
      if (numeric) {
        out.put(name, new Column(name, idx[k], false, List.of()));
        continue;
      }
      if (all.overflow) {
        throw new DataException(new DataProblem(file, 0, name, null, "has too many distinct values for a categorical"
            + " variable on Spark (more than " + LEVEL_CAP + " words, or " + NUMBER_LEVEL_CAP + " numbers in a"
            + " partition of a column not named in --categorical)", "describe a numeric or a coarser column"));
      }
      String[] distinct = all.distinct.toArray(new String[0]);
      List<String> order;
      if (levelOrders.containsKey(name)) {
        List<String> given = levelOrders.get(name).stream().map(Cells::text).toList();
        if (new LinkedHashSet<>(given).size() != given.size()) {
          throw new DataException(new DataProblem(file, 1, name, null, "--levels names a level twice: " + given, null));
        }
        for (String v : new java.util.TreeSet<>(all.distinct)) {
          if (!given.contains(v)) {
            throw new DataException(new DataProblem(file, 0, name, v, "value is not among the levels given in --levels "
                + given, "add it to --levels or mark it missing"));
          }
        }
        order = given;
      } else {
        order = AdhocLoader.naturalOrder(distinct);
      }
      out.put(name, new Column(name, idx[k], true, List.copyOf(order)));
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** level name -> code, for a categorical column (shipped to the executors with the closure). */
  static Map<String, Integer> codes(Column c) {
    Map<String, Integer> m = new HashMap<>();
    for (int l = 0; l < c.levels().size(); l++) {
      m.put(c.levels().get(l), l);
    }
    return m;
  }

  /** The code of a cell of a categorical column: -1 when missing. */
  static int code(Map<String, Integer> codes, Object cell) {
    String t = Cells.text(cell);
    if (t == null) {
      return -1;
    }
    Integer c = codes.get(t);
    return c == null ? -1 : c;
  }

  static List<String> names(List<Column> cs) {
    List<String> out = new ArrayList<>();
    cs.forEach(c -> out.add(c.name()));
    return out;
  }
}
