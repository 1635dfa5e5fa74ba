package studybook.report.docx;

import java.util.Objects;

/**
 * A paragraph of body text; a newline in the text is a line break inside the paragraph.
 *
 * @param text the text, already formatted
 * @param style how it is set
 */
public record DocxParagraph(String text, Style style, java.util.List<Ref> refs) implements DocxBlock {
  /**
   * A cross-reference inside the text: the characters {@code start} to {@code end} ("Table 3") are the
   * cached result of a {@code REF bookmark \h} field, which Word updates from the caption's bookmark.
   */
  public record Ref(int start, int end, String bookmark) {}

  public DocxParagraph(String text, Style style) {
    this(text, style, java.util.List.of());
  }

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
    refs = java.util.List.copyOf(refs);
    int at = 0;
    for (Ref r : refs) {
      if (r.start() < at || r.end() < r.start() || r.end() > text.length()) {
        throw new IllegalArgumentException("cross-references must lie in the text, in order: " + refs);
      }
      at = r.end();
    }
  }

  public static DocxParagraph of(String text) {
    return new DocxParagraph(text, Style.BODY);
  }
}
