package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import studybook.report.docx.DocxTable;
import studybook.tables.TableModel;
import studybook.tables.TableModel.Column;
import studybook.tables.TableModel.Row;
import studybook.tables.TableModel.RowKind;
import studybook.tables.TableValue;

/** The one renderer: every cell type in the number style, and the same text in Markdown and Word. */
class TableRendererTest {
  private static final TableModel MODEL = new TableModel("t", "", List.of(Column.label("Characteristic"),
      Column.group("Overall", 10), Column.group("A", 4), Column.group("B", 6), Column.number("P")), List.of(
      new Row(RowKind.SINGLE, "Age", ", mean ± SD", "age", List.of(new TableValue.MeanSd(60.25, 9.04, -1),
          new TableValue.MeanSd(58, 8, 0), new TableValue.MeanSd(61, 9.5, 2), new TableValue.PValue(0.0004, "welch", 2.5,
          7.2))),
      new Row(RowKind.HEADING, "Stage", ", n (%)", "stage", List.of(new TableValue.Empty(), new TableValue.Empty(),
          new TableValue.Empty(), new TableValue.PValue(0.5, "fisher", Double.NaN, Double.NaN))),
      new Row(RowKind.LEVEL, "I|II", "", "stage", List.of(new TableValue.Count(3, 30), TableValue.Count.of(1),
          new TableValue.Count(2, 33.333), new TableValue.Empty())),
      new Row(RowKind.LEVEL, "III", "", "stage", List.of(new TableValue.MedianIqr(121, 110, 140.5, -1),
          new TableValue.Estimate(1.234, 0.5, 3.0), new TableValue.Limits(0.961, 1.028), new TableValue.Empty()))),
      List.of(new TableModel.Test("welch", "Welch t-test", "t.test(x ~ g)", "t"),
          new TableModel.Test("fisher", "Fisher exact test", "fisher.test(table(x, g))", "")),
      List.of("2 patients without a group were left out."));

  @Test
  void markdownHasHeadersWithSizesAlignmentEmphasisTestLettersAndFootnotes() {
    TableRenderer r = new TableRenderer(NumberStyle.of(Map.of()), false, Optional.of("Synthetic data."));
    assertEquals("""
        | Characteristic | Overall, N\u00A0=\u00A010 | A, N\u00A0=\u00A04 | B, N\u00A0=\u00A06 | P |
        |---|---:|---:|---:|---:|
        | **Age**, mean ± SD | 60.3 ± 9.0 | 58 ± 8 | 61.00 ± 9.50 | <0.001ᵃ |
        | **Stage**, n (%) |  |  |  | 0.500ᵇ |
        | I\\|II | 3 (30.0%) | 1 | 2 (33.3%) |  |
        | III | 121.0 (110.0–140.5) | 1.23 (0.50–3.00) | 0.96–1.03 |  |

        ᵃ Welch t-test; as R's `t.test(x ~ g)`.\\
        ᵇ Fisher exact test; as R's `fisher.test(table(x, g))`.\\
        2 patients without a group were left out.\\
        Abbreviations: SD, standard deviation.\\
        *Synthetic data.*
        """, r.markdown(r.render(MODEL)));
  }

  @Test
  void wordGetsTheSameTextAndTheStatisticColumnIsOptional() {
    TableRenderer r = new TableRenderer(NumberStyle.of(Map.of("style.or_decimals", "3")), true, Optional.empty());
    TableRenderer.Rendered rendered = r.render(MODEL);
    assertEquals(List.of("Characteristic", "Overall, N\u00A0=\u00A010", "A, N\u00A0=\u00A04", "B, N\u00A0=\u00A06", "P",
        "Statistic (df)"), rendered.headers());
    assertEquals(List.of("Age, mean ± SD", "60.3 ± 9.0", "58 ± 8", "61.00 ± 9.50", "<0.001ᵃ", "t = 2.50 (7.2)"),
        rendered.rows().get(0));
    assertEquals("–", rendered.rows().get(1).get(5), "Fisher's test has no statistic");
    DocxTable docx = r.docx(rendered, "Table 9. A caption");
    assertEquals(rendered.headerLines(), docx.headers());
    assertEquals("Overall\nN\u00A0=\u00A010", docx.headers().get(1), "Word sets a group's size on a line of its own");
    assertEquals(rendered.rows(), docx.rows());
    assertEquals("ᵃ Welch t-test; as R's t.test(x ~ g).", docx.footnotes().get(0));
    assertEquals("1.234 (0.500–3.000)", rendered.rows().get(3).get(2));
  }
}
