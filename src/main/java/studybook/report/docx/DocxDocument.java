package studybook.report.docx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What goes into the Word file.
 *
 * @param title the document title, the first line of the document
 * @param banner an optional line printed prominently under the title (e.g. that the data are synthetic)
 * @param tables the tables in order
 */
public record DocxDocument(String title, Optional<String> banner, List<DocxTable> tables) {
  public DocxDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(banner, "banner");
    tables = List.copyOf(tables);
  }
}
