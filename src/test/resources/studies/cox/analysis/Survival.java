import java.util.List;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.HazardRatioForest;
import studybook.tables.HazardRatioTable;
import studybook.tables.HazardRatioTable.CoxOutcome;

public class Survival {
  @Cell("Hazard ratios of death: univariable and multivariable Cox models")
  public HazardRatioTable deathModel(Frame data) {
    return HazardRatioTable.of("hazard_ratios", data, CoxOutcome.of("time", "status"),
        List.of("celltype", "karno", "age"), List.of("celltype", "karno", "age"));
  }

  @Cell("Forest plot of the hazard ratios")
  public ForestPlot hazardRatios(HazardRatioTable deathModel) {
    return HazardRatioForest.of("Hazard ratios of death", deathModel);
  }
}
