package studybook.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import studybook.data.Codebook;
import studybook.data.CodebookVariable;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableType;

/**
 * A study's data on Spark, typed and checked by its codebook as the local loader does (a column the codebook does
 * not declare, a declared one absent, an unknown level, a number that is not one or lies outside its range, a
 * fractional integer, a required value missing, a duplicate id: each counted on the cluster and reported with an
 * example value). The typed columns (level codes, doubles; null for missing) are kept by Spark for the run's verbs.
 */
final class SparkStudy {
  private SparkStudy() {}

  /** The Datasets study runs have kept on the cluster, until {@link #release()}. */
  private static final List<Dataset<Row>> KEPT = new ArrayList<>();

  /** Unpersists every Dataset a study run kept (at the end of the run, whether it ended well or not). */
  static void release() {
    synchronized (KEPT) {
      KEPT.forEach(Dataset::unpersist);
      KEPT.clear();
    }
  }

  /** The data at {@code location} as data errors name them: a file on this machine by its path, else the location. */
  static Path shown(String location) {
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        return Path.of(java.net.URI.create(location));
      } catch (IllegalArgumentException e) {
        // fall through: shown as written
      }
    }
    return Path.of(location);
  }

  static Frame load(SparkSession spark, String location, Codebook codebook, String identity) {
    Path file = shown(location);
    SparkData d = SparkData.read(spark, location, file);
    if (d.input.folder && d.input.parquet) {
      checkParts(spark, d, codebook);
    }
    List<DataProblem> problems = new ArrayList<>();
    for (String c : d.columns) {
      if (codebook.find(c).isEmpty()) {
        problems.add(new DataProblem(file, 1, c, null, "the column is not declared in the codebook",
            "declare it in " + codebook.file() + " or remove it from the data"));
      }
    }
    for (CodebookVariable v : codebook.variables()) {
      if (!d.columns.contains(v.name())) {
        problems.add(new DataProblem(file, 1, v.name(), null, "declared in the codebook but not in the data", null));
      }
      if (v.type() == VariableType.DATE) {
        problems.add(new DataProblem(file, 1, v.name(), null, "date columns cannot be read by the Spark engine yet",
            "run the study with the local engine"));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataException(problems);
    }
    List<String> names = new ArrayList<>(d.columns);
    List<Column> typed = new ArrayList<>();
    List<Column> checks = new ArrayList<>();
    List<Column> raws = new ArrayList<>();
    List<String> what = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    Map<String, List<String>> levels = new LinkedHashMap<>();
    Map<String, CodebookVariable> variables = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      CodebookVariable v = codebook.find(name).orElseThrow();
      variables.put(name, v);
      Column raw = SparkFrame.column(name).cast("string");
      Column missing = raw.isNull().or(trim(raw).equalTo(""));
      if (!v.missingTokens().isEmpty()) {
        missing = missing.or(raw.isin(v.missingTokens().toArray()));
      }
      if (v.required()) {
        check(checks, raws, what, hints, name, missing, raw, "a value is required but missing",
            "fill it in, or set required=no for '" + name + "' in " + codebook.file());
      }
      switch (v.type()) {
        case ID -> {
          ids.add(name);
          typed.add(when(missing, lit(null).cast("string")).otherwise(raw).as(name));
        }
        case CATEGORICAL, BINARY -> {
          levels.put(name, v.levels());
          Column code = null;
          for (int i = 0; i < v.levels().size(); i++) {
            Column is = raw.equalTo(v.levels().get(i));
            code = code == null ? when(is, lit(i)) : code.when(is, lit(i));
          }
          code = when(missing, lit(null).cast("int")).otherwise(code).cast("int");
          check(checks, raws, what, hints, name, missing.unary_$bang().and(code.isNull()), raw, "unknown level",
              "the levels are " + String.join(", ", v.levels()));
          typed.add(code.as(name));
        }
        default -> {
          Column x = raw.cast("double");
          x = when(missing.or(isnan(x)), lit(null).cast("double")).otherwise(x);
          Column known = missing.unary_$bang();
          check(checks, raws, what, hints, name, known.and(x.isNull()), raw, "not a number",
              "fix the value or declare a missing token for '" + name + "' in " + codebook.file());
          if (v.min().isPresent() || v.max().isPresent()) {
            double lo = v.min().orElse(Double.NEGATIVE_INFINITY);
            double hi = v.max().orElse(Double.POSITIVE_INFINITY);
            check(checks, raws, what, hints, name, x.lt(lo).or(x.gt(hi)), raw, "outside the codebook's range ["
                + (v.min().isPresent() ? lo : "-inf") + ", " + (v.max().isPresent() ? hi : "inf") + "]",
                "fix the value or the range in " + codebook.file());
          }
          if (v.type() == VariableType.INTEGER) {
            check(checks, raws, what, hints, name, x.notEqual(floor(x)), raw, "is declared integer",
                "fix the value or declare it continuous in " + codebook.file());
          }
          typed.add(x.as(name));
        }
      }
    }
    // One pass over the file: the typed columns and a flag per check are computed once and kept by Spark (the
    // run's verbs read the typed columns from there); the checks are counted over the kept rows, and only when one
    // fails is the file read again for an example value.
    List<Column> kept = new ArrayList<>(typed);
    for (int k = 0; k < checks.size(); k++) {
      kept.add(org.apache.spark.sql.functions.coalesce(checks.get(k), lit(false)).as("__check" + k));
    }
    Dataset<Row> all = d.rows.select(kept.toArray(new Column[0])).persist(StorageLevel.MEMORY_AND_DISK());
    synchronized (KEPT) {
      KEPT.add(all);
    }
    List<Column> aggregates = new ArrayList<>();
    for (int k = 0; k < checks.size(); k++) {
      aggregates.add(count(when(SparkFrame.column("__check" + k), lit(1))));
    }
    aggregates.add(count(lit(1)));
    for (String id : ids) {
      aggregates.add(countDistinct(SparkFrame.column(id)));
      aggregates.add(count(SparkFrame.column(id)));
    }
    Row r = d.job(() -> all.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
        .head());
    List<Integer> failed = new ArrayList<>();
    for (int k = 0; k < checks.size(); k++) {
      if (r.getLong(k) > 0) {
        failed.add(k);
      }
    }
    if (!failed.isEmpty()) {
      // The example: the smallest failing value, with the file that holds it (a part file of a folder); in a CSV,
      // its line is then found by a second pass that numbers that file's lines (SparkLines).
      List<Column> examples = new ArrayList<>();
      for (int k : failed) {
        examples.add(min(when(checks.get(k), struct(raws.get(k).as("value"), SparkFrame.column("__file").as("file")))));
      }
      Dataset<Row> withFile = d.rows.withColumn("__file", input_file_name());
      Row e = d.job(() -> withFile.agg(examples.get(0), examples.subList(1, examples.size()).toArray(new Column[0]))
          .head());
      for (int i = 0; i < failed.size(); i++) {
        int k = failed.get(i);
        long bad = r.getLong(k);
        String column = what.get(k).substring(0, what.get(k).indexOf('\u0000'));
        String message = what.get(k).substring(what.get(k).indexOf('\u0000') + 1);
        Row example = e.getStruct(i);
        String value = example.isNullAt(0) ? null : example.getString(0);
        String in = example.isNullAt(1) ? "" : example.getString(1);
        Path where = d.input.folder && !in.isEmpty() ? shown(in) : file;
        int line = d.input.parquet || in.isEmpty() ? 0 : SparkLines.find(spark, in, column, value);
        problems.add(new DataProblem(where, line, column, value == null ? "" : value,
            message + " (" + bad + " row" + (bad == 1 ? "" : "s")
                + (line > 0 && bad > 1 ? "; the line is the first with the value shown" : "") + ")",
            hints.get(k)));
      }
    }
    long rows = r.getLong(checks.size());
    Map<String, Integer> idCounts = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      long distinct = r.getLong(checks.size() + 1 + 2 * i);
      long known = r.getLong(checks.size() + 2 + 2 * i);
      if (distinct != known) {
        problems.add(new DataProblem(file, 0, ids.get(i), null, "duplicate id (" + (known - distinct) + " rows)",
            "each row needs its own id"));
      }
      idCounts.put(ids.get(i), Math.toIntExact(distinct));
    }
    if (!problems.isEmpty()) {
      throw new DataException(problems);
    }
    // An id column's levels are its patients: the frame knows how many, never which (they stay on the cluster).
    idCounts.forEach((id, n) -> levels.put(id, new studybook.data.FramePlan.HiddenLevels(n, "Spark")));
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (String name : names) {
      if (levels.containsKey(name)) {
        ordered.put(name, levels.get(name));
      }
    }
    Dataset<Row> base = all.select(names.stream().map(SparkFrame::column).toArray(Column[]::new));
    SparkFrame plan = new SparkFrame(d, base, "spark " + identity);
    plan.knownRowCount(rows);
    return Frame.planned(file, names, ordered, variables, codebook.file(), plan);
  }

  /**
   * A Parquet folder's files against the codebook before any row is read, from their footers: a file with a column
   * the codebook does not declare, without a declared one, with a nested column, or with a column typed otherwise than
   * in the folder's first file, is named with the column (Spark would read a missing column as empty and fail on a
   * type mid-run).
   */
  private static void checkParts(SparkSession spark, SparkData d, Codebook codebook) {
    List<String[]> schemas = d.job(() -> d.input.parquetSchemas(spark));
    List<DataProblem> problems = new ArrayList<>();
    Map<String, String> firstTypes = null;
    String firstName = null;
    for (String[] schema : schemas) {
      Path part = shown(schema[0]);
      if (schema[1].startsWith("\u0000")) {
        problems.add(new DataProblem(part, 0, null, null, "is not a readable Parquet file: " + schema[1].substring(1),
            null));
        continue;
      }
      Map<String, String> types = new LinkedHashMap<>();
      for (String line : schema[1].split("\n")) {
        if (!line.isEmpty()) {
          types.put(line.substring(0, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1));
        }
      }
      types.forEach((name, type) -> {
        if (codebook.find(name).isEmpty()) {
          problems.add(new DataProblem(part, 0, name, null, "the column is not declared in the codebook",
              "declare it in " + codebook.file() + " or remove it from the data"));
        } else if (type.equals("group")) {
          problems.add(new DataProblem(part, 0, name, null, "the column is nested (a group), which a study's data"
              + " cannot hold", "write it as a column of values"));
        }
      });
      for (CodebookVariable v : codebook.variables()) {
        if (!types.containsKey(v.name())) {
          problems.add(new DataProblem(part, 0, v.name(), null, "declared in the codebook but not in this file of the"
              + " folder", "write every file of the folder with the same columns"));
        }
      }
      if (firstTypes == null) {
        firstTypes = types;
        firstName = part.getFileName().toString();
        continue;
      }
      for (Map.Entry<String, String> t : types.entrySet()) {
        String was = firstTypes.get(t.getKey());
        if (was != null && !was.equals(t.getValue())) {
          problems.add(new DataProblem(part, 0, t.getKey(), null, "is Parquet " + t.getValue() + " in this file but "
              + was + " in " + firstName + " (the folder's first file)", "write every file of the folder with one"
              + " schema"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new DataException(problems);
    }
  }

  /** One check: the rows {@code bad} holds for are counted; the smallest such raw value is the (fixed) example. */
  private static void check(List<Column> checks, List<Column> raws, List<String> what, List<String> hints, String name,
      Column bad, Column raw,
      String message, String hint) {
    checks.add(bad);
    raws.add(raw);
    what.add(name + '\u0000' + message);
    hints.add(hint);
  }
}
