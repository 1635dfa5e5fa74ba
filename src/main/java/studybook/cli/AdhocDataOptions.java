package studybook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.AdhocLoader;
import studybook.data.Frame;

/** The options every ad-hoc command shares: the data file, categorical columns, level orders, JSON output. */
public final class AdhocDataOptions {
  // Required, except that logistic, linear and cox take --imputations instead (load() says so when neither).
  @Option(names = "--data", paramLabel = "FILE", description = "CSV file with a header row.")
  Path data;

  @Option(names = "--categorical", split = ",", paramLabel = "COL",
      description = "Columns to treat as categorical even when they hold numbers (repeat or use commas).")
  List<String> categorical = new ArrayList<>();

  @Option(names = "--levels", paramLabel = "VAR=L1,L2,...",
      description = "Level order of a categorical variable; the first is the reference (repeat per variable).")
  List<String> levels = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON document on stdout.")
  boolean json;

  @Option(names = "--verbose", description = "Say on stderr how the data were read (parsed-column cache hit or "
      + "miss, entry size, time).")
  boolean verbose;

  /** Whether the answer is JSON rather than a readable table. */
  public boolean json() {
    return json;
  }

  /** The data file and reading conventions for the Spark engine (which reads the file on the cluster). */
  SparkBridge.Source sparkSource(EngineOptions engine) {
    if (data == null) {
      throw new StudybookException("Missing required option: '--data=FILE'");
    }
    return new SparkBridge.Source(engine.master(), data, new LinkedHashSet<>(categorical), levelOrders());
  }

  /** Loads the data file by the ad-hoc conventions. */
  public Frame load() {
    if (data == null) {
      throw new StudybookException("Missing required option: '--data=FILE'");
    }
    return load(data);
  }

  /** Loads {@code file} by the ad-hoc conventions and this command's --categorical and --levels. */
  public Frame load(Path file) {
    long t0 = System.nanoTime();
    return AdhocLoader.load(file, new LinkedHashSet<>(categorical), levelOrders(), note -> {
      if (verbose) {
        System.err.println("studybook: " + note + "; file read in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
    });
  }

  /**
   * Parses the --levels values. {@code a=x,y,b=u,v} and {@code --levels a=x,y --levels b=u,v} mean
   * the same: a token with '=' starts a new variable (so a level name cannot contain '=').
   */
  Map<String, List<String>> levelOrders() {
    Map<String, List<String>> orders = new LinkedHashMap<>();
    for (String value : levels) {
      List<String> current = null;
      for (String token : value.split(",", -1)) {
        int eq = token.indexOf('=');
        if (eq >= 0) {
          String var = token.substring(0, eq).trim();
          if (var.isEmpty() || orders.containsKey(var)) {
            throw new StudybookException("--levels: " + (var.isEmpty() ? "a variable name is missing in '" + value + "'"
                : "'" + var + "' is given twice"));
          }
          current = new ArrayList<>();
          orders.put(var, current);
          token = token.substring(eq + 1);
        }
        if (current == null) {
          throw new StudybookException("--levels expects VAR=L1,L2,..., not '" + value + "'");
        }
        if (!token.isEmpty()) {
          current.add(token);
        }
      }
    }
    orders.forEach((var, lv) -> {
      if (lv.isEmpty()) {
        throw new StudybookException("--levels: no levels given for '" + var + "'");
      }
    });
    return orders;
  }
}
