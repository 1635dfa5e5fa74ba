package studybook.tables;

import java.util.List;

/**
 * A result that the report shows as one or more tables: {@code <@table name/>} places them, and a
 * study without a template gets them in its default report. Cells return raw results; this says
 * how they are laid out, and the report's one renderer formats them.
 */
public interface Displayable {
  /** The tables to show, in order (most results have one). */
  List<TableModel> display();
}
