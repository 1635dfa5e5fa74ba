package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static studybook.data.Case.when;
import static studybook.data.Condition.below;
import static studybook.data.Condition.is;
import static studybook.data.Condition.not;

import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A frame read back from the cell cache keeps its derived columns' codebook entries and its filter history. */
class CachedFrameTest {
  @Test
  void labelsAndFiltersSurviveTheCache() {
    Frame f = Frame.fromTable(Table.create("t.csv", DoubleColumn.create("size", new double[] {5, 12, Double.NaN, 8}),
            StringColumn.create("arm", new String[] {"a", "b", "a", ""})))
        .withVariable(CodebookVariable.continuous("size").withLabel("Tumour size").withUnit("mm"))
        .withFactor(CodebookVariable.categorical("small").withLabel("Small tumour"),
            when(below("size", 10), "yes", "Small"), when(not(below("size", 10)), "no", "Not small"))
        .where(is("small", "yes").or(is("arm", "b")));
    Frame back = ResultJson.frameFrom(ResultJson.frameJson(f));
    assertEquals(f.filters(), back.filters());
    assertEquals(1, back.droppedAsMissing());
    assertEquals("Small tumour", back.variable("small").label());
    assertEquals(List.of("Small", "Not small"), back.variable("small").levelLabels());
    assertEquals("mm", back.codebook().unit("size"));
    assertEquals(ResultJson.hash(f), ResultJson.hash(back));
  }
}
