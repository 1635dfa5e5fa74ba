package studybook.cli;

import studybook.report.NumberStyle.Plain;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.claims.ClaimsReader;
import studybook.twin.StudyGenerators;
import studybook.twin.Twin;

/**
 * {@code studybook twin}: runs the study's own twin generator ({@code analysis/twin/}) and writes the
 * first candidate on which the study's cells reproduce every claim.
 */
@Command(name = "twin", mixinStandardHelpOptions = true,
    description = {"Generates a synthetic twin with the study's generator (" + StudyGenerators.FOLDER + "/) and "
        + "writes it only when the study's own cells, run on it, reproduce every claim."})
public final class TwinCommand implements Callable<Integer> {
  @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
  Path study;

  @Option(names = "--claims", paramLabel = "FILE",
      description = "The claims file to reproduce (default: study.properties' claims, else analysis/claims.csv).")
  Path claims;

  @Option(names = "--seed", description = "Random seed (default: 'seed' in study.properties).")
  Long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the twin (replaced only when accepted).")
  Path out;

  @Option(names = "--generator", paramLabel = "CLASS",
      description = "The generator's class name, when " + StudyGenerators.FOLDER + "/ holds several.")
  String generator;

  @Option(names = "--attempts", defaultValue = "4", paramLabel = "N",
      description = "Candidates to try before giving up (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Override
  public Integer call() {
    Properties settings = settings(study);
    long s = seed != null ? seed : studySeed(settings);
    Path claimsPath = claims != null ? claims
        : study.resolve(settings.getProperty("claims", "analysis/claims.csv").strip());
    long start = System.nanoTime();
    Twin.Result r = Twin.make(new Twin.Request(study, ClaimsReader.read(claimsPath), s, out,
        Optional.ofNullable(generator), attempts), System.err::println);
    System.err.printf(Locale.ROOT, "twin: %d rows in %s s%n", r.rows(), Plain.fixed((System.nanoTime() - start) / 1e9, 1));
    System.out.printf(Locale.ROOT, "%s: %d rows (seed %d, attempt %d); %d of %d claims reproduced by the study's "
        + "cells, each within the inner half of its rounding window%n", out, r.rows(), s, r.attempt(),
        r.verdicts().size(), r.verdicts().size());
    return 0;
  }

  private static Properties settings(Path study) {
    Path props = study.resolve("study.properties");
    Properties p = new Properties();
    if (Files.isRegularFile(props)) {
      try (Reader r = Files.newBufferedReader(props)) {
        p.load(r);
      } catch (IOException e) {
        throw new StudybookException("cannot read study.properties: " + e.getMessage(), e);
      }
    }
    return p;
  }

  private static long studySeed(Properties p) {
    String v = p.getProperty("seed");
    if (v == null) {
      throw new StudybookException("give --seed (no seed in study.properties)");
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new StudybookException("study.properties: seed '" + v + "' is not a whole number");
    }
  }
}
