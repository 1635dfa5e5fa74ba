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
  public studybook.data.Frame studyData(String master, java.nio.file.Path data, studybook.data.Codebook codebook,
      String identity) {
    return SparkStudy.load(SparkData.session(master), data, codebook, identity);
  }

  @Override
  public void checkCells(List<java.lang.reflect.Method> cells) {
    CellCheck.check(cells);
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
