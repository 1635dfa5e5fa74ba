package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static studybook.data.Case.when;
import static studybook.data.Condition.below;
import static studybook.data.Condition.is;
import static studybook.data.Condition.not;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The streamed output hash of a frame is the hash of the tree form it replaced, byte for byte, so the
 * output hashes recorded in committed manifests stay what they were.
 */
class StreamedHashTest {
  private static Frame frame() {
    return Frame.fromTable(Table.create("t.csv",
            DoubleColumn.create("size", new double[] {5, 12.25, Double.NaN, 8, -0.0, 1e-300, 123456789012.5}),
            StringColumn.create("arm", new String[] {"a", "b \"quoted\"\n\t\\", "a", "", "é ü\u0001\u001f\u007f", "\uD83D\uDE00 emoji", "a"})))
        .withVariable(CodebookVariable.continuous("size").withLabel("Tumour size <10>").withUnit("mm"))
        .withFactor(CodebookVariable.categorical("small").withLabel("Small tumour"),
            when(below("size", 10), "yes", "Small"), when(not(below("size", 10)), "no", "Not small"));
  }

  @Test
  void aFrameHashesAsItsTreeDid() {
    Frame f = frame();
    assertEquals(ResultJson.treeHash(f), ResultJson.hash(f));
    Frame filtered = f.where(is("small", "yes").or(is("arm", "a")));
    assertEquals(ResultJson.treeHash(filtered), ResultJson.hash(filtered));
    assertNotEquals(ResultJson.hash(f), ResultJson.hash(filtered));
  }

  @Test
  void framesInsideOtherValuesHashAsBefore() {
    record Holder(String name, Frame data, List<Double> xs) {}
    Object value = Map.of("b", new Holder("h", frame(), List.of(1.5, Double.NaN)), "a", List.of(frame(), "x"));
    assertEquals(ResultJson.treeHash(value), ResultJson.hash(value));
    assertEquals(ResultJson.treeHash(List.of()), ResultJson.hash(List.of()));
  }

  @Test
  void numbersOfEveryMagnitudeHashAsBefore() {
    java.util.Random random = new java.util.Random(15);
    double[] x = new double[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (i % 5) {
        case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        case 1 -> Math.round(random.nextDouble() * 1000) / 10.0;
        case 2 -> random.nextInt(200);
        case 3 -> i % 3 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(90) / 10.0 - 0.0 * i;
        default -> i % 7 == 0 ? Double.NaN : i % 11 == 0 ? Double.POSITIVE_INFINITY : random.nextDouble();
      };
    }
    x[7] = -0.0;
    x[8] = 0.0;
    x[9] = -0.0;
    Frame f = Frame.fromTable(Table.create("t.csv", DoubleColumn.create("x", x)));
    assertEquals(ResultJson.treeHash(f), ResultJson.hash(f));
  }

  @Test
  void aLoneSurrogateStillHashes() {
    Frame f = Frame.fromTable(Table.create("t.csv", StringColumn.create("arm", new String[] {"a\uD800", "b"})));
    assertEquals(ResultJson.treeHash(f), ResultJson.hash(f));
  }

  @Test
  void anIdColumnWithMoreLevelsThanAreQuotedUpFrontHashesAsBefore() {
    // more distinct levels than StreamedFrame quotes ahead (65,536): each quoted as it is written
    int n = 70_000;
    String[] id = new String[n];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      id[i] = switch (i % 9) {
        case 0 -> "P\"" + i;
        case 1 -> "p\\" + i + "\u0002";
        case 2 -> "\u00e9\uD83D\uDE00" + i;
        case 3 -> i % 2 == 0 ? "" : "x" + i;
        default -> "P" + i;
      };
      x[i] = i % 13 == 0 ? Double.NaN : i % 100;
    }
    Frame f = Frame.fromTable(Table.create("t.csv", StringColumn.create("id", id), DoubleColumn.create("x", x)));
    assertEquals(ResultJson.treeHash(f), ResultJson.hash(f));
    Frame some = f.where(below("x", 40));
    assertEquals(ResultJson.treeHash(some), ResultJson.hash(some));
  }
}
