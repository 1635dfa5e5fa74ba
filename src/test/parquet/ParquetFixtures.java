import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes the Parquet test fixtures under src/test/resources/readers with an independent writer, DuckDB
 * (not studybook's reader library), from the committed CSV files. Not part of the build; run from the
 * repository root after fetching the driver once (mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:2.0.0.1):
 *
 * <pre>java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar src/test/parquet/ParquetFixtures.java</pre>
 *
 * <ul>
 *   <li>patients*.parquet: the eight patients of patients.csv with the types a registry's Parquet file has (an
 *       integer age with a null, integer sex and stage codes, a DECIMAL(5,2) body-mass index, a DATE and a
 *       TIMESTAMP at midnight), once per compression codec (snappy, zstd, gzip, lz4_raw, none); brotli is the
 *       codec studybook refuses by name;</li>
 *   <li>patients_badtypes.parquet: age as text, resected as a double, stage as a double;</li>
 *   <li>patients_moment.parquet: lastseen as a timestamp with a time of day;</li>
 *   <li>patients_boolean.parquet: sex as a boolean;</li>
 *   <li>patients_nested.parquet: a list column;</li>
 *   <li>patients_groups.parquet: the eight patients 512 times (ids made unique), 4,096 rows in two row groups;</li>
 *   <li>rectal_net_twin.parquet: the default study's twin (data/rectal_net_twin.csv) with the types DuckDB infers
 *       (integers, doubles, text).</li>
 * </ul>
 */
public class ParquetFixtures {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of("src/test/resources/readers");
    String patients = "SELECT pid, CAST(age AS INTEGER) AS age, CAST(sex AS INTEGER) AS sex,"
        + " CAST(bmi AS DECIMAL(5,2)) AS bmi, CAST(stage AS BIGINT) AS stage, CAST(resected AS DATE) AS resected,"
        + " CAST(lastseen AS TIMESTAMP) AS lastseen FROM read_csv('" + dir.resolve("patients.csv")
        + "', nullstr=['NA',''], header=true, all_varchar=true)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String[][] codecs = {{"snappy", "patients.parquet"}, {"zstd", "patients_zstd.parquet"},
          {"gzip", "patients_gzip.parquet"}, {"lz4_raw", "patients_lz4.parquet"},
          {"uncompressed", "patients_uncompressed.parquet"}, {"brotli", "patients_brotli.parquet"}};
      for (String[] codec : codecs) {
        copy(s, patients, dir.resolve(codec[1]), "COMPRESSION " + codec[0]);
      }
      copy(s, "SELECT pid, CAST(age AS VARCHAR) AS age, sex, bmi, CAST(stage AS DOUBLE) AS stage,"
          + " CAST(epoch(resected) / 86400 AS DOUBLE) AS resected, lastseen FROM (" + patients + ")",
          dir.resolve("patients_badtypes.parquet"), "COMPRESSION snappy");
      copy(s, "SELECT * REPLACE (lastseen + INTERVAL 90 MINUTE AS lastseen) FROM (" + patients + ")",
          dir.resolve("patients_moment.parquet"), "COMPRESSION snappy");
      copy(s, "SELECT * REPLACE (sex = 1 AS sex) FROM (" + patients + ")", dir.resolve("patients_boolean.parquet"),
          "COMPRESSION snappy");
      copy(s, "SELECT *, [age, stage] AS codes FROM (" + patients + ")", dir.resolve("patients_nested.parquet"),
          "COMPRESSION snappy");
      copy(s, "SELECT pid || '-' || i AS pid, * EXCLUDE (pid) FROM (" + patients + "), range(512) t(i) ORDER BY i, pid",
          dir.resolve("patients_groups.parquet"), "COMPRESSION snappy, ROW_GROUP_SIZE 2048");
      copy(s, "SELECT * FROM read_csv('data/rectal_net_twin.csv', nullstr=['NA',''], header=true,"
          + " auto_type_candidates=['BIGINT','DOUBLE','VARCHAR'])", dir.resolve("rectal_net_twin.parquet"),
          "COMPRESSION snappy");
    }
  }

  private static void copy(Statement s, String select, Path out, String options) throws Exception {
    Files.deleteIfExists(out);
    s.execute("COPY (" + select + ") TO '" + out + "' (FORMAT parquet, " + options + ")");
    System.out.println(out + ": " + Files.size(out) + " bytes");
  }
}
