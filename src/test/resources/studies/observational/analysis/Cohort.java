import java.util.List;
import studybook.data.Surv;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.kernel.CellContext;
import studybook.report.figures.ForestPlot;
import studybook.report.figures.LovePlot;
import studybook.tables.BalanceTable;
import studybook.tables.HazardRatioTable.CoxOutcome;
import studybook.tables.ImputedGroupTable;
import studybook.tables.KmTable;
import studybook.tables.Imputation;
import studybook.tables.PooledTable;
import studybook.tables.Propensity;
import studybook.tables.SubgroupTable;
import studybook.tables.Table1;
import studybook.tables.WeightedModel;
import studybook.tables.WeightedTable;

/**
 * An observational cohort: the treatment was chosen by the physician, so the comparison is adjusted by
 * propensity-score weighting; body-mass index and smoking are missing for some patients, so the model that
 * uses them is fitted on 20 imputed data sets and pooled.
 */
public class Cohort {
  static final List<String> CONFOUNDERS = List.of("age", "sex", "diabetes", "stage");

  @Cell("Multiple imputation of the missing covariates")
  public Imputation.Result imputed(Frame data, CellContext context) {
    return Imputation.of(data).variables("treatment", "age", "sex", "diabetes", "stage", "bmi", "smoking",
        "complication").m(20).seed(context.seed()).run();
  }

  @Cell("Patient characteristics by treatment")
  public ImputedGroupTable table1(Frame data, Imputation.Result imputed) {
    return Table1.of(data).by("treatment").variables("age", "sex", "diabetes", "stage", "bmi", "smoking")
        .dichotomous("sex", "female").dichotomous("diabetes", "yes").build(imputed);
  }

  @Cell("Covariate balance before and after inverse-probability weighting")
  public BalanceTable balance(Frame data) {
    return propensity(data).balance("balance");
  }

  @Cell("Love plot of the covariate balance")
  public LovePlot lovePlot(BalanceTable balance) {
    return LovePlot.of("Covariate balance before and after weighting", balance);
  }

  @Cell("Death by treatment, weighted by the inverse probability of treatment")
  public WeightedTable weightedCox(Frame data) {
    return WeightedModel.of(propensity(data)).cox("weighted_cox", CoxOutcome.of("months", "died"),
        List.of("treatment"));
  }

  @Cell("Complication within 30 days: logistic regression pooled over 20 imputations")
  public PooledTable pooledLogistic(Imputation.Result imputed) {
    return imputed.logistic("pooled_logistic", "complication", "yes", List.of("treatment", "age", "bmi", "smoking"));
  }

  @Cell("Hazard ratio of death by subgroup")
  public SubgroupTable subgroups(Frame data) {
    return SubgroupTable.cox("subgroups", data, data.codebook(), CoxOutcome.of("months", "died"), "treatment",
        List.of("age", "stage"), List.of("sex", "diabetes"));
  }

  @Cell("Forest plot of the subgroups")
  public ForestPlot subgroupForest(SubgroupTable subgroups) {
    return subgroups.forest("Hazard ratio of death, treated against control");
  }

  @Cell("Overall survival by treatment (Kaplan-Meier, unweighted), at 1 and 3 years")
  public KmTable survival(Frame data) {
    return KmTable.of(data, Surv.of("months", "died", "1").by("treatment"), 12, 36);
  }

  private static Propensity.Fit propensity(Frame data) {
    return Propensity.of(data).treatment("treatment", "treated").covariates(CONFOUNDERS).fit();
  }
}
