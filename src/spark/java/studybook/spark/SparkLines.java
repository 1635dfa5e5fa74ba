package studybook.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The line in a CSV file that holds a value, found only once a data error is known (the error's example value in a
 * named column), by a second pass that numbers the file's physical lines on the cluster (a file at a time, so the
 * header of each file of a folder is its line 1). Spark reads a study's CSV line by line (its reader's multiLine is
 * off), so for a file without quoted fields that hold a line break, a record is one line and the number is exact. In a
 * file with such fields each physical line is matched on its own: the number given is that of the first line whose
 * field in the column holds the value, and when none does the error names the file, column and value without a line.
 */
final class SparkLines {
  private SparkLines() {}

  /**
   * The number (the header is line 1) of the first line of {@code file} whose field under {@code column} is
   * {@code value} as Spark reads it (quotes removed, a doubled quote one quote; null for an empty field), or 0 when
   * none is (or the file cannot be read again).
   */
  static int find(SparkSession spark, String file, String column, String value) {
    try {
      JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(file);
      List<String> header = fields(lines.first().replaceFirst("^\uFEFF", ""));
      int j = header.indexOf(column);
      if (j < 0) {
        return 0;
      }
      String want = value == null ? "" : value;
      Function<Tuple2<String, Long>, Boolean> holds = t -> {
        if (t._2() == 0) {
          return false;
        }
        List<String> f = fields(t._1());
        return j < f.size() && f.get(j).equals(want);
      };
      List<Long> first = lines.zipWithIndex().filter(holds).map(Tuple2::_2).takeOrdered(1);
      return first.isEmpty() || first.get(0) >= Integer.MAX_VALUE ? 0 : (int) (first.get(0) + 1);
    } catch (RuntimeException e) {
      return 0; // the error is still named by file, column and value, without its line
    }
  }

  /** A CSV line's fields as Spark's reader (escape '"') gives them: quotes removed, a doubled quote one quote. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }
}
