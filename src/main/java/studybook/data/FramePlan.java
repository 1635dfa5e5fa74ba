package studybook.data;

import java.util.List;

/**
 * The rows of a {@link Frame} that live on another engine (the Spark build's {@code studybook.spark.SparkFrame}):
 * each verb adds a step to the engine's plan or asks it for counts, and no row comes back to this JVM. The frame
 * keeps the names, levels, codebook entries and filter history and checks every name (against a frame of no
 * rows) before it asks the plan; the plan only evaluates. A categorical column is held as its level codes in the
 * frame's current level order, a continuous one as numbers; missing is the engine's null.
 *
 * <p>What needs the rows as Java arrays ({@link Frame#codes}, {@link Frame#values}, {@link Frame#text},
 * {@link Frame#withNumber}, ...) throws {@link NotOnThisEngineException}; the Spark engine names such cells
 * before a run starts.
 */
public interface FramePlan {
  /** The engine's name for messages, e.g. "Spark". */
  String engine();

  /** A description of the plan that changes whenever its rows could (the data's hash and every step): keys caches and hashes. */
  String identity();

  /** Rows. */
  long rowCount();

  /**
   * How many rows {@code condition} is TRUE, FALSE and NA for ({@code shape} is the frame, without rows, that
   * gives the columns' kinds and levels).
   */
  long[] truthCounts(Condition condition, Frame shape);

  /** The rows where {@code condition} is TRUE. */
  FramePlan where(Condition condition, Frame shape);

  /** Rows per code of a categorical column with {@code levels} levels; the last entry counts the missing ones. */
  long[] countBy(String column, int levels);

  /**
   * Rows by the code of {@code by} ({@code groups} groups; rows whose group is missing are not counted) and the code
   * of the categorical {@code column} ({@code levels} levels): {@code [group][level]}, the last level entry counting
   * the rows where {@code column} is missing. A count table for Table 1's categorical rows.
   */
  long[][] countByGroup(String column, int levels, String by, int groups);

  /**
   * Per group of {@code by} ({@code groups} groups; rows whose group is missing are not counted): the distinct
   * non-missing values of the number {@code column} in ascending order with how many rows hold each, and the rows
   * where it is missing. The sufficient statistics of Table 1's continuous rows (summaries, rank sums, moments).
   */
  List<ValueCounts> valueCounts(String column, String by, int groups);

  /** One group's distinct values (ascending), their counts, and the missing rows. */
  record ValueCounts(double[] values, long[] counts, long missing) {}

  /** Whether every non-missing value of the number {@code column} is a whole number (and there is one). */
  boolean wholeNumbers(String column);

  /**
   * Rows by the truth of {@code condition} (0: TRUE, 1: FALSE) and the code of {@code by} ({@code levels} levels);
   * rows where either is NA or missing are not counted.
   */
  long[][] countTruthBy(Condition condition, String by, int levels, Frame shape);

  /**
   * A categorical column {@code name} (replacing one of that name): each row takes {@code codes[i]} of the first
   * {@code conditions[i]} that is TRUE (a null condition always holds), else missing.
   */
  FramePlan withFactor(String name, List<Condition> conditions, int[] codes, Frame shape);

  /** The codes of {@code column} renumbered: old code {@code c} becomes {@code remap[c]}. */
  FramePlan withLevelOrder(String column, int[] remap);

  /**
   * A logistic model's design kept on the engine: the rows where {@code outcome} and every one of {@code terms} are
   * present (a continuous term divided by its entry in {@code scales}, if any), a categorical term as its level
   * codes. Names were checked by the frame; {@code shape} gives the kinds and levels. Counted by
   * {@link LogisticDesign#census}, fitted by {@link LogisticDesign#fit}; closing it lets the engine drop the rows.
   */
  LogisticDesign logisticDesign(String outcome, java.util.List<String> terms, java.util.Map<String, Double> scales,
      Frame shape);

  /** A logistic design on the engine ({@link #logisticDesign}). */
  interface LogisticDesign extends AutoCloseable {
    /**
     * The counts a model frame checks and a table reports, with y = 1 where the outcome's value, as the local design
     * names it (a level, or {@code Double.toString} of a number), is {@code eventValue} (null: no row is an event).
     */
    DesignCensus census(String eventValue);

    /**
     * The fit by {@code regression} of y on the design columns {@code columns} (an intercept, then each term's: a
     * continuous term itself, a categorical term one 0/1 column per level after the first): aliasing decided as
     * glm's QR decides it, every sum over the rows made on the engine.
     */
    studybook.stats.regression.LogisticFit fit(studybook.stats.regression.LogisticRegression regression,
        java.util.List<String> columns);

    @Override
    void close();
  }

  /**
   * What {@link LogisticDesign#census} counts.
   *
   * @param rows the frame's rows
   * @param outcomeValues the outcome's distinct non-missing values in order of first appearance (at most three)
   * @param complete rows with the outcome and every term present
   * @param events complete rows whose outcome is the event
   * @param levelRows per term (null for a continuous one) the complete rows per level
   * @param levelEvents per term (null for a continuous one) the complete rows with the event per level
   * @param first per continuous term the value of its first complete row (NaN when none, or for a categorical term)
   * @param varies per continuous term whether its complete rows hold more than one value
   */
  record DesignCensus(long rows, java.util.List<String> outcomeValues, long complete, long events, long[][] levelRows,
      long[][] levelEvents, double[] first, boolean[] varies) {}

  /** The levels of an id column whose values stay on the other engine: how many there are, never which. */
  final class HiddenLevels extends java.util.AbstractList<String> {
    private final int size;
    private final String engine;

    public HiddenLevels(int size, String engine) {
      this.size = size;
      this.engine = engine;
    }

    @Override
    public String get(int index) {
      throw new NotOnThisEngineException(engine, "reading an id column's values");
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean equals(Object o) {
      return o == this;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** What a verb that needs the rows as arrays throws on a planned frame. */
  final class NotOnThisEngineException extends studybook.StudybookException {
    private static final long serialVersionUID = 1L;

    public NotOnThisEngineException(String engine, String what) {
      super(what + " asks for the rows as Java arrays, which the " + engine + " engine does not bring to the driver;"
          + " run this study with the local engine (without --engine " + engine.toLowerCase(java.util.Locale.ROOT) + ")");
    }
  }

  /**
   * The sufficient statistics of a survival outcome ({@link Surv#counts(Frame)}): the rows with a time and a status
   * counted per group and distinct time (events and censorings), and the rows without a time, or with a time and no
   * status. A status code {@code c} is an event when {@code event[c]}, missing when {@code missing[c]}. The group is
   * the code of {@code group} (all rows in group 0 when it is null); a row whose group is missing counts in the last
   * of {@code groups} (the caller names it). A negative time is an error naming the column.
   */
  TimeTally survivalCounts(String time, String status, boolean[] event, boolean[] missing, String group,
      List<String> groups);

  /** What {@link #survivalCounts} gives. */
  record TimeTally(studybook.stats.survival.TimeCounts counts, long missingTime, long missingStatus) {}
}
