import java.util.ArrayList;
import java.util.List;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.report.figures.FlowBox;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.ForestRow;
import studybook.report.figures.KmPlot;
import studybook.report.figures.OddsRatioEstimate;
import studybook.tables.RegressionRow;
import studybook.tables.RegressionTable;
import studybook.tables.TermRow;

/** The report's figures: drawn from the results of other cells, or (the survival curves) from the data by the figure's own factory. */
public class Figures {
  @Cell("Cohort flow: endoscopic resection, curative or not, additional treatment or not")
  public FlowBox flow(Cohort.CohortFlow cohort) {
    return FlowBox.of("Endoscopic resection", cohort.total(),
        FlowBox.of("Curative resection", cohort.curative()),
        FlowBox.of("Non-curative resection", cohort.nonCurative(),
            FlowBox.of("Additional treatment", cohort.additional()),
            FlowBox.of("No additional treatment", cohort.noAdditional())));
  }

  @Cell("Multivariable odds ratios for additional treatment (maximum likelihood, with Firth beside)")
  public ForestPlot oddsRatios(RegressionTable table3) {
    List<ForestRow> rows = new ArrayList<>();
    for (RegressionRow r : table3.entries()) {
      if (r.multivariable() != null) {
        rows.add(r.firth() != null ? ForestRow.of(r.label(), estimate(r.multivariable()), estimate(r.firth()))
            : ForestRow.of(r.label(), estimate(r.multivariable())));
      }
    }
    return new ForestPlot("Additional treatment among the non-curative patients", "Maximum likelihood, Wald 95% CI",
        "Firth, profile 95% CI", rows);
  }

  @Cell("Recurrence-free survival by additional treatment, with numbers at risk and the log-rank test")
  public KmPlot recurrenceCurve(Frame studyData) {
    return KmPlot.of(studyData, Outcomes.RECURRENCE_FREE.by("additional_treatment"), "Recurrence-free survival");
  }

  private static OddsRatioEstimate estimate(TermRow t) {
    return new OddsRatioEstimate(t.oddsRatio(), t.ciLow(), t.ciHigh());
  }
}
