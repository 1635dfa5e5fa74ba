package studybook.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studybook.registry.RegistryGenerator;
import studybook.registry.RegistrySummary;

/** Writes the seeded synthetic registry the scale benchmark runs on; the summary goes to stderr. */
@Command(name = "generate-registry", mixinStandardHelpOptions = true,
    description = {"Writes a seeded synthetic registry of small rectal NETs (CSV) for benchmarks.",
        "The same --rows and --seed give identical bytes; the first k rows of a larger file equal the k-row file."})
public final class GenerateRegistryCommand implements Runnable {
  @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of patients (rows).")
  long rows;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write (replaced when complete).")
  Path out;

  @Override
  public void run() {
    long start = System.nanoTime();
    RegistrySummary s = RegistryGenerator.write(out, rows, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.println(String.format(Locale.ROOT,
        "studybook: wrote %d rows (seed %d, %d bytes, %d recurrences, %d additional treatments) to %s in %.2f s",
        s.rows(), s.seed(), s.bytes(), s.recurrences(), s.additionalTreatments(), s.file(), seconds));
  }
}
