package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.stats.regression.LinearCoefficient;
import studybook.stats.regression.LinearFit;
import studybook.stats.regression.LinearRegression;
import studybook.stats.regression.LinearRegression.StandardErrors;
import studybook.tables.DesignMatrix;

/**
 * {@code studybook linear}: linear regression (ordinary least squares) on any CSV file (CONTRACT.md); as
 * R's summary(lm(Y ~ a + b)), confint(fit) and AIC(fit), with HC3 standard errors on request.
 */
@Command(name = "linear", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Linear regression (OLS) on any CSV file (complete cases on the outcome and terms).")
public final class LinearCommand implements Runnable {
  @Mixin AdhocDataOptions data;

  @Mixin EngineOptions engine;

  @Mixin FitOptions fitOptions;

  @Option(names = "--outcome", required = true, paramLabel = "COL", description = "The numeric outcome column.")
  String outcome;

  @Option(names = "--terms", required = true, split = ",", paramLabel = "COL",
      description = "Model terms (repeat or use commas); categorical ones get one coefficient per non-reference level.")
  List<String> terms = new ArrayList<>();

  @Option(names = "--se", defaultValue = "classical", paramLabel = "classical|hc3",
      description = "classical (as summary.lm) or hc3 (sandwich::vcovHC type HC3, t on the residual df, as "
          + "lmtest::coeftest). Default: ${DEFAULT-VALUE}.")
  String se;

  @Override
  public void run() {
    StandardErrors type = parseStandardErrors(se);
    if (engine.spark()) {
      if (fitOptions.cluster != null || fitOptions.pooled()) {
        throw new StudybookException("--engine spark fits linear models without --cluster and --imputations (these"
            + " run on the local engine only, for now); drop them, or leave out --engine spark");
      }
      // on Spark: X'WX and X'Wy (and HC3's meat) aggregated on the cluster, the fit finished here by the local code
      SparkBridge.Linear l = engine.bridge().linear(data.sparkSource(engine), outcome, terms, type,
          fitOptions.weights);
      if (l.zeroWeight() > 0) {
        System.err.println("studybook: " + l.zeroWeight() + " rows with weight 0 left out");
      }
      output(l.fit(), l.excluded());
      return;
    }
    if (fitOptions.pooled()) {
      Json.print(System.out, FitOptions.pool(fitOptions.frames(data), f -> {
        LinearFit one = fit(f, type).fit();
        return new FitOptions.Completed(one.n(), one.dfResidual(), one.coefficients().stream()
            .map(LinearCoefficient::term).toList(), one.coefficients().stream().mapToDouble(LinearCoefficient::estimate)
            .toArray(), one.coefficients().stream().mapToDouble(LinearCoefficient::se).toArray());
      }, false));
      return;
    }
    Frame frame = data.load();
    Fitted fitted = fit(frame, type);
    output(fitted.fit(), fitted.excluded());
  }

  private void output(LinearFit fit, int excluded) {
    if (!fit.aliased().isEmpty()) {
      System.err.println("studybook: note: aliased (collinear) terms, not estimable and reported as NA: "
          + String.join(", ", fit.aliased()));
    }
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(json(fit), excluded));
    } else {
      print(System.out, fit, excluded);
    }
  }

  private record Fitted(DesignMatrix dm, LinearFit fit, int excluded) {}

  /** The fit of one frame: plain, or weighted/clustered on the rows --weights and --cluster keep. */
  private Fitted fit(Frame frame, StandardErrors type) {
    DesignMatrix dm;
    FitOptions.Prepared prepared = null;
    if (fitOptions.robust()) {
      List<String> columns = new ArrayList<>(terms);
      columns.add(0, outcome);
      prepared = fitOptions.prepare(frame, columns);
      dm = DesignMatrix.ofNumericOutcome(prepared.frame(), outcome, terms);
    } else {
      dm = DesignMatrix.ofNumericOutcome(frame, outcome, terms);
    }
    try {
      LinearRegression regression = LinearRegression.withDefaults().with(type);
      LinearFit fit = prepared == null ? regression.fit(dm.design())
          : regression.fit(dm.design(), prepared.weights(), prepared.cluster());
      return new Fitted(dm, fit, dm.excluded() + (prepared == null ? 0 : prepared.excluded()));
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": column '" + outcome + "': " + e.getMessage()
          + " among the " + dm.design().n() + " complete cases; use fewer terms");
    }
  }

  /** The JSON document of CONTRACT.md, keys in its order ("excluded" is appended after them by Json.withExcluded). */
  static ObjectNode json(LinearFit fit) {
    ObjectNode root = Json.object();
    root.put("n", fit.n());
    root.put("df_residual", fit.dfResidual());
    root.set("r_squared", Json.number(fit.rSquared()));
    root.set("adj_r_squared", Json.number(fit.adjRSquared()));
    root.set("sigma", Json.number(fit.sigma()));
    root.set("aic", Json.number(fit.aic()));
    if (fit.f().isPresent()) {
      LinearFit.FTest f = fit.f().get();
      ObjectNode fn = root.putObject("f");
      fn.set("statistic", Json.number(f.statistic()));
      fn.put("df", f.df());
      fn.put("df2", f.df2());
      fn.set("p", Json.number(f.p()));
    } else {
      root.putNull("f");
    }
    root.put("se_type", fit.standardErrors().name().toLowerCase(Locale.ROOT));
    ArrayNode rows = root.putArray("terms");
    for (LinearCoefficient c : fit.coefficients()) {
      ObjectNode r = rows.addObject();
      r.put("term", c.term());
      r.set("estimate", Json.number(c.estimate()));
      r.set("se", Json.number(c.se()));
      r.set("t", Json.number(c.t()));
      r.set("p", Json.number(c.p()));
      r.set("ci_low", Json.number(c.ciLow()));
      r.set("ci_high", Json.number(c.ciHigh()));
    }
    ArrayNode aliased = root.putArray("aliased");
    fit.aliased().forEach(aliased::add);
    return root;
  }

  private void print(PrintStream out, LinearFit fit, int excluded) {
    out.printf(Locale.ROOT, "Linear regression (least squares) of %s%n", outcome);
    out.printf(Locale.ROOT, "n = %d complete cases (%d excluded for missing values), residual df = %d%n", fit.n(),
        excluded, fit.dfResidual());
    out.printf(Locale.ROOT, "R-squared = %s, adjusted = %s, residual SE = %s, AIC = %s%n", Plain.fixed(fit.rSquared(), 4),
        Plain.fixed(fit.adjRSquared(), 4), fmt(fit.sigma()), Plain.fixed(fit.aic(), 2));
    fit.f().ifPresent(f -> out.printf(Locale.ROOT, "F = %s on %d and %d df, p = %s%n", fmt(f.statistic()), f.df(),
        f.df2(), pValue(f.p())));
    String kind = switch (fit.standardErrors()) {
      case HC3 -> "HC3";
      case CLUSTER -> "cluster";
      case CLASSICAL -> "classical";
    };
    int width = Math.max(12, fit.coefficients().stream().mapToInt(c -> c.term().length()).max().orElse(0));
    out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %9s %25s %10s%n", "term", "estimate", "se (" + kind + ")", "t",
        "95% CI", "p");
    for (LinearCoefficient c : fit.coefficients()) {
      if (c.aliased()) {
        out.printf(Locale.ROOT, "%-" + width + "s %11s   (aliased: a linear combination of earlier terms)%n", c.term(),
            "NA");
        continue;
      }
      out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %9s %25s %10s%n", c.term(), fmt(c.estimate()), fmt(c.se()),
          Plain.fixed(c.t(), 3), fmt(c.ciLow()) + " to " + fmt(c.ciHigh()), pValue(c.p()));
    }
    out.flush();
  }

  private static String fmt(double v) {
    return Plain.estimate(v);
  }

  private static String pValue(double p) {
    return Plain.modelP(p);
  }

  private static StandardErrors parseStandardErrors(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "classical" -> StandardErrors.CLASSICAL;
      case "hc3" -> StandardErrors.HC3;
      default -> throw new StudybookException("--se must be classical or hc3, not '" + s + "'");
    };
  }
}
