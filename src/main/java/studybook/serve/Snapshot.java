package studybook.serve;

import java.util.List;
import java.util.Optional;

/**
 * One version of the live page: the last good report (empty before the first good run), whether it is
 * stale (the latest run failed or was superseded), the problem that made it stale, and the cell panel.
 *
 * @param version increases by one with every finished run, good or not
 * @param reportHtml the last good page (report.html's content without its policy element)
 * @param stale true when {@code reportHtml} is not the output of the current inputs
 * @param problem the compile, cell or data error of the latest run, if it failed
 * @param cells the cell panel, in run order
 * @param runMillis how long the latest run took (kernel and render)
 * @param blocks the blocks of {@code reportHtml} with the version each last changed at, when the page can be
 *     updated block by block (empty: a tab reloads the whole page)
 */
public record Snapshot(long version, Optional<String> reportHtml, boolean stale, Optional<Problem> problem,
    List<CellRow> cells, long runMillis, Optional<PageBlocks> blocks) {
  public Snapshot {
    cells = List.copyOf(cells);
  }

  /** A snapshot whose page is updated whole. */
  public Snapshot(long version, Optional<String> reportHtml, boolean stale, Optional<Problem> problem,
      List<CellRow> cells, long runMillis) {
    this(version, reportHtml, stale, problem, cells, runMillis, Optional.empty());
  }

  /** A located problem: {@code location} as {@code analysis/File.java:LINE:COL} when known, the source line, the message. */
  public record Problem(String location, Optional<String> sourceLine, String message) {}

  /** What one cell's state is in the panel. */
  public enum CellState { CACHED, RECOMPUTED, STALE, FAILED }

  /** One row of the cell panel. */
  public record CellRow(String name, String description, String script, CellState state, double millis,
      String reason, List<String> inputs, boolean slow) {
    public CellRow {
      inputs = List.copyOf(inputs);
    }
  }
}
