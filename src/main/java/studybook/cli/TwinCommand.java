package studybook.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReader;
import studybook.claims.Verdict;
import studybook.twin.TwinCheck;
import studybook.twin.TwinCsv;
import studybook.twin.TwinGenerator;
import studybook.twin.TwinPatient;
import studybook.twin.TwinTargets;

/** {@code studybook twin}: builds the synthetic twin cohort from the claims file and checks it reproduces them. */
@Command(name = "twin", mixinStandardHelpOptions = true,
    description = "Builds the synthetic twin cohort from the claims file and checks that it reproduces every claim.")
public final class TwinCommand implements Callable<Integer> {
  @Option(names = "--claims", defaultValue = "analysis/claims.csv", description = "The claims file (default: ${DEFAULT-VALUE}).")
  Path claims;

  @Option(names = "--codebook", defaultValue = "data/codebook.csv", description = "The codebook the twin is checked with (default: ${DEFAULT-VALUE}).")
  Path codebook;

  @Option(names = "--seed", description = "Random seed (default: 'seed' in study.properties).")
  Long seed;

  @Option(names = "--out", defaultValue = "data/rectal_net_twin.csv", description = "Where to write the twin (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    long s = seed != null ? seed : studySeed();
    ClaimsFile file = ClaimsReader.read(claims);
    TwinTargets targets = TwinTargets.from(file);
    long start = System.nanoTime();
    List<TwinPatient> patients = new TwinGenerator(targets, s, System.err::println).generate();
    TwinCsv.write(patients, out);
    List<Verdict> verdicts = TwinCheck.check(file, out, codebook);
    // Every claim, not only those the generator aimed at: the twin must reproduce the whole file.
    List<Verdict> targeted = verdicts;
    long safe = targeted.stream().filter(Verdict::safelyReproduced).count();
    System.err.printf(java.util.Locale.ROOT, "twin: %d patients in %.1f s%n", patients.size(),
        (System.nanoTime() - start) / 1e9);
    if (safe < targeted.size()) {
      StringBuilder why = new StringBuilder();
      for (Verdict v : targeted) {
        if (!v.safelyReproduced()) {
          why.append(' ').append(v.claim().id()).append('=').append(v.recomputed());
        }
      }
      throw new StudybookException("the twin written to " + out + " does not reproduce every claim safely:" + why);
    }
    System.out.printf(java.util.Locale.ROOT, "%s: %d patients (seed %d); %d of %d claims reproduced, each within the "
        + "inner half of its rounding window%n", out, patients.size(), s, safe, targeted.size());
    return 0;
  }

  private static long studySeed() {
    Path props = Path.of("study.properties");
    if (Files.isRegularFile(props)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(props)) {
        p.load(r);
      } catch (IOException e) {
        throw new StudybookException("cannot read study.properties: " + e.getMessage(), e);
      }
      String v = p.getProperty("seed");
      if (v != null) {
        try {
          return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
          throw new StudybookException("study.properties: seed '" + v + "' is not a whole number");
        }
      }
    }
    throw new StudybookException("give --seed (no seed in study.properties)");
  }
}
