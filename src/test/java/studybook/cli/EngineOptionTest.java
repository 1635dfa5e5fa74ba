package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --engine in the default build: local as before, spark refused with how to get it, nothing on stdout. */
class EngineOptionTest {
  @TempDir Path dir;

  private Path data() throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "g,x,t,e\na,1,5,1\nb,2,6,0\na,3,7,1\nb,4,8,1\n");
    return f;
  }

  @Test
  void sparkWithoutTheSparkBuildSaysHowToGetIt() throws IOException {
    String f = data().toString();
    for (String[] args : new String[][] {
        {"describe", "--data", f, "--by", "g", "--engine", "spark", "--json"},
        {"survival", "--data", f, "--time", "t", "--event", "e", "--engine", "spark", "--master", "local[2]", "--json"},
        {"logistic", "--data", f, "--outcome", "e", "--event", "1", "--terms", "x", "--engine", "spark", "--json"},
        {"cox", "--data", f, "--time", "t", "--event", "e", "--terms", "x", "--engine", "spark", "--json"},
        {"cuminc", "--data", f, "--time", "t", "--status", "e", "--event", "1", "--engine", "spark", "--json"},
        {"linear", "--data", f, "--outcome", "t", "--terms", "x", "--engine", "spark", "--master", "local[2]"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), r.err());
      assertEquals("", r.out());
      assertTrue(r.err().contains("mvn -B -Pspark package") && r.err().contains("README, \"Spark\""), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  /** --engine local runs a command as before. */
  @Test
  void engineLocalRunsAsBefore() throws IOException {
    String f = data().toString();
    CliRun local = CliRun.of("cox", "--data", f, "--time", "t", "--event", "e", "--terms", "x", "--engine", "local",
        "--json");
    assertEquals(0, local.code(), local.err());
    assertEquals(CliRun.of("cox", "--data", f, "--time", "t", "--event", "e", "--terms", "x", "--json").out(),
        local.out());
  }

  /** A study run asking for Spark in the default build: how to get it, exit 2, the study untouched. */
  @Test
  void aStudyRunOnSparkWithoutTheSparkBuildSaysHowToGetIt() throws IOException {
    Files.writeString(dir.resolve("study.properties"), "title=t\ndata=d.csv\n");
    data();
    CliRun r = CliRun.of("run", "--study", dir.toString(), "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("mvn -B -Pspark package") && r.err().contains("README, \"Spark\""), r.err());
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(java.util.Set.of("study.properties", "d.csv"),
          files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  /** The Spark build's jar run with plain java (no spark-submit): the engine is there, Spark is not. */
  @Test
  void theSparkBuildWithoutSparkSaysToUseSparkSubmit() {
    studybook.StudybookException e = org.junit.jupiter.api.Assertions.assertThrows(studybook.StudybookException.class,
        () -> EngineOptions.bridge("studybook.cli.Main"));
    assertTrue(e.getMessage().contains("Spark is not on the class path") && e.getMessage().contains("spark-submit"),
        e.getMessage());
  }

  @Test
  void localIsTheDefaultAndTheSameAnswer() throws IOException {
    String f = data().toString();
    CliRun plain = CliRun.of("describe", "--data", f, "--by", "g", "--json");
    CliRun local = CliRun.of("describe", "--data", f, "--by", "g", "--engine", "local", "--json");
    assertEquals(0, plain.code(), plain.err());
    assertEquals(plain.out(), local.out());
  }

  @Test
  void unknownEngineAndStrayMasterAreErrors() throws IOException {
    String f = data().toString();
    CliRun r = CliRun.of("describe", "--data", f, "--by", "g", "--engine", "dask", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--engine must be local or spark, not 'dask'"), r.err());
    r = CliRun.of("describe", "--data", f, "--by", "g", "--master", "local[2]", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--master goes with --engine spark"), r.err());
  }
}
