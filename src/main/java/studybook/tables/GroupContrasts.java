package studybook.tables;

import java.util.List;

/**
 * Contrasts a paper states in its text, each a 2x2 table with its test.
 *
 * @param contrasts in the order stated
 */
public record GroupContrasts(List<GroupContrast> contrasts) {
  public GroupContrasts {
    contrasts = List.copyOf(contrasts);
  }
}
