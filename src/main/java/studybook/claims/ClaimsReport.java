package studybook.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import studybook.tables.Displayable;
import studybook.tables.TableModel;
import studybook.tables.TableValue;
import studybook.tables.Tabular;

/**
 * Every claim of a claims file checked against a run's results, and the consistency checks, as the
 * report's Reproducibility table (and {@code reports/tables/reproducibility.csv}).
 *
 * @param file the claims file, as the study names it
 * @param claims one row per claim, in file order
 * @param checks one row per consistency check
 * @param reproduced claims reproduced
 * @param mismatches claims not reproduced
 * @param notCheckable claims without a recomputed value
 * @param inconsistent consistency checks the printed values fail
 */
public record ClaimsReport(String file, List<ClaimRow> claims, List<CheckRow> checks, int reproduced,
    int mismatches, int notCheckable, int inconsistent) implements Tabular, Displayable {

  public ClaimsReport {
    claims = List.copyOf(claims);
    checks = List.copyOf(checks);
  }

  /**
   * One claim's verdict, flat.
   *
   * @param id the claim's id
   * @param text the sentence as printed
   * @param kind what the number is
   * @param published the number as printed
   * @param recomputed the recomputed value at full precision (NaN when none)
   * @param low the window's lower end
   * @param high the window's upper end
   * @param window the window in interval notation
   * @param comparison how the printed number was read
   * @param verdict reproduced, mismatch or not checkable
   * @param safe whether the value is in the inner half of its window
   * @param reason why not, when not reproduced
   * @param result the result path it was compared with
   */
  public record ClaimRow(String id, String text, String kind, String published, double recomputed, double low,
      double high, String window, String comparison, String verdict, boolean safe, String reason, String result) {}

  /**
   * One consistency check.
   *
   * @param id the check's id
   * @param text what is checked
   * @param expression the relation
   * @param computed its left-hand side from the printed values
   * @param expected the printed right-hand side
   * @param consistent whether the printed values satisfy it
   */
  public record CheckRow(String id, String text, String expression, double computed, String expected,
      boolean consistent) {}

  /** Checks {@code claims} against {@code results} (a results.json document). */
  public static ClaimsReport of(String fileName, ClaimsFile claims, JsonNode results) {
    List<ClaimRow> rows = new ArrayList<>();
    int[] counts = new int[3];
    for (Verdict v : ClaimChecker.check(claims, results)) {
      Claim c = v.claim();
      counts[v.status().ordinal()]++;
      rows.add(new ClaimRow(c.id(), c.text(), c.kind().token(), v.published(), v.recomputed(), v.window().low(),
          v.window().high(), v.window().describe(v.claim().printed().scientific()), c.comparison().token(), v.status().label(), v.safelyReproduced(),
          v.reason(), c.result()));
    }
    List<CheckRow> checks = new ArrayList<>();
    int inconsistent = 0;
    for (ConsistencyVerdict cv : ClaimChecker.consistency(claims)) {
      checks.add(new CheckRow(cv.check().id(), cv.check().text(), cv.check().expression(), cv.computed(),
          cv.expected(), cv.consistent()));
      inconsistent += cv.consistent() ? 0 : 1;
    }
    return new ClaimsReport(fileName, rows, checks, counts[0], counts[1], counts[2], inconsistent);
  }

  /** Whether every claim is reproduced and every consistency check holds. */
  public boolean allReproduced() {
    return mismatches == 0 && notCheckable == 0 && inconsistent == 0;
  }

  /**
   * Two tables: each claim (published, recomputed, the window of values that print the same, the
   * verdict) and each consistency check of the printed values.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Row> rows = new ArrayList<>();
    for (ClaimRow c : claims) {
      rows.add(TableModel.Row.plain(c.text(), List.of(new TableValue.Text(c.published()),
          c.kind().equals("count") && Double.isFinite(c.recomputed()) && c.recomputed() == Math.rint(c.recomputed())
              ? TableValue.Count.of((long) c.recomputed()) : new TableValue.Decimal(c.recomputed(), 6),
          new TableValue.Text(c.window()), new TableValue.Text(c.verdict()))));
    }
    String summary = "Each published number (`" + file + "`) against its recomputed value. A printed number stands "
        + "for the interval of values that round to it (half-up); \"<0.001\" means below 0.001; a printed 0.001 in a "
        + "paper that prints \"<0.001\" means 0.001 <= p < 0.0015. " + reproduced + " of " + claims.size()
        + " claims reproduced, " + mismatches + " mismatched, " + notCheckable + " not checkable.";
    TableModel claimTable = new TableModel(tableName(), "", List.of(TableModel.Column.text("Claim"),
        TableModel.Column.number("Published"), TableModel.Column.number("Recomputed"), TableModel.Column.text("Window"),
        TableModel.Column.text("Verdict")), rows, List.of(), List.of(summary));
    if (checks.isEmpty()) {
      return List.of(claimTable);
    }
    List<TableModel.Row> checkRows = new ArrayList<>();
    for (CheckRow k : checks) {
      // a sum of printed counts is a whole number and prints as one (322, not 322.0000)
      TableValue computed = Double.isFinite(k.computed()) && k.computed() == Math.rint(k.computed())
          && Math.abs(k.computed()) < 1e15 ? TableValue.Count.of((long) k.computed()) : new TableValue.Decimal(k.computed(), 4);
      checkRows.add(TableModel.Row.plain(k.text(), List.of(computed,
          new TableValue.Text(k.expected()), new TableValue.Text(k.consistent() ? "yes" : "no"))));
    }
    TableModel checkTable = new TableModel(tableName() + "-checks", "", List.of(
        TableModel.Column.text("Consistency check"), TableModel.Column.number("Computed from the printed values"),
        TableModel.Column.number("Printed"), TableModel.Column.text("Consistent")), checkRows, List.of(),
        List.of(inconsistent + " of " + checks.size() + " consistency checks fail."),
        TableModel.Describes.PRINTED_NUMBERS);
    return List.of(claimTable, checkTable);
  }


  @Override
  public String tableName() {
    return "reproducibility";
  }

  @Override
  public List<String> columns() {
    return List.of("id", "published", "recomputed", "window", "comparison", "verdict", "result");
  }

  @Override
  public List<List<Object>> rows() {
    List<List<Object>> out = new ArrayList<>();
    for (ClaimRow r : claims) {
      List<Object> row = new ArrayList<>();
      row.add(r.id());
      row.add(r.published());
      row.add(r.recomputed());
      row.add(r.window());
      row.add(r.comparison());
      row.add(r.verdict());
      row.add(r.result());
      out.add(row);
    }
    return out;
  }
}
