package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.claims.ClaimsReader;
import studybook.twin.StudyGenerators;
import studybook.twin.Twin;
import studybook.kernel.MiniStudy;

/**
 * The twin mechanism on the mini study, with generators written by the test: a candidate is written
 * only when the study's own cells reproduce every claim; a rejected candidate is said and skipped.
 */
class TwinCommandTest {
  static final String CLAIMS = "id,text,printed,kind,result,compare,note\n"
      + "n,12 patients,12,count,cohort.n,exact,\n"
      + "age_missing,1 without a recorded age,1,count,age.missing,exact,\n";

  /** A generator whose attempt 0 drops the last patient (11, not the claimed 12) and whose later attempts do not. */
  static final String GENERATOR = """
      import java.util.Optional;
      import studybook.twin.TwinGenerator;
      import studybook.twin.TwinRequest;

      public class MiniTwin implements TwinGenerator {
        static final String DATA = "id,group,age,event\\n1,endoscopic,54,0\\n2,endoscopic,61,0\\n3,endoscopic,47,1\\n"
            + "4,endoscopic,58,0\\n5,endoscopic,66,0\\n6,endoscopic,50,0\\n7,surgical,63,1\\n8,surgical,70,0\\n"
            + "9,surgical,59,1\\n10,surgical,,0\\n11,surgical,72,1\\n";

        @Override
        public Optional<String> propose(TwinRequest request) {
          return Optional.of(DATA + (request.attempt() < FIRST_GOOD ? "" : "12,surgical,65,0\\n"));
        }
      }
      """;

  private static Path study(Path dir, int firstGood) throws IOException {
    Path study = MiniStudy.copy(dir);
    Files.createDirectories(study.resolve("analysis/twin"));
    Files.writeString(study.resolve("analysis/twin/MiniTwin.java"),
        GENERATOR.replace("FIRST_GOOD", Integer.toString(firstGood)));
    Files.writeString(study.resolve("claims.csv"), CLAIMS);
    return study;
  }

  @Test
  void rejectsACandidateWhoseCellsDoNotReproduceAClaim(@TempDir Path dir) throws IOException {
    Path study = study(dir, 1);
    Path out = dir.resolve("twin.csv");
    StringBuilder log = new StringBuilder();
    Twin.Result r = Twin.make(new Twin.Request(study, ClaimsReader.read(study.resolve("claims.csv")), 7, out,
        Optional.empty(), 4), line -> log.append(line).append('\n'));
    assertEquals(1, r.attempt());
    assertEquals(12, r.rows());
    assertEquals(Files.readString(study.resolve("data/mini.csv")), Files.readString(out));
    assertEquals(1, r.rejected().size());
    assertTrue(r.rejected().get(0).reason().contains("n (cohort.n = 11"), r.rejected().get(0).reason());
    assertTrue(log.toString().contains("attempt 0 rejected"), log.toString());
  }

  @Test
  void writesNothingWhenNoCandidateReproducesEveryClaim(@TempDir Path dir) throws IOException {
    Path study = study(dir, 99);
    Path out = dir.resolve("twin.csv");
    Files.writeString(out, "previous\n");
    CliRun r = CliRun.of("twin", "--study", study.toString(), "--claims", study.resolve("claims.csv").toString(),
        "--seed", "7", "--attempts", "2", "--out", out.toString());
    assertEquals(StudybookException.EXIT_CODE, r.code(), r.err());
    assertTrue(r.err().contains("no candidate in 2 attempts reproduces every claim"), r.err());
    assertTrue(r.err().contains("attempt 1: the study's cells do not reproduce n (cohort.n = 11"), r.err());
    assertEquals("previous\n", Files.readString(out));
  }

  @Test
  void theCommandWritesTheAcceptedCandidate(@TempDir Path dir) throws IOException {
    Path study = study(dir, 0);
    Path out = dir.resolve("twin.csv");
    CliRun r = CliRun.of("twin", "--study", study.toString(), "--claims", study.resolve("claims.csv").toString(),
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("12 rows (seed 20190401, attempt 0); 2 of 2 claims reproduced"), r.out());
    assertEquals(Files.readString(study.resolve("data/mini.csv")), Files.readString(out));
  }

  @Test
  void aStudyWithoutAGeneratorOrWithSeveralIsToldWhatToDo(@TempDir Path dir) throws IOException {
    Path study = MiniStudy.copy(dir);
    StudybookException none = assertThrows(StudybookException.class,
        () -> StudyGenerators.load(study, Optional.empty()));
    assertTrue(none.getMessage().contains("analysis/twin/"), none.getMessage());
    Path withTwo = study(dir.resolve("two"), 0);
    Files.writeString(withTwo.resolve("analysis/twin/OtherTwin.java"),
        GENERATOR.replace("FIRST_GOOD", "0").replace("MiniTwin", "OtherTwin"));
    StudybookException two = assertThrows(StudybookException.class,
        () -> StudyGenerators.load(withTwo, Optional.empty()));
    assertTrue(two.getMessage().contains("MiniTwin, OtherTwin") && two.getMessage().contains("--generator"),
        two.getMessage());
    StudybookException typo = assertThrows(StudybookException.class,
        () -> StudyGenerators.load(withTwo, Optional.of("MiniTwni")));
    assertTrue(typo.getMessage().contains("MiniTwin"), typo.getMessage());
    assertEquals("MiniTwin", StudyGenerators.load(withTwo, Optional.of("MiniTwin")).getClass().getSimpleName());
  }

  @Test
  void aGeneratorThatDoesNotCompileIsShownWithItsLine(@TempDir Path dir) throws IOException {
    Path study = study(dir, 0);
    Files.writeString(study.resolve("analysis/twin/Broken.java"), "public class Broken {\n  int x = ;\n}\n");
    StudybookException e = assertThrows(StudybookException.class, () -> StudyGenerators.load(study, Optional.empty()));
    assertTrue(e.getMessage().startsWith("analysis/twin/Broken.java:2:"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("twin.csv")));
  }
}
