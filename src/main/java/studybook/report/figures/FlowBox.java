package studybook.report.figures;

import java.util.List;
import java.util.Objects;

/**
 * One box of a cohort flow diagram: who is in it, how many, and the boxes its patients split into.
 *
 * @param label what the box holds, e.g. "Endoscopic resection"
 * @param count the number of patients
 * @param children the boxes this one splits into, left to right (empty for a leaf)
 */
public record FlowBox(String label, long count, List<FlowBox> children) {
  public FlowBox {
    Objects.requireNonNull(label, "label");
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count + " in box '" + label + "'");
    }
    children = List.copyOf(children);
  }

  public static FlowBox of(String label, long count, FlowBox... children) {
    return new FlowBox(label, count, List.of(children));
  }

  /** The number of boxes in this subtree, this one included. */
  public int size() {
    int n = 1;
    for (FlowBox child : children) {
      n += child.size();
    }
    return n;
  }
}
