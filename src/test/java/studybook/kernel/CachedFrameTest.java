package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  private static Frame derived() {
    return Frame.fromTable(Table.create("t.csv", DoubleColumn.create("size", new double[] {5, 12, Double.NaN, 8}),
            StringColumn.create("arm", new String[] {"a", "b", "a", ""})))
        .withVariable(CodebookVariable.continuous("size").withLabel("Tumour size").withUnit("mm"))
        .withFactor(CodebookVariable.categorical("small").withLabel("Small tumour"),
            when(below("size", 10), "yes", "Small"), when(not(below("size", 10)), "no", "Not small"))
        .where(is("small", "yes").or(is("arm", "b")));
  }

  @Test
  void labelsAndFiltersSurviveTheCache() {
    Frame f = derived();
    Frame back = ResultJson.frameFrom(ResultJson.frameJson(f));
    assertEquals(f.filters(), back.filters());
    assertEquals(1, back.droppedAsMissing());
    assertEquals("Small tumour", back.variable("small").label());
    assertEquals(List.of("Small", "Not small"), back.variable("small").levelLabels());
    assertEquals("mm", back.codebook().unit("size"));
    assertEquals(ResultJson.hash(f), ResultJson.hash(back));
  }

  @Test
  void theBinaryFormKeepsWhatTheJsonKept() throws java.io.IOException {
    Frame f = derived();
    byte[] bytes = binary(f);
    Frame back = FrameCodec.read(new java.io.ByteArrayInputStream(bytes), bytes.length);
    Frame viaJson = ResultJson.frameFrom(ResultJson.frameJson(f));
    assertEquals(ResultJson.hash(f), ResultJson.hash(back));
    assertEquals(ResultJson.hash(viaJson), ResultJson.hash(back));
    assertEquals(f.filters(), back.filters());
    assertEquals(1, back.droppedAsMissing());
    assertEquals("Small tumour", back.variable("small").label());
    assertEquals(List.of("Small", "Not small"), back.variable("small").levelLabels());
    assertEquals("mm", back.codebook().unit("size"));
    assertEquals(f.source(), back.source());
    assertEquals(java.util.Arrays.toString(f.lines()), java.util.Arrays.toString(back.lines()));
  }

  @Test
  void aDamagedBinaryFormIsRefused() throws java.io.IOException {
    byte[] bytes = binary(derived());
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(java.io.IOException.class, () -> FrameCodec.read(new java.io.ByteArrayInputStream(cut), cut.length));
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(java.io.IOException.class,
        () -> FrameCodec.read(new java.io.ByteArrayInputStream(longer), longer.length));
    byte[] bad = bytes.clone();
    bad[2] ^= 0x20;
    assertThrows(java.io.IOException.class, () -> FrameCodec.read(new java.io.ByteArrayInputStream(bad), bad.length));
  }

  private static byte[] binary(Frame f) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    FrameCodec.write(f, out);
    return out.toByteArray();
  }
}
