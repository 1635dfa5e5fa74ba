package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --imputations} on linear, logistic and cox against R (src/test/r/pooled.R: five completed data sets
 * of lung and nhanes2 from mice, each model pooled with summary(mice::pool(fits), conf.int = TRUE));
 * estimates, se, t, Barnard–Rubin df, p, limits, riv, lambda and fmi, 1e-6 relative. Then data sets that
 * differ in rows or levels.
 */
class PooledFitsTest {
  @TempDir Path dir;

  static final Path REF = ReferenceJson.folder("pooled");

  static Stream<String[]> cases() throws IOException {
    return ReferenceJson.csv(REF.resolve("cases.csv")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyReferenceCaseMatchesR(String name, String command, String pattern, String args) {
    List<String> cli = new ArrayList<>(List.of(command, "--imputations", REF.resolve(pattern).toString()));
    cli.addAll(Arrays.asList(args.split(";")));
    cli.add("--json");
    CliRun r = CliRun.of(cli.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    JsonNode root = r.json();
    try {
      double worst = ReferenceJson.compare(root, ReferenceJson.expected(REF, name), name);
      System.err.println("pooled " + name + ": largest relative difference from R " + worst);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    List<String> keys = new ArrayList<>();
    root.get("terms").get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("term", "estimate", "se", "t", "df", "p", "ci_low", "ci_high", "riv", "lambda", "fmi"), keys);
  }

  private void copy(String from, String to) throws IOException {
    Files.copy(REF.resolve(from), dir.resolve(to));
  }

  @Test
  void dataSetsThatDifferInRowsAreAnErrorNamingTheFile() throws IOException {
    copy("nhanes_1.csv", "imp_1.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(REF.resolve("nhanes_2.csv")));
    lines.remove(lines.size() - 1);
    Files.write(dir.resolve("imp_2.csv"), lines);
    CliRun r = CliRun.of("linear", "--imputations", dir.resolve("imp_*.csv").toString(), "--outcome", "chl", "--terms",
        "age,bmi", "--json");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("imp_2.csv") && r.err().contains("differ in their rows"), r.err());
  }

  @Test
  void dataSetsThatDifferInLevelsAreAnErrorNamingTheFileAndColumn() throws IOException {
    copy("nhanes_1.csv", "imp_1.csv");
    String text = Files.readString(REF.resolve("nhanes_2.csv")).replace("\"60-99\"", "\"60+\"");
    Files.writeString(dir.resolve("imp_2.csv"), text);
    CliRun r = CliRun.of("linear", "--imputations", dir.resolve("imp_*.csv").toString(), "--outcome", "chl", "--terms",
        "age,bmi", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("imp_2.csv") && r.err().contains("column 'age'") && r.err().contains("levels"), r.err());
  }

  @Test
  void oneDataSetOrDataBesideImputationsIsAnError() throws IOException {
    copy("nhanes_1.csv", "imp_1.csv");
    CliRun r = CliRun.of("linear", "--imputations", dir.resolve("imp_*.csv").toString(), "--outcome", "chl", "--terms",
        "bmi", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("two or more completed data sets"), r.err());
    r = CliRun.of("linear", "--data", dir.resolve("imp_1.csv").toString(), "--imputations",
        dir.resolve("imp_*.csv").toString(), "--outcome", "chl", "--terms", "bmi", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--data or --imputations, not both"), r.err());
    r = CliRun.of("linear", "--outcome", "chl", "--terms", "bmi", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--data"), r.err());
  }
}
