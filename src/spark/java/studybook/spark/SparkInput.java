package studybook.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import studybook.StudybookException;
import studybook.kernel.RunInputs;

/**
 * Data where Spark reads them (a file or a folder of part files, on any file system Spark's Hadoop client knows:
 * {@code file://}, {@code hdfs://}, {@code s3a://}, ...), found before they are read: whether the location exists
 * and can be listed, which files Spark reads (every file under a folder, but for Spark's hidden ones: names
 * starting with {@code _} or {@code .}, such as {@code _SUCCESS}), and whether they are Parquet or CSV.
 * {@link #hash} hashes those files on the executors for the run's provenance ({@link RunInputs.EngineData}).
 */
final class SparkInput {
  /** The location as Spark is given it. */
  final String location;
  /** Whether the location is a folder (its files in {@link #files}) rather than one file. */
  final boolean folder;
  /** Whether the data are Parquet (every file's name ends in .parquet), else CSV. */
  final boolean parquet;
  /** The files Spark reads, fully qualified, with their path relative to the location, in path order. */
  final List<String[]> files;

  private SparkInput(String location, boolean folder, boolean parquet, List<String[]> files) {
    this.location = location;
    this.folder = folder;
    this.parquet = parquet;
    this.files = files;
  }

  /** Finds the data at {@code location}; a location that does not exist or cannot be listed is one clear error. */
  static SparkInput find(SparkSession spark, String location) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(location);
    FileStatus status;
    FileSystem fs;
    List<String[]> files = new ArrayList<>();
    try {
      fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      status = fs.getFileStatus(root);
      if (!status.isDirectory()) {
        files.add(new String[] {status.getPath().toString(), status.getPath().getName()});
      } else {
        String prefix = status.getPath().toString() + "/";
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          String path = f.getPath().toString();
          String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : f.getPath().getName();
          if (!hidden(relative)) {
            files.add(new String[] {path, relative});
          }
        }
      }
    } catch (FileNotFoundException e) {
      throw new StudybookException("cannot read " + location + ": no such file or folder");
    } catch (IOException | RuntimeException e) {
      throw new StudybookException("cannot read " + location + ": " + SparkData.firstLine(e));
    }
    if (files.isEmpty()) {
      throw new StudybookException("cannot read " + location + ": the folder holds no data files (only hidden ones,"
          + " such as _SUCCESS, or none)");
    }
    files.sort((a, b) -> a[1].compareTo(b[1]));
    String[] parquet = null;
    String[] other = null;
    for (String[] f : files) {
      if (f[1].toLowerCase(Locale.ROOT).endsWith(".parquet")) {
        parquet = parquet == null ? f : parquet;
      } else {
        other = other == null ? f : other;
      }
    }
    boolean isParquet = location.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet") || other == null;
    if (status.isDirectory() && parquet != null && other != null) {
      throw new StudybookException("cannot read " + location + ": the folder holds Parquet files (" + parquet[1]
          + ") and others (" + other[1] + "); Spark reads a folder of one format: move the others out");
    }
    return new SparkInput(location, status.isDirectory(), isParquet, List.copyOf(files));
  }

  /** Spark's rule for files a folder's reader skips: a name starting with '_' or '.' at any level below the root. */
  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if ((part.startsWith("_") && !part.contains("=")) || part.startsWith(".") || part.endsWith("._COPYING_")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hashes every file on the executors (one task per file, each streaming its bytes through SHA-256): the files, in
   * path order, with their sizes and hashes, and one hash of them all (that of the one file's bytes for a file).
   */
  RunInputs.EngineData hash(SparkSession spark) {
    List<String[]> hashed;
    try {
      hashed = eachFile(spark, (p, path, conf) -> {
        MessageDigest sha = sha256();
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = path.getFileSystem(conf).open(path)) {
          for (int r; (r = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, r);
            n += r;
          }
        }
        return new String[] {p, Long.toString(n), HexFormat.of().formatHex(sha.digest())};
      });
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new StudybookException("cannot read " + location + " on Spark: " + SparkData.firstLine(root));
    }
    List<RunInputs.Part> parts = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String[] h = hashed.get(i);
      if (!h[0].equals(files.get(i)[0])) {
        throw new IllegalStateException("hashed " + h[0] + " for " + files.get(i)[0]);
      }
      parts.add(new RunInputs.Part(files.get(i)[1], Long.parseLong(h[1]), h[2]));
    }
    return folder ? RunInputs.EngineData.ofFolder(parts) : new RunInputs.EngineData(parts.get(0).sha256(), parts);
  }

  /**
   * Each Parquet file's top-level columns and their types, read from its footer on the executors (one task per
   * file): for each file in {@link #files} order, its qualified path and its columns as {@code name TAB type} (the
   * physical type with its logical annotation; {@code group} for a nested column).
   */
  List<String[]> parquetSchemas(SparkSession spark) {
    return eachFile(spark, (p, path, conf) -> {
      StringBuilder b = new StringBuilder();
      try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, conf))) {
        for (org.apache.parquet.schema.Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
          String type = !t.isPrimitive() ? "group" : t.asPrimitiveType().getPrimitiveTypeName().name()
              + (t.getLogicalTypeAnnotation() == null ? "" : " (" + t.getLogicalTypeAnnotation() + ")");
          b.append(t.getName()).append('\t').append(type).append('\n');
        }
      } catch (IOException | RuntimeException e) {
        b.setLength(0);
        b.append('\u0000').append(SparkData.firstLine(e));
      }
      return new String[] {p, b.toString()};
    });
  }

  /** What one task does with one file of {@link #files}: that file's row of the answer. */
  private interface PerFile extends java.io.Serializable {
    String[] apply(String name, org.apache.hadoop.fs.Path path, org.apache.hadoop.conf.Configuration conf)
        throws IOException;
  }

  /** {@code task} run on the executors for every file, one task per file, the rows in {@link #files} order. */
  private List<String[]> eachFile(SparkSession spark, PerFile task) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        sc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f[0]));
    FlatMapFunction<Iterator<String>, String[]> each = it -> {
      List<String[]> out = new ArrayList<>();
      while (it.hasNext()) {
        String p = it.next();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
        out.add(task.apply(p, path, conf.value().value()));
      }
      return out.iterator();
    };
    try {
      return sc.parallelize(paths, Math.max(1, paths.size())).mapPartitions(each).collect();
    } finally {
      conf.destroy();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
