package studybook.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import studybook.cli.Main;

/**
 * A training run for an application class-data archive (AppCDS): runs the ad-hoc commands once on a
 * small registry inside one JVM so that {@code -XX:ArchiveClassesAtExit} records every class they load.
 * The launcher runs it once per built jar; nothing else should call it.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  /** The commands of the benchmark, on a small file, with their output thrown away. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("studybook-cds");
    PrintStream out = System.out;
    try {
      Path data = dir.resolve("registry.csv");
      RegistryGenerator.write(data, 300, 1);
      String file = data.toString();
      String terms = "age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin";
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8));
      Main.execute("--version");
      Main.execute("describe", "--data", file, "--by", "additional_treatment", "--vars", terms, "--json");
      Main.execute("logistic", "--data", file, "--outcome", "additional_treatment", "--event", "yes", "--terms", terms,
          "--json");
      Main.execute("survival", "--data", file, "--time", "followup_months", "--event", "recurrence", "--by", "curative",
          "--json");
    } finally {
      System.setOut(out);
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
