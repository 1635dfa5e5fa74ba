package studybook.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import studybook.cli.SparkBridge;
import studybook.stats.compare.TestId;
import studybook.tables.DescribeTable;

/**
 * The Spark engine of the ad-hoc commands (found by name by the command line's --engine spark): each
 * command reads its file on the cluster, aggregates sufficient statistics there and finishes the
 * statistics on the driver in studybook's own code. No row is collected to the driver.
 */
public final class SparkAdhoc implements SparkBridge {
  @Override
  public DescribeTable describe(Source source, String by, List<String> variables, Map<String, TestId> requested) {
    SparkSession spark = SparkData.session(source.master());
    return SparkDescribe.run(SparkData.read(spark, source.data()), by, variables, requested, source.categorical(),
        source.levels());
  }

  @Override
  public Survival survival(Source source, String time, String event, String eventValue, String by) {
    SparkSession spark = SparkData.session(source.master());
    return SparkSurvival.run(SparkData.read(spark, source.data()), time, event, eventValue, by, source.categorical(),
        source.levels());
  }

  @Override
  public Logistic logistic(Source source, String outcome, String event, List<String> terms) {
    SparkSession spark = SparkData.session(source.master());
    return SparkLogistic.run(SparkData.read(spark, source.data()), outcome, event, terms, source.categorical(),
        source.levels());
  }

  @Override
  public studybook.data.Frame studyData(String master, String location, studybook.data.Codebook codebook,
      String identity) {
    return SparkStudy.load(SparkData.session(master), location, codebook, identity);
  }

  /** The RDDs the session kept when this run connected: those kept since are the run's, released at its end. */
  private java.util.Set<Integer> keptBefore;

  private SparkSession session;

  @Override
  public void connect(String master) {
    session = SparkData.session(master);
    keptBefore = new java.util.HashSet<>(scala.jdk.javaapi.CollectionConverters.asJava(
        session.sparkContext().getPersistentRDDs()).keySet().stream().map(i -> (Integer) i).toList());
  }

  @Override
  public studybook.kernel.RunInputs.EngineData hashData(String master, String location) {
    SparkSession spark = SparkData.session(master);
    return SparkInput.find(spark, location).hash(spark);
  }

  @Override
  public void release() {
    SparkStudy.release();
    if (session != null && keptBefore != null) {
      // anything else the run's cells kept (a step's cached Dataset): unpersisted too, without waiting
      scala.jdk.javaapi.CollectionConverters.asJava(session.sparkContext().getPersistentRDDs()).forEach((id, rdd) -> {
        if (!keptBefore.contains((Integer) id)) {
          rdd.unpersist(false);
        }
      });
    }
  }

  @Override
  public void checkCells(List<java.lang.reflect.Method> cells) {
    CellCheck.check(cells);
  }

  @Override
  public Cox cox(Source source, String time, String event, String eventValue, List<String> terms, String strata,
      studybook.stats.regression.CoxRegression.Ties ties) {
    SparkSession spark = SparkData.session(source.master());
    return SparkCox.run(SparkData.read(spark, source.data()), time, event, eventValue, terms, strata, ties,
        source.categorical(), source.levels());
  }

  @Override
  public Cuminc cuminc(Source source, String time, String status, String event, String censor, String by) {
    SparkSession spark = SparkData.session(source.master());
    return SparkCuminc.run(SparkData.read(spark, source.data()), time, status, event, censor, by, source.categorical(),
        source.levels());
  }

  @Override
  public Linear linear(Source source, String outcome, List<String> terms,
      studybook.stats.regression.LinearRegression.StandardErrors standardErrors, String weights) {
    SparkSession spark = SparkData.session(source.master());
    return SparkLinear.run(SparkData.read(spark, source.data()), outcome, terms, standardErrors, weights,
        source.categorical(), source.levels());
  }
}
