package studybook.report.docx;

import java.util.Objects;

/**
 * A paragraph of body text; a newline in the text is a line break inside the paragraph.
 *
 * @param text the text, already formatted
 * @param style how it is set
 */
public record DocxParagraph(String text, Style style) implements DocxBlock {
  /** How a paragraph is set. */
  public enum Style {
    /** Ordinary text. */
    BODY,
    /** Set apart and emphasised, as Markdown's block quotes. */
    QUOTE,
    /** Monospaced, as code blocks. */
    CODE
  }

  public DocxParagraph {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(style, "style");
  }

  public static DocxParagraph of(String text) {
    return new DocxParagraph(text, Style.BODY);
  }
}
