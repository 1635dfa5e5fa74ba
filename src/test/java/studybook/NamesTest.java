package studybook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void theNearestNameWithinAThirdOfItsLength() {
    assertEquals(Optional.of("negative"), Names.nearest("negatve", List.of("positive", "negative")));
    assertEquals(Optional.empty(), Names.nearest("age", List.of("resection_margin")));
  }

  @Test
  void aNameFarLongerThanEveryCandidateHasNoSuggestion() {
    // The length difference alone exceeds the limit, so no distance is computed (a hostile header).
    assertEquals(Optional.empty(), Names.nearest("v".repeat(1_000_000), List.of("variable", "type", "levels")));
    assertEquals(Optional.empty(), Names.nearest("variable", List.of("v".repeat(1_000_000))));
  }
}
