package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.tables.GroupTable;
import studybook.tables.Table1;
import studybook.tables.TableModel;

/**
 * Complementary small-cell suppression, checked from the outside: after masking, an attacker who
 * reads every number the report prints (cells, group sizes in the headers) and knows how a Table 1
 * adds up (levels to the group size, groups to the overall column) must not be able to solve for
 * any masked count. The attacker here is independent of the masking code: it parses the printed
 * Markdown and decides solvability with exact rational elimination.
 */
class ComplementarySuppressionTest {
  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
  private static final Pattern HEADER_N = Pattern.compile(".*(?:\\(n = |, N\u00A0=\u00A0)(\\d+)\\)?");
  private static final Pattern COUNT = Pattern.compile("(\\d+)( \\(.*%\\))?");

  @TempDir Path tmp;

  /** The rectal study's Table 2 in miniature: additional treatment 44 = 40 polyp + 4 biopsy. */
  private Frame table2Data() throws IOException {
    StringBuilder csv = new StringBuilder("group,diagnosis,grade\n");
    int[][] counts = {{37, 61}, {40, 4}};
    String[] groups = {"no", "yes"};
    String[] diagnosis = {"polyp", "biopsy"};
    int row = 0;
    for (int g = 0; g < 2; g++) {
      for (int d = 0; d < 2; d++) {
        for (int i = 0; i < counts[g][d]; i++, row++) {
          // grade: 3 of the 'yes' group are G3, else G1/G2 alternately.
          String grade = g == 1 && i < 3 && d == 0 ? "G3" : row % 2 == 0 ? "G1" : "G2";
          csv.append(groups[g]).append(',').append(diagnosis[d]).append(',').append(grade).append('\n');
        }
      }
    }
    Path f = tmp.resolve("t2.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), Map.of("group", List.of("no", "yes"), "diagnosis", List.of("polyp", "biopsy"),
        "grade", List.of("G1", "G2", "G3")));
  }

  @Test
  void table2sFourCannotBeHadAsFortyFourMinusForty() throws IOException {
    GroupTable t = Table1.of(table2Data()).by("group").variables("diagnosis", "grade").build();
    TableModel model = t.display().get(0);
    SmallCellSuppression.ModelResult r = new SmallCellSuppression(5).apply(model);
    TableRenderer renderer = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.empty());
    String md = renderer.markdown(renderer.render(r.model()));
    // The 4 (biopsy, 'yes') and the 3 (G3, 'yes') are masked, and so is enough around them.
    assertTrue(md.contains("| biopsy | 65 (45.8%) |"), md);
    assertTrue(md.contains(", N\u00A0=\u00A044"), "header sizes stay printed: " + md);
    List<int[]> masked = attack(md, model);
    assertFalse(masked.isEmpty());
    assertTrue(r.masked().stream().anyMatch(m -> m.row().equals("biopsy") && m.column().equals("yes")
        && m.reason() == SmallCellSuppression.Reason.SMALL_COUNT), r.masked().toString());
    assertTrue(r.masked().stream().anyMatch(m -> m.reason() == SmallCellSuppression.Reason.COMPLEMENTARY));
  }

  @Test
  void withoutComplementsTheAttackSucceeds() throws IOException {
    // The attacker is not toothless: masking only the small cells of the same table leaves them solvable.
    TableModel model = Table1.of(table2Data()).by("group").variables("diagnosis").build().display().get(0);
    List<TableModel.Row> rows = new ArrayList<>();
    for (TableModel.Row row : model.rows()) {
      List<studybook.tables.TableValue> cells = new ArrayList<>(row.cells());
      for (int c = 0; c < cells.size(); c++) {
        if (cells.get(c) instanceof studybook.tables.TableValue.Count k && k.n() > 0 && k.n() < 5) {
          cells.set(c, new studybook.tables.TableValue.Text("[c]"));
        }
      }
      rows.add(new TableModel.Row(row.kind(), row.label(), row.detail(), row.variable(), cells));
    }
    TableRenderer renderer = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.empty());
    String md = renderer.markdown(renderer.render(model.withRows(rows)));
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> attack(md, model));
  }

  @Test
  void aSuppressedReportFolderPrintsNoMaskedCountAnywhere() throws IOException {
    Path study = tmp.resolve("first");
    studybook.kernel.MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), study);
    KernelRun run = Kernel.run(Study.open(study, Optional.empty()), RunOptions.defaults().quiet());
    Path reports = ReportWriter.write(run, Path.of("reports"), QUIET, Optional.of(new SmallCellSuppression(25)));
    assertFalse(Files.exists(reports.resolve("results.json")), "raw results hold every count");
    assertFalse(Files.exists(reports.resolve("tables")), "so do the tables' CSV files");
    String md = Files.readString(reports.resolve("report.md"));
    TableModel table1 = ((GroupTable) run.result("table1")).display().get(0);
    List<int[]> masked = attack(md.substring(md.indexOf("| Characteristic | Overall")), table1);
    assertTrue(masked.size() >= 2, md);
    assertTrue(Files.readString(reports.resolve("report.html")).contains(">[c]<"));
  }

  /**
   * Parses the first table of {@code md}, sets up every equation the printed numbers obey, and
   * fails when any masked cell is determined; returns the masked cells {row, column}.
   */
  static List<int[]> attack(String md, TableModel truth) {
    List<List<String>> table = new ArrayList<>();
    for (String line : md.split("\n")) {
      if (line.startsWith("|---")) {
        continue;
      }
      if (line.startsWith("|")) {
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
          cells.add(c.strip().replace("\\", ""));
        }
        table.add(cells);
      } else if (!table.isEmpty()) {
        break;
      }
    }
    List<String> header = table.get(0);
    List<List<String>> body = table.subList(1, table.size());
    List<Integer> sized = new ArrayList<>();
    List<Long> size = new ArrayList<>();
    for (int c = 1; c < header.size(); c++) {
      Matcher m = HEADER_N.matcher(header.get(c));
      if (m.matches()) {
        sized.add(c);
        size.add(Long.parseLong(m.group(1)));
      }
    }
    // Unknowns: masked cells. Equations as rows of coefficients over unknowns (constants do not matter for solvability).
    List<int[]> unknown = new ArrayList<>();
    for (int r = 0; r < body.size(); r++) {
      for (int c : sized) {
        if (body.get(r).get(c).equals(SmallCellSuppression.MASK)) {
          unknown.add(new int[] {r, c});
        }
      }
    }
    List<long[]> eqs = new ArrayList<>();
    // Overall = sum of groups, row by row, for rows of counts.
    for (int r = 0; r < body.size(); r++) {
      long[] e = new long[unknown.size()];
      boolean counts = true;
      for (int i = 0; i < sized.size(); i++) {
        String cell = body.get(r).get(sized.get(i));
        counts &= COUNT.matcher(cell).matches() || cell.equals(SmallCellSuppression.MASK);
        add(e, unknown, r, sized.get(i), i == 0 ? 1 : -1);
      }
      if (counts) {
        eqs.add(e);
      }
    }
    // Levels under a heading add up to the group size (a bold label opens a variable).
    for (int r = 0; r < body.size(); r++) {
      if (!body.get(r).get(0).startsWith("**") || !body.get(r).get(1).isEmpty()) {
        continue;
      }
      for (int c : sized) {
        long[] e = new long[unknown.size()];
        for (int l = r + 1; l < body.size() && !body.get(l).get(0).startsWith("**"); l++) {
          add(e, unknown, l, c, 1);
        }
        eqs.add(e);
      }
    }
    for (int u = 0; u < unknown.size(); u++) {
      if (rank(eqs, -1) > rank(eqs, u)) {
        int[] cell = unknown.get(u);
        throw new AssertionError("masked cell row " + body.get(cell[0]).get(0) + ", column " + header.get(cell[1])
            + " (true value " + truth.rows().get(cell[0]).cells().get(cell[1] - 1) + ") follows from the printed totals");
      }
    }
    return unknown;
  }

  private static void add(long[] e, List<int[]> unknown, int r, int c, long coefficient) {
    for (int u = 0; u < unknown.size(); u++) {
      if (unknown.get(u)[0] == r && unknown.get(u)[1] == c) {
        e[u] += coefficient;
      }
    }
  }

  /** Exact rank of the equations with column {@code skip} left out (the folder test's elimination). */
  private static int rank(List<long[]> rows, int skip) {
    return SmallCellSuppressionFolderTest.rank(rows, skip, rows.isEmpty() ? 0 : rows.get(0).length);
  }
}
