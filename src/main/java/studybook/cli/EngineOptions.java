package studybook.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import studybook.StudybookException;

/**
 * {@code --engine local|spark} and {@code --master URL}: where a command computes. The local engine is
 * the default and the only one in the default build; the Spark engine lives in the build made with
 * {@code mvn -B -Pspark package} (README, "Spark") and is found here by name, so the default jar
 * carries no Spark and asking for it without that build says how to get it.
 */
public final class EngineOptions {
  /** The class of the Spark build that implements {@link SparkBridge}. */
  static final String SPARK_BRIDGE = "studybook.spark.SparkAdhoc";

  @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
      description = "Where to compute: local (default) or spark (needs the Spark build; README, \"Spark\").")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "With --engine spark: the Spark master (local[2], spark://host:7077, yarn, ...); "
          + "default: the one spark-submit gives, else local[2].")
  String master;

  /** Whether the command runs on Spark; an unknown engine name, or --master without spark, is an error. */
  public boolean spark() {
    String e = engine == null ? "local" : engine.toLowerCase(Locale.ROOT);
    if (!e.equals("local") && !e.equals("spark")) {
      throw new StudybookException("--engine must be local or spark, not '" + engine + "'");
    }
    if (e.equals("local") && master != null) {
      throw new StudybookException("--master goes with --engine spark");
    }
    return e.equals("spark");
  }

  /** The master asked for, or null to take spark-submit's (or local[2]). */
  public String master() {
    return master;
  }

  /** The ad-hoc commands that run on Spark, for the error of one that does not. */
  static final String ON_SPARK = "describe, logistic, survival, cox, linear and cuminc";

  /**
   * For a command without a Spark path: with {@code --engine spark}, an error that says so (exit 2, before any
   * work); the local engine (the default) runs it.
   */
  public void localOnly(String command) {
    if (spark()) {
      throw new StudybookException("--engine spark: " + command + " does not run on Spark yet; run it with the local"
          + " engine (leave out --engine spark); " + ON_SPARK + " run on Spark (README, \"Spark\")");
    }
  }

  /** The Spark engine of this build, or an error that says how to get one. */
  public SparkBridge bridge() {
    return bridge(SPARK_BRIDGE);
  }

  static SparkBridge bridge(String className) {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new StudybookException("--engine spark: this studybook is the default build, without the Spark engine;"
          + " build it with 'mvn -B -Pspark package' (target/spark/studybook-spark.jar) and run it with spark-submit"
          + " (README, \"Spark\")");
    }
    try {
      Class.forName("org.apache.spark.sql.SparkSession");
    } catch (ClassNotFoundException | LinkageError e) {
      throw new StudybookException("--engine spark: Spark is not on the class path; run the Spark build with"
          + " spark-submit --class studybook.cli.Main target/spark/studybook-spark.jar ... (README, \"Spark\")");
    }
    try {
      return (SparkBridge) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new StudybookException("--engine spark: the Spark engine could not start: " + e);
    }
  }
}
