package studybook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studybook.claims.ClaimsReader;
import studybook.claims.ClaimsReport;
import studybook.kernel.CellOutcome;
import studybook.kernel.KernelRun;
import studybook.kernel.Study;
import studybook.tables.Displayable;
import studybook.tables.TableModel;
import studybook.tables.TableValue;
import studybook.tables.Tabular;

/**
 * The report of a study without {@code templates/report.md.ftl}: the title and synthetic banner,
 * then one section per cell that returns a table or a figure, in the order the cells ran (the
 * graph's order), headed by the cell's {@code @Cell} description; tables are numbered ("Table 1.
 * ...") and rendered by type, figures drawn. A study with a claims file gets the Reproducibility
 * section (every claim checked against this run, as {@code verify} does), from a cell that returns
 * a {@link ClaimsReport} or else computed here. Other results (frames, records) stay in
 * results.json.
 */
final class DefaultReport {
  private DefaultReport() {}

  static String markdown(KernelRun run, ReportFigures figures, ReportTables tables, NumberStyle fmt) {
    Study study = run.study();
    StringBuilder b = new StringBuilder();
    b.append("# ").append(fmt.md(study.title())).append("\n\n");
    if (study.synthetic()) {
      b.append("> **").append(fmt.md(study.syntheticNote())).append("**\n\n");
    }
    b.append("Each section below is one cell of the analysis, in the order the cells ran; numbers are rounded "
        + "half-up and p-values below 0.001 are shown as <0.001.\n");
    Map<String, String> descriptions = new java.util.LinkedHashMap<>();
    for (CellOutcome c : run.outcomes()) {
      descriptions.put(c.name(), c.description());
    }
    int tableNumber = 0;
    ClaimsReport claims = null;
    String claimsCell = null;
    for (String name : order(run)) {
      Object v = run.results().get(name);
      String description = descriptions.getOrDefault(name, "");
      String title = description == null || description.isBlank() ? name : description.strip();
      if (v instanceof ClaimsReport c) {
        claims = c;
        claimsCell = name;
      } else if (v instanceof Displayable) {
        tableNumber++;
        b.append("\n## Table ").append(tableNumber).append(". ").append(fmt.md(title)).append("\n\n");
        b.append(tables.place(name, v, ""));
      } else if (figures.svg().containsKey(name)) {
        b.append("\n## ").append(fmt.md(title)).append("\n\n");
        b.append(tables.marks().figure(name, figures.markdown(name, fmt))).append('\n');
      } else if (v instanceof Tabular t) {
        tableNumber++;
        b.append("\n## Table ").append(tableNumber).append(". ").append(fmt.md(title)).append("\n\n");
        b.append(tables.place(name, (Displayable) () -> List.of(generic(t)), ""));
      }
    }
    if (claims == null && study.claims().isPresent()) {
      claims = ClaimsReport.of(study.display(study.claims().get()), ClaimsReader.read(study.claims().get()),
          run.resultsJson());
      claimsCell = "reproducibility";
    }
    if (claims != null) {
      b.append("\n## Reproducibility\n\n");
      b.append(tables.place(claimsCell, claims, ""));
    }
    return b.toString();
  }

  /**
   * The cells in graph order (every cell after its inputs), ties broken by where the author wrote
   * them: script file, then the cell's line in it (the kernel's graph knows both).
   */
  static List<String> order(KernelRun run) {
    Map<String, CellOutcome> cells = new java.util.LinkedHashMap<>();
    run.outcomes().forEach(c -> cells.put(c.name(), c));
    java.util.Comparator<String> written = java.util.Comparator.comparing((String n) -> cells.get(n).script())
        .thenComparingInt(n -> run.graph().position(n).line()).thenComparing(n -> n);
    List<String> out = new ArrayList<>();
    java.util.Set<String> done = new java.util.HashSet<>();
    while (out.size() < cells.size()) {
      String next = cells.keySet().stream().filter(n -> !done.contains(n))
          .filter(n -> cells.get(n).inputHashes().keySet().stream().allMatch(i -> !cells.containsKey(i)
              || done.contains(i)))
          .min(written).orElse(null);
      if (next == null) {
        // Cannot happen for a graph the kernel ran; keep run order for whatever is left.
        cells.keySet().stream().filter(n -> !done.contains(n)).forEach(out::add);
        break;
      }
      out.add(next);
      done.add(next);
    }
    return out;
  }

  /** Any {@link Tabular} result as a plain table: whole numbers as counts, others in the style's decimals. */
  static TableModel generic(Tabular t) {
    List<TableModel.Column> columns = new ArrayList<>();
    List<TableModel.Row> rows = new ArrayList<>();
    for (int c = 0; c < t.columns().size(); c++) {
      columns.add(c == 0 ? TableModel.Column.label(t.columns().get(c)) : TableModel.Column.number(t.columns().get(c)));
    }
    for (List<Object> r : t.rows()) {
      List<TableValue> cells = new ArrayList<>();
      for (int c = 1; c < columns.size(); c++) {
        Object x = c < r.size() ? r.get(c) : null;
        if (x == null) {
          cells.add(new TableValue.Empty());
        } else if (x instanceof Integer || x instanceof Long || x instanceof Short) {
          cells.add(TableValue.Count.of(((Number) x).longValue()));
        } else if (x instanceof Number n) {
          cells.add(new TableValue.Decimal(n.doubleValue(), TableValue.STYLE));
        } else {
          cells.add(new TableValue.Text(String.valueOf(x)));
        }
      }
      rows.add(TableModel.Row.plain(r.isEmpty() || r.get(0) == null ? "" : String.valueOf(r.get(0)), cells));
    }
    return new TableModel(t.tableName(), "", columns, rows, List.of(), List.of());
  }
}
