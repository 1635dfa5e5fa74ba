package studybook.cli;

import studybook.report.NumberStyle.Plain;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.propensity.BalanceColumn;
import studybook.stats.propensity.BalanceRow;
import studybook.stats.propensity.GroupSummary;
import studybook.stats.propensity.PropensityResult;
import studybook.stats.propensity.PropensityScore;
import studybook.stats.propensity.PropensityScore.Estimand;
import studybook.stats.propensity.PropensityScore.Method;
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import studybook.tables.Propensity;

/**
 * {@code studybook propensity}: propensity scores, inverse-probability weights or nearest-neighbour matching,
 * and the balance table, on any CSV file (docs/CONTRACT.md, section "propensity").
 */
@Command(name = "propensity", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Propensity scores, weights or matching, and covariate balance, on any CSV file.")
public final class PropensityCommand implements Runnable {
  /** A weight more than this many times its group's mean weight is reported as extreme. */
  static final double EXTREME = 10;

  @Mixin AdhocDataOptions data;

  @Option(names = "--treatment", required = true, paramLabel = "COL", description = "The two-valued treatment column.")
  String treatment;

  @Option(names = "--treated", required = true, paramLabel = "VALUE",
      description = "The treatment value of the treated group, e.g. 1 or yes.")
  String treatedValue;

  @Option(names = "--covariates", required = true, split = ",", paramLabel = "COL",
      description = "Covariates of the score model (repeat or use commas).")
  List<String> covariates = new ArrayList<>();

  @Option(names = "--estimand", paramLabel = "ate|att",
      description = "ate or att. Default: ate for weighting, att for matching (the only one it estimates).")
  String estimand;

  @Option(names = "--method", defaultValue = "weight", paramLabel = "weight|match",
      description = "weight (inverse-probability weights) or match (nearest neighbour, as MatchIt). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--stabilize", description = "Stabilized ATE weights (each times its group's share of the rows).")
  boolean stabilize;

  @Option(names = "--ratio", paramLabel = "K", description = "Controls per treated row when matching. Default: 1.")
  Integer ratio;

  @Option(names = "--caliper", paramLabel = "C",
      description = "Largest score distance of a match, in standard deviations of the score. Default: none.")
  Double caliper;

  @Option(names = "--trim", paramLabel = "Q",
      description = "Trim (winsorize) the weights above their Q quantile (0.5 < Q < 1), as WeightIt::trim(w, at = Q):"
          + " every row's for the ATE, the controls' for the ATT. Weighting only. Default: none.")
  private Double trim;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the rows used with their columns plus ps, weight (and subclass when matching) to this CSV file.")
  Path out;

  @Override
  public void run() {
    PropensityScore config = configure();
    if (out != null && data.data != null && out.toAbsolutePath().normalize().equals(data.data.toAbsolutePath().normalize())) {
      throw new StudybookException("--out " + out + " is the data file itself; write the scores and weights to another file");
    }
    Frame frame = data.load();
    Propensity.Fit a = Propensity.analyse(frame, treatment, treatedValue, covariates, config);
    PropensityResult result = a.result();
    warnExtremeWeights(frame, a, result);
    if (out != null) {
      write(out, frame, a.rows(), result);
    }
    if (data.json()) {
      Json.print(System.out, json(result, a.excluded()));
    } else {
      print(result, a.excluded());
    }
  }

  private PropensityScore configure() {
    Method m = switch (method.toLowerCase(Locale.ROOT)) {
      case "weight" -> Method.WEIGHT;
      case "match" -> Method.MATCH;
      default -> throw new StudybookException("--method must be weight or match, not '" + method + "'");
    };
    Estimand e = estimand == null ? (m == Method.MATCH ? Estimand.ATT : Estimand.ATE)
        : switch (estimand.toLowerCase(Locale.ROOT)) {
          case "ate" -> Estimand.ATE;
          case "att" -> Estimand.ATT;
          default -> throw new StudybookException("--estimand must be ate or att, not '" + estimand + "'");
        };
    if (m == Method.MATCH && e == Estimand.ATE) {
      throw new StudybookException("--estimand ate with --method match: matching estimates the ATT; use --method weight"
          + " for the ATE");
    }
    if (stabilize && (m != Method.WEIGHT || e != Estimand.ATE)) {
      throw new StudybookException("--stabilize applies to ATE weights only (--method weight --estimand ate)");
    }
    if (m == Method.WEIGHT && (ratio != null || caliper != null)) {
      throw new StudybookException((ratio != null ? "--ratio" : "--caliper") + " applies to --method match only");
    }
    if (ratio != null && ratio < 1) {
      throw new StudybookException("--ratio must be 1 or more, not " + ratio);
    }
    if (caliper != null && !(caliper > 0 && Double.isFinite(caliper))) {
      throw new StudybookException("--caliper must be a positive number of standard deviations, not " + caliper);
    }
    if (trim != null && m != Method.WEIGHT) {
      throw new StudybookException("--trim applies to --method weight only (matching makes no weights to trim)");
    }
    PropensityScore config = PropensityScore.withDefaults().with(m).with(e).stabilized(stabilize)
        .ratio(ratio == null ? 1 : ratio).caliper(caliper == null ? Double.NaN : caliper);
    try {
      return trim == null ? config : config.trimmed(trim);
    } catch (IllegalArgumentException x) {
      throw new StudybookException("--trim " + trim + ": " + x.getMessage());
    }
  }

  /** Extreme weights are said with their share of the group's total (trimmed only when --trim asks). */
  private static void warnExtremeWeights(Frame frame, Propensity.Fit a, PropensityResult r) {
    double[] w = r.weights();
    int[] t = r.treated();
    for (int g = 1; g >= 0; g--) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < w.length; i++) {
        if (t[i] == g && w[i] > 0) {
          sum += w[i];
          count++;
        }
      }
      double mean = sum / count;
      int extreme = 0;
      double share = 0;
      int largest = -1;
      for (int i = 0; i < w.length; i++) {
        if (t[i] == g && w[i] > EXTREME * mean) {
          extreme++;
          share += w[i];
          if (largest < 0 || w[i] > w[largest]) {
            largest = i;
          }
        }
      }
      if (extreme > 0) {
        System.err.printf(Locale.ROOT, "studybook: warning: extreme weights: %d %s weight%s above %s times the group's"
            + " mean weight, %s%% of the group's total weight (the largest, %s, at line %d); %s%n",
            extreme, g == 1 ? "treated" : "control", extreme == 1 ? "" : "s", Plain.fixed(EXTREME, 0),
            Plain.fixed(100 * share / sum, 1), Plain.significant(w[largest], 4),
            frame.line(a.rows()[largest]), Double.isNaN(r.trimAt()) ? "nothing is trimmed"
                : "after trimming at the " + r.trimAt() + " quantile");
      }
    }
  }

  /** The rows used with all their columns plus ps, weight (and subclass), written whole or not at all. */
  static void write(Path file, Frame frame, int[] rows, PropensityResult r) {
    boolean match = r.method() == Method.MATCH;
    List<String> names = frame.columnNames();
    double[] ps = r.ps();
    double[] w = r.weights();
    int[] subclass = r.subclass();
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".studybook-", ".csv.tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        List<String> header = new ArrayList<>(names);
        header.add("ps");
        header.add("weight");
        if (match) {
          header.add("subclass");
        }
        out.write(csvLine(header));
        for (int i = 0; i < rows.length; i++) {
          List<String> cells = new ArrayList<>();
          for (String c : names) {
            cells.add(frame.text(c, rows[i]));
          }
          cells.add(Double.toString(ps[i]));
          cells.add(Double.toString(w[i]));
          if (match) {
            cells.add(subclass[i] == 0 ? "" : Integer.toString(subclass[i]));
          }
          out.write(csvLine(cells));
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StudybookException("cannot write " + file + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is ours; a leftover is harmless
        }
      }
    }
  }

  private static String csvLine(List<String> cells) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        s.append(',');
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        s.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        s.append(c);
      }
    }
    return s.append('\n').toString();
  }

  /** The JSON document of CONTRACT.md, keys in its order. */
  static ObjectNode json(PropensityResult r, int excluded) {
    ObjectNode root = Json.object();
    root.put("n", r.n());
    root.put("treated", r.treatedCount());
    root.put("control", r.controlCount());
    root.put("excluded", excluded);
    root.put("estimand", r.estimand().name().toLowerCase(Locale.ROOT));
    root.put("method", r.method().name().toLowerCase(Locale.ROOT));
    ObjectNode model = root.putObject("ps_model");
    model.put("converged", r.scoreModel().converged());
    model.put("separation", r.scoreModel().separation());
    ArrayNode terms = model.putArray("terms");
    for (Coefficient c : r.scoreModel().coefficients()) {
      ObjectNode t = terms.addObject();
      t.put("term", c.term());
      t.set("estimate", Json.number(c.estimate()));
      t.set("se", Json.number(c.se()));
    }
    ObjectNode ps = root.putObject("ps");
    ObjectNode weights = Json.object();
    for (int g = 1; g >= 0; g--) {
      GroupSummary s = g == 1 ? r.treatedSummary() : r.controlSummary();
      String name = g == 1 ? "treated" : "control";
      ObjectNode p = ps.putObject(name);
      p.set("min", Json.number(s.psMin()));
      p.set("median", Json.number(s.psMedian()));
      p.set("max", Json.number(s.psMax()));
      ObjectNode w = weights.putObject(name);
      w.set("sum", Json.number(s.weightSum()));
      w.set("ess", Json.number(s.ess()));
      w.set("max", Json.number(s.weightMax()));
    }
    root.set("weights", weights);
    if (!Double.isNaN(r.trimAt())) {
      ObjectNode t = root.putObject("trim");
      t.set("at", Json.number(r.trimAt()));
      t.put("trimmed", r.trimmed());
    }
    if (r.method() == Method.MATCH) {
      ObjectNode m = root.putObject("matched");
      m.put("treated", r.matched(1));
      m.put("control", r.matched(0));
      m.put("unmatched_treated", r.treatedCount() - r.matched(1));
    }
    ArrayNode balance = root.putArray("balance");
    for (BalanceRow b : r.balance()) {
      ObjectNode row = balance.addObject();
      row.put("term", b.term());
      row.put("type", b.level() ? "level" : "continuous");
      row.set("smd_before", Json.number(b.smdBefore()));
      row.set("smd_after", Json.number(b.smdAfter()));
      if (!b.level()) {
        row.set("vr_before", Json.number(b.vrBefore()));
        row.set("vr_after", Json.number(b.vrAfter()));
      }
    }
    return root;
  }

  private void print(PropensityResult r, int excluded) {
    var o = System.out;
    String how = r.method() == Method.MATCH
        ? String.format(Locale.ROOT, "nearest-neighbour matching 1:%d%s", r.ratio(),
            Double.isNaN(r.caliper()) ? "" : ", caliper " + Plain.significant(r.caliper(), 3) + " SD of the score")
        : (r.stabilized() ? "stabilized " : "") + r.estimand().name() + " inverse-probability weights";
    o.printf(Locale.ROOT, "Propensity scores of %s = %s (%s)%n", treatment, treatedValue, how);
    o.printf(Locale.ROOT, "n = %d (%d treated, %d control; %d excluded for missing values)%n", r.n(), r.treatedCount(),
        r.controlCount(), excluded);
    for (int g = 1; g >= 0; g--) {
      GroupSummary s = g == 1 ? r.treatedSummary() : r.controlSummary();
      o.printf(Locale.ROOT, "%-8s score %s / %s / %s (min/median/max); weights sum %s, ESS %s, max %s%n",
          g == 1 ? "treated" : "control", Plain.fixed(s.psMin(), 4), Plain.fixed(s.psMedian(), 4),
          Plain.fixed(s.psMax(), 4), Plain.fixed(s.weightSum(), 2), Plain.fixed(s.ess(), 1), Plain.fixed(s.weightMax(), 3));
    }
    if (r.method() == Method.MATCH) {
      o.printf(Locale.ROOT, "matched: %d treated, %d control; %d treated unmatched%n", r.matched(1), r.matched(0),
          r.treatedCount() - r.matched(1));
    }
    int width = Math.max(12, r.balance().stream().mapToInt(b -> b.term().length()).max().orElse(0));
    o.printf(Locale.ROOT, "%-" + width + "s %10s %10s %10s %10s%n", "covariate", "SMD before", "SMD after", "VR before",
        "VR after");
    for (BalanceRow b : r.balance()) {
      o.printf(Locale.ROOT, "%-" + width + "s %10s %10s %10s %10s%n", b.term(), Plain.fixed(b.smdBefore(), 3),
          Plain.fixed(b.smdAfter(), 3), b.level() ? "" : Plain.fixed(b.vrBefore(), 3),
          b.level() ? "" : Plain.fixed(b.vrAfter(), 3));
    }
    o.flush();
  }
}
