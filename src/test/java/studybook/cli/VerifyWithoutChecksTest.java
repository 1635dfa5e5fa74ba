package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;

/** A claims file without consistency checks: verify says nothing about checks, never "0 of 0 checks consistent". */
class VerifyWithoutChecksTest {
  @Test
  void noZeroOfZero(@TempDir Path tmp) throws Exception {
    Path study = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), study);
    Path claims = study.resolve("analysis/claims.csv");
    Files.writeString(claims, Files.readAllLines(claims).stream().filter(l -> !l.contains(",consistency,"))
        .collect(Collectors.joining("\n", "", "\n")));
    CliRun r = CliRun.of("verify", "--study", study.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("claims reproduced"), r.out());
    assertFalse(r.out().contains("0 of 0"), r.out());
    assertFalse(r.out().contains("checks consistent"), r.out());
  }

  /** run --help describes masking as the report does it: [c], not '<K'. */
  @Test
  void runHelpSaysC() {
    CliRun r = CliRun.of("run", "--help");
    assertTrue(r.out().contains("'[c]'"), r.out());
    assertFalse(r.out().contains("'<K'"), r.out());
  }
}
