import java.util.List;
import studybook.data.*;
import studybook.kernel.Cell;
import studybook.report.figures.KmPlot;
import studybook.tables.*;

public class Trial {
  @Cell("Patient characteristics by treatment")
  public GroupTable table1(Frame data) {
    return Table1.of(data).by("group").variables("age", "sex", "stage", "sbp").dichotomous("sex", "female").build();
  }

  @Cell("Response at 12 weeks: univariable and multivariable logistic regression")
  public RegressionTable response(Frame data) {
    return RegressionTable.logistic(data, "response", "yes", List.of("group", "age", "sex", "stage"),
        List.of("group", "age", "stage"));
  }

  @Cell("Overall survival by treatment (Kaplan-Meier)")
  public KmPlot survival(Frame data) {
    return KmPlot.of(data, Surv.of("months", "died", "1").by("group"), "Overall survival");
  }
}
