package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.AdhocLoader;
import studybook.data.Frame;

/** The landmark helper: who leaves, who stays, and from when their time counts (R agreement: CoxCommandTest). */
class LandmarkTest {
  @Test
  void rowsEndingBeforeTheLandmarkLeaveAndTimeCountsFromIt(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, "t,s\n2,1\n6,0\nNA,1\n5.5,1\n12,1\n6,1\n");
    Frame data = AdhocLoader.load(f, Set.of(), Map.of());
    Landmark lm = Landmark.of(data, "t", 6);
    assertArrayEquals(new double[] {0, 6, 0}, lm.frame().values("t"));
    assertArrayEquals(new int[] {3, 6, 7}, lm.frame().lines());
    assertEquals(2, lm.endedBefore());
    assertEquals(1, lm.missingTime());
    assertEquals(6, lm.rowsBefore());
    assertTrue(lm.methodsSentence().contains("Landmark analysis at 6 (t): the 2 rows whose follow-up ended before it"),
        lm.methodsSentence());
    assertTrue(lm.methodsSentence().contains("1 with a missing time"), lm.methodsSentence());
    assertTrue(lm.methodsSentence().contains("remaining 3"), lm.methodsSentence());
  }
}
