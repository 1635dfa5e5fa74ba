package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studybook.stats.compare.Fixtures.assertClose;
import static studybook.stats.compare.Fixtures.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.stats.compare.Fixtures;

/** ./studybook describe end to end through Main.execute, checked against the R fixtures of compare.R. */
class DescribeCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }


  private static Map<String, String> fixture(String file, String data, String var, String by, String test,
      String group) {
    return Fixtures.rows(file).stream()
        .filter(r -> r.get("data").equals(data) && r.get("var").equals(var) && r.get("by").equals(by))
        .filter(r -> test == null || r.get("test").equals(test))
        .filter(r -> group == null || r.get("group").equals(group))
        .findFirst().orElseThrow();
  }

  private static List<String> keys(JsonNode node) {
    List<String> k = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      k.add(it.next());
    }
    return k;
  }

  @Test
  void airqualityByMonthMatchesR() throws IOException {
    CliRun r = run("describe", "--data", Fixtures.file("airquality.csv").toString(), "--by", "Month",
        "--vars", "Ozone,Solar.R", "--test", "Solar.R=kruskal", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = Json.mapper().readTree(r.out());
    assertEquals(List.of("n", "by", "groups", "excluded", "variables"), keys(root));
    assertEquals(153, root.get("n").asInt());
    assertEquals(0, root.get("excluded").asInt());
    assertEquals("[\"5\",\"6\",\"7\",\"8\",\"9\"]", root.get("groups").toString());
    JsonNode ozone = root.get("variables").get(0);
    assertEquals(List.of("name", "type", "overall", "groups", "test"), keys(ozone));
    assertEquals("continuous", ozone.get("type").asText());
    for (String group : new String[] {"", "5", "6", "7", "8", "9"}) {
      Map<String, String> expected = fixture("summaries.csv", "airquality", "Ozone", "Month", null, group);
      JsonNode s = group.isEmpty() ? ozone.get("overall") : ozone.get("groups").get(group);
      assertEquals(List.of("n", "missing", "mean", "sd", "median", "q1", "q3", "min", "max"), keys(s));
      assertEquals(Integer.parseInt(expected.get("n")), s.get("n").asInt());
      assertEquals(Integer.parseInt(expected.get("missing")), s.get("missing").asInt());
      for (String k : new String[] {"mean", "sd", "median", "q1", "q3", "min", "max"}) {
        assertClose(number(expected.get(k)), s.get(k).asDouble(), group + " " + k);
      }
    }
    JsonNode anova = ozone.get("test");
    assertEquals(List.of("name", "statistic", "df", "df2", "p"), keys(anova));
    Map<String, String> a = fixture("tests.csv", "airquality", "Ozone", "Month", "anova", null);
    assertEquals("anova", anova.get("name").asText());
    assertClose(number(a.get("statistic")), anova.get("statistic").asDouble(), "F");
    assertEquals(4, anova.get("df").asInt());
    assertEquals(111, anova.get("df2").asInt());
    assertClose(number(a.get("p")), anova.get("p").asDouble(), "anova p");
    JsonNode kruskal = root.get("variables").get(1).get("test");
    Map<String, String> k = fixture("tests.csv", "airquality", "Solar.R", "Month", "kruskal", null);
    assertEquals("kruskal", kruskal.get("name").asText());
    assertClose(number(k.get("statistic")), kruskal.get("statistic").asDouble(), "H");
    assertClose(number(k.get("p")), kruskal.get("p").asDouble(), "kruskal p");
  }

  /** Issue 16: a thousand levels went through Fisher's recursion and overflowed the stack. */
  @Test
  void aThousandLevelsAndTheMonteCarloFisherAreNamedInTheJson() throws IOException {
    StringBuilder csv = new StringBuilder("id,g\n");
    for (int i = 0; i < 1000; i++) {
      csv.append(String.format(java.util.Locale.ROOT, "L%04d,%s%n", i, i % 3 == 0 ? "a" : "b"));
    }
    Path file = dir.resolve("levels.csv");
    java.nio.file.Files.writeString(file, csv.toString());
    CliRun r = run("describe", "--data", file.toString(), "--by", "g", "--vars", "id", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode test = Json.mapper().readTree(r.out()).get("variables").get(0).get("test");
    assertEquals("fisher", test.get("name").asText());
    assertEquals(1.0, test.get("p").asDouble(), 1e-9); // every table with these margins is equally probable
    CliRun sim = run("describe", "--data", Fixtures.file("mtcars.csv").toString(), "--by", "am",
        "--categorical", "gear", "--vars", "gear", "--test", "gear=fisher-simulated", "--json");
    assertEquals(0, sim.code(), sim.err());
    JsonNode mc = Json.mapper().readTree(sim.out()).get("variables").get(0).get("test");
    assertEquals("fisher-simulated", mc.get("name").asText());
    double exact = number(fixture("tests.csv", "mtcars", "gear", "am", "fisher", null).get("p"));
    assertEquals(exact, mc.get("p").asDouble(), 4 * Math.sqrt(exact * (1 - exact) / 2000) + 1 / 2001.0);
  }

  @Test
  void categoricalLevelsFisherAndWelchOnMtcars() throws IOException {
    CliRun r = run("describe", "--data", Fixtures.file("mtcars.csv").toString(), "--by", "am",
        "--categorical", "gear", "--vars", "gear,mpg", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode gear = Json.mapper().readTree(r.out()).get("variables").get(0);
    assertEquals(List.of("name", "type", "missing", "levels", "test"), keys(gear));
    JsonNode level4 = gear.get("levels").get(1);
    assertEquals("4", level4.get("level").asText());
    Map<String, String> l = fixture("levels.csv", "mtcars", "gear", "am", null, "1");
    assertEquals("3", l.get("level"));
    assertEquals(Long.parseLong(l.get("n")), gear.get("levels").get(0).get("groups").get("1").get("n").asLong());
    assertClose(100 * 12 / 32.0, level4.get("overall").get("pct").asDouble(), "pct");
    JsonNode fisher = gear.get("test");
    assertEquals("fisher", fisher.get("name").asText());
    assertTrue(fisher.get("statistic").isNull());
    assertTrue(fisher.get("df").isNull());
    assertClose(number(fixture("tests.csv", "mtcars", "gear", "am", "fisher", null).get("p")),
        fisher.get("p").asDouble(), "fisher p");
    JsonNode welch = Json.mapper().readTree(r.out()).get("variables").get(1).get("test");
    Map<String, String> w = fixture("tests.csv", "mtcars", "mpg", "am", "welch", null);
    assertEquals("welch", welch.get("name").asText());
    assertClose(number(w.get("df")), welch.get("df").asDouble(), "fractional df");
    assertClose(number(w.get("statistic")), welch.get("statistic").asDouble(), "t");
  }

  @Test
  void rowsWithMissingGroupAreExcludedAndMissingValuesCounted() throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "g,x,s\na,1,u\na,,v\nb,3,u\nb,4,\n,5,u\nNA,6,v\n", StandardCharsets.UTF_8);
    CliRun r = run("describe", "--data", f.toString(), "--by", "g", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = Json.mapper().readTree(r.out());
    assertEquals(4, root.get("n").asInt());
    assertEquals(2, root.get("excluded").asInt());
    JsonNode x = root.get("variables").get(0);
    assertEquals("x", x.get("name").asText());
    assertEquals(1, x.get("overall").get("missing").asInt());
    JsonNode s = root.get("variables").get(1);
    assertEquals(1, s.get("missing").asInt());
    assertClose(200.0 / 3, s.get("levels").get(0).get("overall").get("pct").asDouble(), "pct of non-missing");
    assertTrue(x.get("groups").get("a").get("sd").isNull(), "SD of one value is null");
  }

  @Test
  void unknownColumnAndBadTestExitTwoWithNothingOnStdout() {
    Path data = Fixtures.file("mtcars.csv");
    for (String[] args : List.of(
        new String[] {"describe", "--data", data.toString(), "--by", "am", "--vars", "mpgg", "--json"},
        new String[] {"describe", "--data", data.toString(), "--by", "am", "--test", "mpg=wilcox", "--json"},
        new String[] {"describe", "--data", data.toString(), "--by", "amm", "--json"})) {
      CliRun r = run(args);
      assertEquals(StudybookException.EXIT_CODE, r.code());
      assertEquals("", r.out());
      assertTrue(r.err().startsWith("studybook: "), r.err());
    }
    CliRun r = run("describe", "--data", data.toString(), "--by", "am", "--vars", "mpgg", "--json");
    assertTrue(r.err().contains("mtcars.csv:1: column 'mpgg'") && r.err().contains("did you mean 'mpg'"), r.err());
  }

  @Test
  void textTableIsAlignedAndNamesTheTests() {
    CliRun r = run("describe", "--data", Fixtures.file("mtcars.csv").toString(), "--by", "am", "--vars", "mpg,vs",
        "--categorical", "vs");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("Variable"));
    assertEquals(lines[0].length(), lines[1].length(), r.out());
    assertTrue(r.out().contains("Welch t-test"), r.out());
  }
}
