import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's Parquet copy of a registry (not part of studybook): Spark reads the CSV with typed columns
 * (inferSchema) and writes one Parquet directory, as a registry kept on a cluster would be stored.
 * java -cp SPARK_CLASSPATH bench/CsvToParquet.java IN.csv OUT.parquet
 */
public class CsvToParquet {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("csv-to-parquet")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.read().option("header", "true").option("inferSchema", "true").csv(args[0]).write().mode("overwrite")
        .parquet(args[1]);
    spark.stop();
  }
}
