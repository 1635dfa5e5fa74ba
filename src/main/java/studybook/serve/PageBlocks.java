package studybook.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of the page a snapshot shows, each with the version that last changed it, so that a tab
 * at an older version gets only the blocks changed since (its other blocks stay the same DOM nodes).
 *
 * @param since the version whose page last changed beyond its blocks (blocks added, removed or moved,
 *     a heading, the page around the report): a tab older than this gets the whole page
 * @param html each block's HTML, in document order
 * @param changedAt the version at which each block last changed
 */
public record PageBlocks(long since, List<String> html, List<Long> changedAt) {
  public PageBlocks {
    html = List.copyOf(html);
    changedAt = List.copyOf(changedAt);
  }

  /** The indices of the blocks a tab at {@code version} lacks. */
  public List<Integer> changedAfter(long version) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < changedAt.size(); i++) {
      if (changedAt.get(i) > version) {
        out.add(i);
      }
    }
    return out;
  }
}
