package studybook.report.docx;

import java.util.Objects;

/**
 * A section heading.
 *
 * @param level 1 (largest) to 6, as in Markdown
 * @param text the heading text
 */
public record DocxHeading(int level, String text) implements DocxBlock {
  public DocxHeading {
    Objects.requireNonNull(text, "text");
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("heading level " + level + " is not 1 to 6");
    }
  }
}
