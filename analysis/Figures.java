import java.util.ArrayList;
import java.util.List;
import studybook.data.Codebook;
import studybook.kernel.Cell;
import studybook.report.figures.ConfidenceBand;
import studybook.report.figures.FlowBox;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.ForestRow;
import studybook.report.figures.KmCurve;
import studybook.report.figures.KmPlot;
import studybook.report.figures.OddsRatioEstimate;
import studybook.stats.survival.KaplanMeierCurve;
import studybook.tables.RegressionRow;
import studybook.tables.RegressionTable;
import studybook.tables.TermRow;

/** The report's figures, each drawn from the results of other cells (no number is computed here). */
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

  @Cell("Recurrence-free survival by additional treatment, with numbers at risk")
  public KmPlot recurrenceCurve(Outcomes.SurvivalCurves recurrenceFreeSurvival, Codebook codebook) {
    List<KmCurve> curves = new ArrayList<>();
    for (KaplanMeierCurve c : recurrenceFreeSurvival.groups()) {
      curves.add(new KmCurve(codebook.levelLabel("additional_treatment", c.group()), c.time(), c.atRisk(), c.events(),
          c.censored(), c.survival(), c.lower(), c.upper()));
    }
    return new KmPlot("Recurrence-free survival by additional treatment", "Time since resection", "months",
        "Recurrence-free survival", curves, ConfidenceBand.SHOWN);
  }

  private static OddsRatioEstimate estimate(TermRow t) {
    return new OddsRatioEstimate(t.oddsRatio(), t.ciLow(), t.ciHigh());
  }
}
