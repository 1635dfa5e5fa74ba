package studybook.report.docx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What goes into the Word file.
 *
 * @param title the document title, the first line of the document
 * @param banner an optional line printed prominently under the title (e.g. that the data are synthetic)
 * @param blocks the body in reading order: headings, paragraphs and tables
 */
public record DocxDocument(String title, Optional<String> banner, List<? extends DocxBlock> blocks) {
  public DocxDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(banner, "banner");
    blocks = List.<DocxBlock>copyOf(blocks);
  }

  /** The tables of the body, in order. */
  public List<DocxTable> tables() {
    return blocks.stream().filter(DocxTable.class::isInstance).map(DocxTable.class::cast).toList();
  }
}
