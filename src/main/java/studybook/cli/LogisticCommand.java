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
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.LogisticRegression.Limits;
import studybook.stats.regression.LogisticRegression.Method;
import studybook.stats.regression.WeightedLogistic;
import studybook.tables.DesignColumns;
import studybook.tables.DesignMatrix;

/** {@code studybook logistic}: binary logistic regression on any CSV file (CONTRACT.md). */
@Command(name = "logistic", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Binary logistic regression on any CSV file (complete cases on the outcome and terms).")
public final class LogisticCommand implements Runnable {
  @Mixin AdhocDataOptions data;

  @Mixin FitOptions fitOptions;

  @Mixin EngineOptions engine;

  @Option(names = "--outcome", required = true, paramLabel = "COL", description = "The binary outcome column.")
  String outcome;

  @Option(names = "--event", required = true, paramLabel = "VALUE",
      description = "The outcome value that counts as the event (coded 1), e.g. yes or 1.")
  String event;

  @Option(names = "--terms", required = true, split = ",", paramLabel = "COL",
      description = "Model terms (repeat or use commas); categorical ones get one coefficient per non-reference level.")
  List<String> terms = new ArrayList<>();

  @Option(names = "--method", defaultValue = "ml", paramLabel = "ml|firth",
      description = "ml (maximum likelihood, as glm) or firth (penalized likelihood, as logistf). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--ci", paramLabel = "wald|profile",
      description = "Confidence limits of the odds ratios. Default: wald for ml, profile for firth.")
  String ci;

  @Override
  public void run() {
    Method m = parseMethod(method);
    Limits limits = ci == null ? (m == Method.FIRTH ? Limits.PROFILE : Limits.WALD) : parseLimits(ci);
    if ((fitOptions.robust() || fitOptions.pooled()) && (m == Method.FIRTH || limits == Limits.PROFILE)) {
      throw new StudybookException("--weights, --cluster and --imputations go with --method ml and Wald limits"
          + " (robust standard errors have no likelihood profile)");
    }
    if (fitOptions.pooled()) {
      Json.print(System.out, FitOptions.pool(fitOptions.frames(data), f -> {
        LogisticFit one = fit(f, m, limits).fit();
        return new FitOptions.Completed(one.n(), one.n() - one.coefficients().size(), one.coefficients().stream()
            .map(Coefficient::term).toList(), one.coefficients().stream().mapToDouble(Coefficient::estimate).toArray(),
            one.coefficients().stream().mapToDouble(Coefficient::se).toArray());
      }, true));
      return;
    }
    if (engine.spark()) {
      if (m != Method.ML || limits != Limits.WALD || fitOptions.robust() || fitOptions.pooled()) {
        throw new StudybookException("--engine spark fits maximum likelihood with Wald limits (for now); drop --method,"
            + " --ci, --weights, --cluster and --imputations, or use the local engine");
      }
      if (!data.json()) {
        throw new StudybookException("--engine spark answers with --json only (for now)");
      }
      SparkBridge.Logistic l = engine.bridge().logistic(data.sparkSource(engine), outcome, event, terms);
      notes(l.fit(), m);
      Json.print(System.out, Json.withExcluded(json(l.fit()), l.excluded()));
      return;
    }
    Frame frame = data.load();
    Fitted fitted = fit(frame, m, limits);
    LogisticFit fit = fitted.fit();
    notes(fit, m);
    if (data.json()) {
      ObjectNode root = json(fit);
      if (fitOptions.robust()) {
        root = withSeType(root, fitOptions.logisticSeType());
      }
      Json.print(System.out, Json.withExcluded(root, fitted.excluded()));
    } else {
      print(System.out, fit, fitted.excluded());
    }
  }

  private static void notes(LogisticFit fit, Method m) {
    if (fit.separation()) {
      System.err.println("studybook: note: the data are separated (complete or quasi-complete): the maximum-likelihood"
          + " estimate does not exist" + (m == Method.ML ? "; consider --method firth" : "; Firth estimates stay finite"));
    }
    if (!fit.aliased().isEmpty()) {
      System.err.println("studybook: note: aliased (collinear) terms, not estimable and reported as NA: "
          + String.join(", ", fit.aliased()));
    }
    if (!fit.converged()) {
      System.err.println("studybook: note: the fit did not converge in " + fit.iterations() + " iterations");
    }
  }

  private record Fitted(LogisticFit fit, int excluded) {}

  /** The fit of one frame: glm's, or quasibinomial with sandwich standard errors on the rows --weights and --cluster keep. */
  private Fitted fit(Frame frame, Method m, Limits limits) {
    if (!fitOptions.robust()) {
      // column by column: on a large file a million small row arrays cost more than the fit's arithmetic
      DesignColumns dc = DesignMatrix.columnsOf(frame, outcome, event, terms);
      return new Fitted(LogisticRegression.withDefaults().with(m).with(limits).fitColumns(dc.x(), dc.y(), dc.columns()),
          dc.excluded());
    }
    List<String> columns = new ArrayList<>(terms);
    columns.add(0, outcome);
    FitOptions.Prepared prepared = fitOptions.prepare(frame, columns);
    DesignMatrix dm = DesignMatrix.of(prepared.frame(), outcome, event, terms);
    try {
      return new Fitted(WeightedLogistic.fit(dm.design(), prepared.weights(), prepared.cluster()),
          dm.excluded() + prepared.excluded());
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": " + e.getMessage());
    }
  }

  /** The document with "se_type" before "terms". */
  static ObjectNode withSeType(ObjectNode root, String seType) {
    ObjectNode out = Json.object();
    root.fields().forEachRemaining(e -> {
      if (e.getKey().equals("terms")) {
        out.put("se_type", seType);
      }
      out.set(e.getKey(), e.getValue());
    });
    return out;
  }

  /** The JSON document of CONTRACT.md, keys in its order. */
  static ObjectNode json(LogisticFit fit) {
    ObjectNode root = Json.object();
    root.put("n", fit.n());
    root.put("events", fit.events());
    root.put("method", fit.method().name().toLowerCase(Locale.ROOT));
    root.put("converged", fit.converged());
    root.put("iterations", fit.iterations());
    root.set("loglik", Json.number(fit.logLik()));
    root.set("aic", Json.number(fit.aic()));
    root.put("separation", fit.separation());
    ArrayNode rows = Json.array();
    for (Coefficient c : fit.coefficients()) {
      ObjectNode r = Json.object();
      r.put("term", c.term());
      r.set("estimate", Json.number(c.estimate()));
      r.set("se", Json.number(c.se()));
      r.set("z", Json.number(c.z()));
      r.set("p", Json.number(c.p()));
      r.set("or", Json.number(c.oddsRatio()));
      r.set("ci_low", Json.number(c.ciLow()));
      r.set("ci_high", Json.number(c.ciHigh()));
      rows.add(r);
    }
    root.set("terms", rows);
    // issue 16: a rank-deficient design names its aliased terms (null numbers above, as R's NA). The key
    // appears only when there are some, so a full-rank fit keeps exactly the contract's keys.
    if (!fit.aliased().isEmpty()) {
      ArrayNode aliased = root.putArray("aliased");
      fit.aliased().forEach(aliased::add);
    }
    return root;
  }

  private void print(PrintStream out, LogisticFit fit, int excluded) {
    String how = fit.method() == Method.FIRTH ? "Firth's penalized likelihood"
        : fitOptions.weights != null ? "weighted, quasibinomial; sandwich " + fitOptions.logisticSeType() + " standard errors"
        : fitOptions.cluster != null ? "maximum likelihood; cluster-robust standard errors by " + fitOptions.cluster
        : "maximum likelihood";
    out.printf(Locale.ROOT, "Logistic regression (%s) of %s = %s%n", how, outcome, event);
    out.printf(Locale.ROOT, "n = %d complete cases (%d excluded for missing values), events = %d%n", fit.n(),
        excluded, fit.events());
    String likelihood = Double.isNaN(fit.logLik()) ? "no log-likelihood (a weighted quasi-likelihood has none)"
        : "log-likelihood" + (fit.method() == Method.FIRTH ? " (penalized)" : "") + " = "
            + Plain.fixed(fit.logLik(), 4) + ", AIC = " + Plain.fixed(fit.aic(), 2);
    out.printf(Locale.ROOT, "%s in %d iterations; %s%s%n", fit.converged() ? "converged" : "NOT converged",
        fit.iterations(), likelihood, fit.separation() ? "; SEPARATION: the ML estimate does not exist" : "");
    String limits = fit.limits() == Limits.WALD ? "Wald" : "profile";
    String p = fit.method() == Method.FIRTH ? "p (PLR)" : "p (Wald)";
    int width = Math.max(12, fit.coefficients().stream().mapToInt(c -> c.term().length()).max().orElse(0));
    out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %11s %23s %10s%n", "term", "estimate", "se", "OR",
        "95% CI (" + limits + ")", p);
    for (Coefficient c : fit.coefficients()) {
      out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %11s %23s %10s%n", c.term(), fmt(c.estimate()), fmt(c.se()),
          fmt(c.oddsRatio()), fmt(c.ciLow()) + " to " + fmt(c.ciHigh()), pValue(c.p()));
    }
    out.flush();
  }

  private static String fmt(double v) {
    return Plain.estimate(v);
  }

  private static String pValue(double p) {
    return Plain.modelP(p);
  }

  private static Method parseMethod(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "ml" -> Method.ML;
      case "firth" -> Method.FIRTH;
      default -> throw new StudybookException("--method must be ml or firth, not '" + s + "'");
    };
  }

  private static Limits parseLimits(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "wald" -> Limits.WALD;
      case "profile" -> Limits.PROFILE;
      default -> throw new StudybookException("--ci must be wald or profile, not '" + s + "'");
    };
  }
}
