package studybook.twin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import studybook.StudybookException;
import studybook.claims.ClaimChecker;
import studybook.claims.ClaimsFile;
import studybook.claims.Verdict;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;

/**
 * Makes a study's synthetic twin: asks the study's {@link TwinGenerator} for a candidate per attempt,
 * runs the study's own cells on it through the kernel (every cell recomputed, the cache left alone,
 * as {@code verify} does) and accepts the first candidate on which every claim is reproduced within
 * the inner half of its rounding window ({@link Verdict#safelyReproduced()}), so that a last-digit
 * difference in floating point cannot flip a verdict. Only an accepted candidate is written.
 */
public final class Twin {
  private Twin() {}

  /**
   * What to make.
   *
   * @param study the study folder
   * @param claims the claims file to reproduce
   * @param seed the generator's seed
   * @param out where the accepted candidate goes (replaced atomically)
   * @param generator the generator's class name when analysis/twin/ holds several
   * @param attempts how many attempts before giving up
   */
  public record Request(Path study, ClaimsFile claims, long seed, Path out, Optional<String> generator, int attempts) {
    public Request {
      if (attempts < 1) {
        throw new StudybookException("--attempts must be at least 1, not " + attempts);
      }
    }
  }

  /** Why one attempt's candidate was rejected, or that it had none. */
  public record Rejection(int attempt, String reason) {}

  /**
   * The accepted candidate.
   *
   * @param out the file written
   * @param rows data rows (header not counted)
   * @param attempt the attempt that produced it (0 = first)
   * @param verdicts one per claim, all safely reproduced
   * @param rejected the attempts before it and why each failed
   */
  public record Result(Path out, long rows, int attempt, List<Verdict> verdicts, List<Rejection> rejected) {}

  /**
   * Generates, checks and writes the twin.
   *
   * @param progress receives one line per stage
   * @throws StudybookException when no attempt gives a candidate that reproduces every claim (nothing is written)
   */
  public static Result make(Request request, Consumer<String> progress) {
    TwinGenerator generator = StudyGenerators.load(request.study(), request.generator());
    Path work = request.study().toAbsolutePath().normalize().resolve(".studybook").resolve("twin");
    List<Rejection> rejected = new ArrayList<>();
    for (int attempt = 0; attempt < request.attempts(); attempt++) {
      Optional<String> candidate = generator.propose(new TwinRequest(request.claims(), request.seed(), attempt,
          progress));
      if (candidate.isEmpty()) {
        rejected.add(new Rejection(attempt, "the generator proposed no candidate"));
        continue;
      }
      Path file = writeCandidate(work, candidate.get());
      try {
        List<Verdict> verdicts = check(request.study(), file, request.claims());
        List<String> misses = new ArrayList<>();
        for (Verdict v : verdicts) {
          if (!v.safelyReproduced()) {
            misses.add(v.claim().id() + " (" + v.claim().result() + " = "
                + String.format(Locale.ROOT, "%.6g", v.recomputed()) + ", needs " + v.claim().safeWindow().describe() + ")");
          }
        }
        if (misses.isEmpty()) {
          write(request.out(), candidate.get());
          return new Result(request.out(), candidate.get().lines().count() - 1, attempt, verdicts, rejected);
        }
        String reason = "the study's cells do not reproduce " + String.join(", ", misses);
        progress.accept("twin: attempt " + attempt + " rejected: " + reason);
        rejected.add(new Rejection(attempt, reason));
      } catch (StudybookException e) {
        String reason = "the study does not run on the candidate: " + e.getMessage();
        progress.accept("twin: attempt " + attempt + " rejected: " + reason);
        rejected.add(new Rejection(attempt, reason));
      } finally {
        deleteQuietly(file);
      }
    }
    StringBuilder why = new StringBuilder();
    for (Rejection r : rejected) {
      why.append("\n  attempt ").append(r.attempt()).append(": ").append(r.reason());
    }
    throw new StudybookException("no candidate in " + request.attempts() + " attempt" + (request.attempts() == 1 ? "" : "s")
        + " reproduces every claim of " + request.claims().file() + " (seed " + request.seed() + "); "
        + request.out() + " is unchanged; try another --seed or more --attempts:" + why);
  }

  /** Runs the study's cells on {@code data} (every cell recomputed, the cache untouched) and checks every claim. */
  public static List<Verdict> check(Path study, Path data, ClaimsFile claims) {
    Study s = Study.open(study, Optional.of(data));
    KernelRun run = Kernel.run(s, RunOptions.defaults().with(CacheMode.OFF).quiet());
    return ClaimChecker.check(claims, run.resultsJson());
  }

  private static Path writeCandidate(Path work, String csv) {
    try {
      Files.createDirectories(work);
      Path file = Files.createTempFile(work, "candidate-", ".csv");
      Files.writeString(file, csv, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new StudybookException("cannot write a twin candidate under " + work + ": " + e.getMessage(), e);
    }
  }

  /** Through a temporary sibling, so a failed run never leaves half a file. */
  private static void write(Path out, String csv) {
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".twin", ".csv");
      Files.writeString(tmp, csv, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new StudybookException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a stray candidate under .studybook/twin is harmless
    }
  }
}
