package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.Frame;
import studybook.stats.regression.CoxCoefficient;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxPhTest;
import studybook.stats.regression.CoxRegression;
import studybook.stats.regression.CoxRegression.Ties;
import studybook.tables.CoxDesignMatrix;
import studybook.tables.Landmark;

/** {@code studybook cox}: Cox proportional-hazards regression on any CSV file (CONTRACT.md). */
@Command(name = "cox", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cox proportional-hazards regression on any CSV file, as R's coxph (complete cases).")
public final class CoxCommand implements Runnable {
  @Mixin AdhocDataOptions data;

  @Mixin EngineOptions engine;

  @Mixin FitOptions fitOptions;

  @Option(names = "--time", required = true, paramLabel = "COL", description = "Follow-up time (numbers, not negative).")
  String time;

  @Option(names = "--start", paramLabel = "COL",
      description = "Start of each row's interval for counting-process data (time-varying covariates): the row is at risk on (start, time], as Surv(start, time, event).")
  String start;

  @Option(names = "--landmark", paramLabel = "L",
      description = "Landmark analysis at time L: rows with time < L are left out and time is measured from L, as coxph(Surv(T - L, E) ~ ..., subset = T >= L).")
  Double landmark;

  @Option(names = "--event", required = true, paramLabel = "COL",
      description = "Status column; read as R's Surv reads it (0/1: 1 = event, 1/2: 2 = event, TRUE/FALSE) unless --event-value is given.")
  String event;

  @Option(names = "--event-value", paramLabel = "VALUE", description = "The status value that marks an event.")
  String eventValue;

  @Option(names = "--terms", required = true, split = ",", paramLabel = "COL",
      description = "Model terms (repeat or use commas); categorical ones get one coefficient per non-reference level.")
  List<String> terms = new ArrayList<>();

  @Option(names = "--strata", paramLabel = "COL", description = "Stratify the baseline hazard by this column (strata(S)).")
  String strata;

  @Option(names = "--ties", defaultValue = "efron", paramLabel = "efron|breslow",
      description = "Tied event times: efron (as coxph) or breslow. Default: ${DEFAULT-VALUE}.")
  String ties;

  @Override
  public void run() {
    Ties t = parseTies(ties);
    if (engine.spark()) {
      runOnSpark(t);
      return;
    }
    if (start != null && landmark != null) {
      throw new StudybookException("--landmark is for one row per patient (--time from the origin), not with --start");
    }
    if (start != null && fitOptions.pooled()) {
      throw new StudybookException("--start cannot yet be combined with --imputations");
    }
    if (start != null && fitOptions.robust() && fitOptions.cluster == null) {
      // as survival: coxph(Surv(start, stop, event) ~ ..., robust = TRUE) needs a cluster or id
      throw new StudybookException("--start with --weights needs --cluster ID (the column naming each patient):"
          + " the rows of one patient are not independent, so the robust variance sums them per patient");
    }
    if (fitOptions.robust() && !fitOptions.pooled()) {
      runRobust(t);
      return;
    }
    if (fitOptions.pooled()) {
      Json.print(System.out, FitOptions.pool(fitOptions.frames(data).stream().map(this::landmarked).toList(), f -> {
        CoxFit fit = fitOptions.robust() ? robust(f, t).fit().fit()
            : CoxRegression.withDefaults().with(t).fit(CoxDesignMatrix.of(f, time, event, Optional.ofNullable(eventValue),
                terms, Optional.ofNullable(strata)).design());
        // mice's complete-data df for coxph: the events less the coefficients
        return new FitOptions.Completed(fit.n(), fit.events() - fit.coefficients().size(), fit.coefficients().stream()
            .map(CoxCoefficient::term).toList(), fit.coefficients().stream().mapToDouble(CoxCoefficient::estimate)
            .toArray(), fit.coefficients().stream().mapToDouble(CoxCoefficient::se).toArray());
      }, true));
      return;
    }
    Frame frame = landmarked(data.load());
    CoxDesignMatrix dm = CoxDesignMatrix.of(frame, time, event, Optional.ofNullable(eventValue), terms,
        Optional.ofNullable(strata), Optional.ofNullable(start));
    dm.coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    CoxFit fit;
    try {
      fit = CoxRegression.withDefaults().with(t).fit(dm.design());
    } catch (IllegalArgumentException e) {
      // e.g. a start and stop time that differ by rounding error only (coxph's timefix makes them equal)
      throw new StudybookException(frame.source() + ": " + e.getMessage());
    }
    notes(fit);
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(json(fit), dm.excluded()));
    } else {
      print(System.out, dm.coding(), fit, dm.excluded(), false);
    }
  }

  /**
   * On Spark: right-censored data with strata, Efron or Breslow ties, JSON or text; the options that need each
   * row's own numbers (robust variances, counting-process risk sets, imputed data sets, the landmark's subset) are
   * refused before any work, each naming itself.
   */
  private void runOnSpark(Ties t) {
    String refused = start != null ? "--start (the risk sets of (start, stop] intervals are not cumulative sums over times)"
        : landmark != null ? "--landmark"
        : fitOptions.pooled() ? "--imputations"
        : fitOptions.robust() ? (fitOptions.weights != null ? "--weights" : "--cluster")
            + " (the robust variance needs each row's score residuals)"
        : null;
    if (refused != null) {
      throw new StudybookException("--engine spark: cox does not run on Spark with " + refused
          + "; run it with the local engine (leave out --engine spark)");
    }
    SparkBridge.Cox c = engine.bridge().cox(data.sparkSource(engine), time, event, eventValue, terms, strata, t);
    c.coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    CoxFit fit = c.fit();
    notes(fit);
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(json(fit), c.excluded()));
    } else {
      print(System.out, c.coding(), fit, c.excluded(), false);
    }
  }

  private static void notes(CoxFit fit) {
    if (!fit.estimable()) {
      System.err.println("studybook: note: no events among the " + fit.n() + " rows: the Cox model is not estimable");
    } else {
      if (!fit.diverged().isEmpty()) {
        System.err.println("studybook: note: monotone likelihood: the estimate of " + String.join(", ", fit.diverged())
            + " diverges (e.g. a group without events); it is reported without a hazard ratio");
      }
      if (!fit.converged()) {
        System.err.println("studybook: note: the fit did not converge in " + fit.iterations() + " iterations");
      }
    }
  }

  /** The frame at the landmark when --landmark is given (the rows left out said on stderr), else the frame. */
  private Frame landmarked(Frame frame) {
    if (landmark == null) {
      return frame;
    }
    Landmark lm = Landmark.of(frame, time, landmark);
    System.err.println("studybook: note: " + lm.methodsSentence());
    return lm.frame();
  }

  private record Robust(CoxDesignMatrix dm, CoxRegression.RobustCoxFit fit, int excluded) {}

  /** The weighted or clustered fit of one frame, on the rows --weights and --cluster keep. */
  private Robust robust(Frame frame, Ties t) {
    List<String> columns = new ArrayList<>(List.of(time, event));
    if (start != null) {
      columns.add(start);
    }
    columns.addAll(terms);
    if (strata != null) {
      columns.add(strata);
    }
    FitOptions.Prepared prepared = fitOptions.prepare(frame, columns);
    CoxDesignMatrix dm = CoxDesignMatrix.of(prepared.frame(), time, event, Optional.ofNullable(eventValue), terms,
        Optional.ofNullable(strata), Optional.ofNullable(start));
    if (dm.design().n() != prepared.frame().rowCount()) {
      throw new IllegalStateException("rows differ: " + dm.design().n() + " vs " + prepared.frame().rowCount());
    }
    try {
      return new Robust(dm, CoxRegression.withDefaults().with(t).fitRobust(dm.design(), prepared.weights(),
          prepared.cluster()), dm.excluded() + prepared.excluded());
    } catch (IllegalArgumentException e) {
      throw new StudybookException(frame.source() + ": " + e.getMessage());
    }
  }

  private void runRobust(Ties t) {
    Frame frame = landmarked(data.load());
    Robust r = robust(frame, t);
    r.dm().coding().censoringNote(event).ifPresent(n -> System.err.println("studybook: note: " + n));
    CoxFit fit = r.fit().fit();
    notes(fit);
    if (data.json()) {
      Json.print(System.out, Json.withExcluded(robustJson(r.fit()), r.excluded()));
    } else {
      print(System.out, r.dm().coding(), fit, r.excluded(), true);
    }
  }

  /**
   * The document of a weighted or clustered fit: robust se, z, p and limits with each term's se_naive, only
   * the (robust) Wald test, no ph_test; the concordance weighted as coxph weights it (pairs by the product of
   * their weights, the jackknife se summed within clusters).
   */
  static ObjectNode robustJson(CoxRegression.RobustCoxFit robust) {
    CoxFit fit = robust.fit();
    ObjectNode plain = json(fit);
    ObjectNode tests = Json.object();
    tests.set("wald", plain.get("tests").get("wald"));
    plain.set("tests", tests);
    plain.remove("ph_test");
    double[] naive = robust.seNaive();
    ArrayNode terms = (ArrayNode) plain.get("terms");
    for (int j = 0; j < terms.size(); j++) {
      ObjectNode old = (ObjectNode) terms.get(j);
      ObjectNode row = Json.object();
      final int k = j;
      old.fields().forEachRemaining(e -> {
        row.set(e.getKey(), e.getValue());
        if (e.getKey().equals("se")) {
          row.set("se_naive", Json.number(naive[k]));
        }
      });
      terms.set(j, row);
    }
    return plain;
  }

  /** The JSON document of CONTRACT.md, keys in its order ("excluded" is appended after them by Json.withExcluded). */
  static ObjectNode json(CoxFit fit) {
    ObjectNode root = Json.object();
    root.put("n", fit.n());
    root.put("events", fit.events());
    root.put("ties", fit.ties().rName());
    root.put("converged", fit.converged());
    root.put("iterations", fit.iterations());
    root.set("loglik", Json.number(fit.logLik()));
    root.set("loglik_null", Json.number(fit.logLikNull()));
    root.set("aic", Json.number(fit.aic()));
    root.set("concordance", Json.number(fit.concordance().concordance()));
    root.set("concordance_se", Json.number(fit.concordance().se()));
    ObjectNode tests = root.putObject("tests");
    tests.set("lr", test(fit.likelihoodRatio()));
    tests.set("wald", test(fit.wald()));
    tests.set("score", test(fit.score()));
    ArrayNode rows = root.putArray("terms");
    for (CoxCoefficient c : fit.coefficients()) {
      ObjectNode r = rows.addObject();
      r.put("term", c.term());
      r.set("estimate", Json.number(c.estimate()));
      r.set("se", Json.number(c.se()));
      r.set("z", Json.number(c.z()));
      r.set("p", Json.number(c.p()));
      r.set("hr", Json.number(c.hazardRatio()));
      r.set("ci_low", Json.number(c.ciLow()));
      r.set("ci_high", Json.number(c.ciHigh()));
    }
    CoxPhTest ph = fit.phTest();
    if (ph == null) {
      root.putNull("ph_test");
    } else {
      ObjectNode phNode = root.putObject("ph_test");
      ArrayNode phRows = phNode.putArray("terms");
      for (CoxPhTest.Row row : ph.terms()) {
        phRows.add(phRow(row));
      }
      ObjectNode global = phRow(ph.global());
      global.remove("term");
      phNode.set("global", global);
    }
    ArrayNode diverged = root.putArray("diverged");
    fit.diverged().forEach(diverged::add);
    return root;
  }

  private static ObjectNode test(CoxFit.ModelTest t) {
    ObjectNode o = Json.object();
    o.set("chisq", Json.number(t.chisq()));
    o.put("df", t.df());
    o.set("p", Json.number(t.p()));
    return o;
  }

  private static ObjectNode phRow(CoxPhTest.Row row) {
    ObjectNode o = Json.object();
    o.put("term", row.term());
    o.set("chisq", Json.number(row.chisq()));
    o.put("df", row.df());
    o.set("p", Json.number(row.p()));
    return o;
  }

  private void print(PrintStream out, studybook.stats.survival.EventCoding coding, CoxFit fit, int excluded,
      boolean robust) {
    out.printf(Locale.ROOT, "Cox proportional-hazards regression (%s ties)%s of %s; %s%n", fit.ties().rName(),
        strata == null ? "" : ", stratified by " + strata, start == null ? time : "(" + start + ", " + time + "]",
        coding.describe(event));
    out.printf(Locale.ROOT, "n = %d complete %s (%d excluded for missing values), events = %d%n", fit.n(),
        start == null ? "cases" : "intervals",
        excluded, fit.events());
    if (!fit.estimable()) {
      out.println("Not estimable (no events).");
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "%s in %d iterations; log-likelihood = %s (null %s), AIC = %s%n",
        fit.converged() ? "converged" : "NOT converged", fit.iterations(), Plain.fixed(fit.logLik(), 4),
        Plain.fixed(fit.logLikNull(), 4), Plain.fixed(fit.aic(), 2));
    if (robust) {
      out.printf(Locale.ROOT, "Robust (sandwich) standard errors%s; Wald = %s on %d df, p = %s%n",
          fitOptions.cluster != null ? " clustered by " + fitOptions.cluster : "", Plain.fixed(fit.wald().chisq(), 3),
          fit.wald().df(),
          pValue(fit.wald().p()));
    } else {
      out.printf(Locale.ROOT, "Concordance = %s (se %s)%n", Plain.fixed(fit.concordance().concordance(), 4),
          Plain.fixed(fit.concordance().se(), 4));
      out.printf(Locale.ROOT, "Likelihood ratio = %s on %d df, p = %s; Wald = %s, p = %s; score (log-rank) = %s, p = %s%n",
          Plain.fixed(fit.likelihoodRatio().chisq(), 3), fit.likelihoodRatio().df(), pValue(fit.likelihoodRatio().p()),
          Plain.fixed(fit.wald().chisq(), 3), pValue(fit.wald().p()), Plain.fixed(fit.score().chisq(), 3),
          pValue(fit.score().p()));
    }
    int width = Math.max(12, fit.coefficients().stream().mapToInt(c -> c.term().length()).max().orElse(0));
    out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %11s %23s %10s%n", "term", "estimate", "se", "HR",
        "95% CI (Wald)", "p");
    for (CoxCoefficient c : fit.coefficients()) {
      if (c.diverged()) {
        out.printf(Locale.ROOT, "%-" + width + "s %s%n", c.term(), "diverged (monotone likelihood): no estimate");
        continue;
      }
      out.printf(Locale.ROOT, "%-" + width + "s %11s %11s %11s %23s %10s%n", c.term(), fmt(c.estimate()), fmt(c.se()),
          fmt(c.hazardRatio()), fmt(c.ciLow()) + " to " + fmt(c.ciHigh()), pValue(c.p()));
    }
    if (fit.phTest() == null) {
      out.flush();
      return;
    }
    out.println("Proportional hazards (cox.zph, km transform):");
    for (CoxPhTest.Row row : fit.phTest().terms()) {
      out.printf(Locale.ROOT, "  %-" + width + "s chisq = %8s, df = %d, p = %s%s%n", row.term(), Plain.fixed(row.chisq(), 3), row.df(),
          pValue(row.p()), row.fails() ? "  (fails: the hazard ratio changes over time)" : "");
    }
    CoxPhTest.Row g = fit.phTest().global();
    out.printf(Locale.ROOT, "  %-" + width + "s chisq = %8s, df = %d, p = %s%n", "global", Plain.fixed(g.chisq(), 3), g.df(),
        pValue(g.p()));
    out.flush();
  }

  private static String fmt(double v) {
    return Plain.estimate(v);
  }

  private static String pValue(double p) {
    return Plain.modelP(p);
  }

  private static Ties parseTies(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "efron" -> Ties.EFRON;
      case "breslow" -> Ties.BRESLOW;
      default -> throw new StudybookException("--ties must be efron or breslow, not '" + s + "'");
    };
  }
}
