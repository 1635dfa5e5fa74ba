package studybook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studybook.stats.compare.TestId;
import studybook.stats.regression.LogisticFit;
import studybook.stats.survival.FollowUp;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.stats.survival.LogRankTest;
import studybook.tables.DescribeTable;

/**
 * What the ad-hoc commands ask of the Spark engine (the Spark build's {@code studybook.spark.SparkAdhoc}).
 * Each answer is the same record the local engine makes, finished on the driver from sufficient
 * statistics aggregated on the cluster, so the commands print it with the same code.
 */
public interface SparkBridge {
  /** The data and how to read them: the ad-hoc conventions of CONTRACT.md. */
  record Source(String master, Path data, Set<String> categorical, Map<String, List<String>> levels) {}

  DescribeTable describe(Source source, String by, List<String> variables, Map<String, TestId> requested);

  /** Kaplan-Meier curves (one per group), the log-rank test (null without groups), follow-up; n and excluded rows. */
  record Survival(int n, int excluded, List<KaplanMeierCurve> curves, LogRankTest logRank, FollowUp followUp) {}

  Survival survival(Source source, String time, String event, String eventValue, String by);

  /** The maximum-likelihood logistic fit with Wald limits and the rows left out for missing values. */
  record Logistic(LogisticFit fit, int excluded) {}

  Logistic logistic(Source source, String outcome, String event, List<String> terms);

  /**
   * The study's data read on the cluster and typed and checked by its codebook: a frame whose verbs are Spark column
   * expressions and aggregations. {@code location} is what Spark reads (a file, a folder of part files, a cluster
   * path or URI; Parquet when it ends in .parquet or every file there does, else CSV; a file on this machine is a
   * file:// URI); {@code identity} keys its plan (the data's hash).
   */
  studybook.data.Frame studyData(String master, String location, studybook.data.Codebook codebook, String identity);

  /**
   * Connects to {@code master} (the session a run's data are read in): a master that cannot be reached is one
   * clear error naming it, before the study is locked or anything is read.
   */
  void connect(String master);

  /**
   * Finds the data at {@code location} where they lie and hashes them on the executors (the run's provenance of
   * data that are not one file on this machine); a location that does not exist or cannot be read is one clear error.
   */
  studybook.kernel.RunInputs.EngineData hashData(String master, String location);

  /** Lets go of what the cluster keeps for the data of study runs (the typed Dataset each run cached). */
  void release();

  /**
   * Names, before any work starts, every cell that cannot run on Spark and why (one StudybookException), by
   * reading the cells' compiled code: what they call that asks for the rows as arrays or has no Spark path.
   */
  void checkCells(List<java.lang.reflect.Method> cells);

  /** The Cox fit (right-censored data, strata allowed), how the status was read, and the rows left out. */
  record Cox(studybook.stats.regression.CoxFit fit, studybook.stats.survival.EventCoding coding, int excluded) {}

  Cox cox(Source source, String time, String event, String eventValue, List<String> terms, String strata,
      studybook.stats.regression.CoxRegression.Ties ties);

  /**
   * Cumulative incidence with competing risks (as the local cuminc): the status coding read by the local rule
   * ({@code CompetingRisks.StatusCoding}), the curves and Gray's test from the counts of each cause and of
   * censorings per group and distinct time; n, the rows left out, the event of interest and the competing values.
   */
  record Cuminc(int n, int excluded, String eventValue, List<String> competing,
      studybook.stats.survival.CumulativeIncidenceFit fit) {}

  Cuminc cuminc(Source source, String time, String status, String event, String censor, String by);

  /**
   * The least-squares fit (classical or HC3 standard errors), the rows of positive weight left out for missing
   * values, and the rows of weight 0 left out.
   */
  record Linear(studybook.stats.regression.LinearFit fit, int excluded, int zeroWeight) {}

  /**
   * Linear regression as the local linear command fits it ({@code LinearRegression.fit(LinearPasses, List)}): the
   * cross products of the design and the outcome aggregated in one pass, HC3's meat in a second.
   *
   * @param weights the weight column (CONTRACT.md's --weights), or null
   */
  Linear linear(Source source, String outcome, List<String> terms,
      studybook.stats.regression.LinearRegression.StandardErrors standardErrors, String weights);
}
