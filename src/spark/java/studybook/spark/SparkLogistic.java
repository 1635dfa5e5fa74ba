package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Numbers;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticPasses;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.RankRevealingQr;

/**
 * Maximum-likelihood logistic regression on Spark, as glm with its default control and as the local
 * engine fits it. The design is built on the cluster (complete cases, one column per non-reference level);
 * the rank check reduces each partition's rows to a p x p Householder triangle and decides aliasing with
 * the local engine's R-style pivoted QR on the stacked triangles; each IRLS iteration is one pass that
 * returns, per partition, X'WX, X'Wz, the deviance, the log-likelihood and the range of the linear
 * predictor, added on the driver in partition order with compensated sums. The fit itself is the local
 * engine's ({@link LogisticRegression#fit(LogisticPasses, List)}: glm's loop and deviance criterion, the solves,
 * the covariance, the Newton polish and the Wald table); the separation check here gives it the
 * fitted-probability certificate, else Konis' linear program over the distinct design rows.
 */
final class SparkLogistic {
  private SparkLogistic() {}

  private static final double BOUNDARY = 1e-8;
  private static final int LP_ROW_LIMIT = 2000;

  /** The census of the complete cases: rows, events, per categorical term level counts, per continuous term range. */
  static final class Census implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    long excluded;
    long events;
    long[][] levelRows;
    double[] min;
    double[] max;
    Set<String> outcomes = new LinkedHashSet<>();
  }

  static SparkBridge.Logistic run(SparkData d, String outcome, String event, List<String> terms, Set<String> categorical,
      Map<String, List<String>> levels) {
    ModelTerms.check(d, outcome, terms);
    List<String> names = new ArrayList<>();
    names.add(outcome);
    names.addAll(terms);
    Map<String, SparkData.Column> typed = d.type(names, categorical, levels);
    SparkData.Column out = typed.get(outcome);
    boolean outcomeCategorical = out.categorical();
    Map<String, Integer> outcomeCodes = outcomeCategorical ? SparkData.codes(out) : Map.of();
    String eventValue = event;
    if (!outcomeCategorical) {
      if (!Numbers.looksNumeric(event.trim())) {
        throw new DataException(new DataProblem(d.file, 1, outcome, event, "--event must be one of the outcome's values",
            null));
      }
      eventValue = Double.toString(Numbers.parse(event.trim()));
    }
    String ev = eventValue;
    int t = terms.size();
    ModelTerms.Layout layout = ModelTerms.Layout.of(typed, terms);
    boolean[] isCat = layout.categorical();
    int[] idx = layout.index();
    List<Map<String, Integer>> termCodes = layout.codes();
    int[] levelCount = layout.levels();
    int oi = out.index();
    List<String> outLevels = out.levels();
    // the census: complete cases, the outcome's values, level counts and ranges of the terms
    List<Census> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Census c = new Census();
      c.levelRows = new long[t][];
      c.min = new double[t];
      c.max = new double[t];
      for (int k = 0; k < t; k++) {
        c.levelRows[k] = new long[levelCount[k]];
        c.min[k] = Double.POSITIVE_INFINITY;
        c.max[k] = Double.NEGATIVE_INFINITY;
      }
      int[] codes = new int[t];
      double[] values = new double[t];
      while (it.hasNext()) {
        Row r = it.next();
        String y = outcomeValue(r.get(oi), outcomeCategorical, outcomeCodes, outLevels);
        boolean complete = y != null;
        for (int k = 0; k < t && complete; k++) {
          if (isCat[k]) {
            codes[k] = SparkData.code(termCodes.get(k), r.get(idx[k]));
            complete = codes[k] >= 0;
          } else {
            values[k] = Cells.number(r.get(idx[k]));
            complete = !Double.isNaN(values[k]);
          }
        }
        if (y != null && c.outcomes.size() < 3) {
          c.outcomes.add(y);
        }
        if (!complete) {
          c.excluded++;
          continue;
        }
        c.rows++;
        c.events += y.equals(ev) ? 1 : 0;
        for (int k = 0; k < t; k++) {
          if (isCat[k]) {
            c.levelRows[k][codes[k]]++;
          } else {
            c.min[k] = Math.min(c.min[k], values[k]);
            c.max[k] = Math.max(c.max[k], values[k]);
          }
        }
      }
      return c;
    }));
    Census all = new Census();
    all.levelRows = new long[t][];
    all.min = new double[t];
    all.max = new double[t];
    for (int k = 0; k < t; k++) {
      all.levelRows[k] = new long[levelCount[k]];
      all.min[k] = Double.POSITIVE_INFINITY;
      all.max[k] = Double.NEGATIVE_INFINITY;
    }
    for (Census c : parts) {
      all.rows += c.rows;
      all.excluded += c.excluded;
      all.events += c.events;
      all.outcomes.addAll(c.outcomes);
      for (int k = 0; k < t; k++) {
        for (int l = 0; l < levelCount[k]; l++) {
          all.levelRows[k][l] += c.levelRows[k][l];
        }
        all.min[k] = Math.min(all.min[k], c.min[k]);
        all.max[k] = Math.max(all.max[k], c.max[k]);
      }
    }
    List<String> distinct = new ArrayList<>(all.outcomes);
    if (distinct.size() > 2) {
      throw new DataException(new DataProblem(d.file, 0, outcome, distinct.get(2),
          "the outcome must have exactly two values; this value is a third (after " + distinct.get(0) + " and "
              + distinct.get(1) + ")", "recode the outcome to two values or mark others missing"));
    }
    if (distinct.size() < 2) {
      throw new DataException(new DataProblem(d.file, 1, outcome, distinct.isEmpty() ? null : distinct.get(0),
          distinct.isEmpty() ? "the outcome has no non-missing value"
              : "the outcome has a single value, so there is nothing to model", null));
    }
    if (!distinct.contains(ev)) {
      throw new DataException(new DataProblem(d.file, 1, outcome, event, "--event is not one of the outcome's values "
          + distinct, "use one of them"));
    }
    long n = all.rows;
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 1, outcome, null,
          "no row has the outcome and every term " + terms + " present", "check the missing values of these columns"));
    }
    List<String> columns = new ArrayList<>();
    columns.add("(Intercept)");
    for (int k = 0; k < t; k++) {
      String term = terms.get(k);
      if (isCat[k]) {
        List<String> lv = typed.get(term).levels();
        for (int l = 0; l < lv.size(); l++) {
          if (all.levelRows[k][l] == 0) {
            throw new DataException(new DataProblem(d.file, 1, term, lv.get(l),
                "level has no row among the " + n + " complete cases, so its effect cannot be estimated",
                "merge it with another level or leave it out of --levels"));
          }
        }
        if (lv.size() < 2) {
          throw new DataException(new DataProblem(d.file, 1, term, lv.isEmpty() ? null : lv.get(0),
              "a categorical term needs two or more levels among the " + n + " complete cases, but has one",
              "leave the term out of the model"));
        }
        for (int l = 1; l < lv.size(); l++) {
          columns.add(term + "=" + lv.get(l));
        }
      } else {
        if (all.min[k] == all.max[k]) {
          throw new DataException(new DataProblem(d.file, 0, term, Double.toString(all.min[k]),
              "has the same value in every complete case, so its effect cannot be estimated", "leave the term out"));
        }
        columns.add(term);
      }
    }
    int p = columns.size();
    // the design on the cluster: (y, x_0 .. x_{p-1}) for the complete cases, kept for the passes
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("y", DataTypes.DoubleType, false));
    for (int j = 0; j < p; j++) {
      fields.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
    }
    Dataset<Row> design = d.rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      List<Row> rows = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        String y = outcomeValue(r.get(oi), outcomeCategorical, outcomeCodes, outLevels);
        if (y == null) {
          continue;
        }
        Object[] v = new Object[1 + p];
        v[0] = y.equals(ev) ? 1.0 : 0.0;
        v[1] = 1.0;
        int j = 2;
        boolean complete = true;
        for (int k = 0; k < t && complete; k++) {
          if (isCat[k]) {
            int code = SparkData.code(termCodes.get(k), r.get(idx[k]));
            complete = code >= 0;
            for (int l = 1; l < levelCount[k]; l++) {
              v[j++] = code == l ? 1.0 : 0.0;
            }
          } else {
            double x = Cells.number(r.get(idx[k]));
            complete = !Double.isNaN(x);
            v[j++] = x;
          }
        }
        if (complete) {
          rows.add(RowFactory.create(v));
        }
      }
      return rows.iterator();
    }, Encoders.row(DataTypes.createStructType(fields))).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return new SparkBridge.Logistic(fit(d, design, columns, (int) n, (int) all.events), (int) all.excluded);
    } finally {
      design.unpersist();
    }
  }

  /** The outcome's value as the local design names it (a level, or Double.toString of a number); null when missing. */
  static String outcomeValue(Object cell, boolean categorical, Map<String, Integer> codes, List<String> levels) {
    if (categorical) {
      int c = SparkData.code(codes, cell);
      return c < 0 ? null : levels.get(c);
    }
    double v = Cells.number(cell);
    return Double.isNaN(v) ? null : Double.toString(v);
  }

  static LogisticFit fit(SparkData d, Dataset<Row> design, List<String> names, int n, int events) {
    return fit(d, design, names, n, events, LogisticRegression.withDefaults());
  }

  /**
   * The fit by {@code regression} (maximum likelihood or Firth, Wald or profile limits) of the design (y, x_0 ..
   * x_{p-1}) kept on the cluster: aliasing decided on the stacked triangles, then the local engine's fit on
   * {@link Passes}.
   */
  static LogisticFit fit(SparkData d, Dataset<Row> design, List<String> names, int n, int events,
      LogisticRegression regression) {
    int p = names.size();
    // rank: per partition a p x p triangle of its rows; aliasing decided on the triangles stacked in partition order
    List<double[][]> triangles = d.job(() -> SparkData.partials(design, it -> {
      Householder h = new Householder(p);
      while (it.hasNext()) {
        Row r = it.next();
        double[] x = new double[p];
        for (int j = 0; j < p; j++) {
          x[j] = r.getDouble(1 + j);
        }
        h.add(x);
      }
      return h.triangle();
    }));
    List<double[]> stacked = new ArrayList<>();
    triangles.forEach(tr -> stacked.addAll(Arrays.asList(tr)));
    RankRevealingQr qr = RankRevealingQr.aliasing(stacked.toArray(new double[0][]), RankRevealingQr.GLM_TOLERANCE);
    int[] kept = qr.rank() == p ? java.util.stream.IntStream.range(0, p).toArray() : qr.kept();
    List<String> keptNames = new ArrayList<>();
    for (int j : kept) {
      keptNames.add(names.get(j));
    }
    LogisticFit reduced = regression.fit(new Passes(d, design, kept, n, events), keptNames);
    return qr.rank() == p ? reduced : reduced.withAliased(names, qr);
  }

  /**
   * The passes of the local engine's fit ({@link LogisticRegression#fit(LogisticPasses, List)}), each one job over
   * the design's partitions whose partial sums are added on the driver in partition order: the IRLS pass gives the
   * deviance, X'WX and X'Wz at once; the likelihood pass the log-likelihood, score, information and the range of
   * the linear predictor, which the separation check reads; Firth's score pass the modified score with the inverse
   * information sent to the partitions.
   */
  static final class Passes implements LogisticPasses {
    private final SparkData d;
    private final Dataset<Row> design;
    private final int[] kept;
    private final int n;
    private final int events;
    private Pass at;
    /** The range of the linear predictor at the points evaluated last (beta to min, max). */
    private final Map<List<Double>, double[]> ranges = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<List<Double>, double[]> eldest) {
        return size() > 8;
      }
    };

    Passes(SparkData d, Dataset<Row> design, int[] kept, int n, int events) {
      this.d = d;
      this.design = design;
      this.kept = kept;
      this.n = n;
      this.events = events;
    }

    @Override
    public int columns() {
      return kept.length;
    }

    @Override
    public int rows() {
      return n;
    }

    @Override
    public int events() {
      return events;
    }

    @Override
    public double deviance(double[] beta) {
      at = pass(d, design, kept, beta);
      return at.deviance.value();
    }

    @Override
    public double[][] weightedCrossProducts() {
      int q = kept.length;
      double[][] out = new double[q + 1][q];
      for (int j = 0; j < q; j++) {
        out[q][j] = at.xtwz[j].value();
        for (int k = 0; k <= j; k++) {
          out[j][k] = at.xtwx[j][k].value();
        }
      }
      return out;
    }

    @Override
    public Likelihood likelihood(double[] beta) {
      Point point = evaluate(d, design, kept, beta);
      ranges.put(key(beta), new double[] {point.etaMin, point.etaMax});
      int q = kept.length;
      double[] score = new double[q];
      double[][] info = new double[q][q];
      for (int a = 0; a < q; a++) {
        score[a] = point.gradient[a].value();
        for (int b = 0; b <= a; b++) {
          info[a][b] = point.information[a][b].value();
          info[b][a] = info[a][b];
        }
      }
      return new Likelihood(point.logLik.value(), score, info);
    }

    @Override
    public boolean separated(boolean converged, double[] beta) {
      double[] range = ranges.get(key(beta));
      if (range == null) {
        Point point = evaluate(d, design, kept, beta);
        range = new double[] {point.etaMin, point.etaMax};
      }
      return SparkLogistic.separated(d, design, kept, converged, beta, range[0], range[1]);
    }

    @Override
    public double[] firthScore(double[] beta, double[][] inverse) {
      return SparkLogistic.firthScore(d, design, kept, beta, inverse);
    }

    private static List<Double> key(double[] beta) {
      return Arrays.stream(beta).boxed().toList();
    }
  }

  /** What one pass returns from a partition at one coefficient vector. */
  static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;
    Sum[][] xtwx;
    Sum[] xtwz;
    Sum deviance = new Sum();
  }

  /**
   * One pass at {@code beta} (null: glm's starting values from y): the deviance there, and X'WX, X'Wz with glm's
   * IRLS weights and working response.
   */
  static Pass pass(SparkData d, Dataset<Row> design, int[] kept, double[] beta) {
    int q = kept.length;
    List<Pass> parts = d.job(() -> SparkData.partials(design, it -> {
      Pass s = new Pass();
      s.xtwx = SparkDescribe.sums(q, q);
      s.xtwz = SparkDescribe.sums(1, q)[0];
      double[] x = new double[q];
      while (it.hasNext()) {
        Row r = it.next();
        double y = r.getDouble(0);
        for (int j = 0; j < q; j++) {
          x[j] = r.getDouble(1 + kept[j]);
        }
        double eta;
        if (beta == null) {
          double start = (y + 0.5) / 2;
          eta = Math.log(start / (1 - start));
        } else {
          eta = 0;
          for (int j = 0; j < q; j++) {
            eta += x[j] * beta[j];
          }
        }
        double mu = LogisticRegression.rLinkInverse(eta);
        s.deviance.add(LogisticRegression.binomialDeviance(y, mu));
        double dmu = LogisticRegression.rMuEta(eta);
        double w = dmu * dmu / (mu * (1 - mu));
        double z = eta + (y - mu) / dmu;
        for (int j = 0; j < q; j++) {
          double xw = x[j] * w;
          s.xtwz[j].add(xw * z);
          for (int k = 0; k <= j; k++) {
            s.xtwx[j][k].add(xw * x[k]);
          }
        }
      }
      return s;
    }));
    Pass total = new Pass();
    total.xtwx = SparkDescribe.sums(q, q);
    total.xtwz = SparkDescribe.sums(1, q)[0];
    for (Pass s : parts) {
      total.deviance.add(s.deviance);
      for (int j = 0; j < q; j++) {
        total.xtwz[j].add(s.xtwz[j]);
        for (int k = 0; k <= j; k++) {
          total.xtwx[j][k].add(s.xtwx[j][k]);
        }
      }
    }
    return total;
  }

  /**
   * Whether the ML estimate does not exist: a converged fit with every fitted probability inside
   * (1e-8, 1 - 1e-8) certifies it exists (the range of the linear predictor decides, the link being
   * monotone); otherwise Konis' linear program over the distinct design rows (as the local engine), or,
   * beyond 2,000 of them, the IRLS verdict.
   */
  static boolean separated(SparkData d, Dataset<Row> design, int[] kept, boolean converged, double[] beta,
      double etaMin, double etaMax) {
    boolean finite = Arrays.stream(beta).allMatch(Double::isFinite);
    if (converged && finite) {
      double lo = 1 / (1 + Math.exp(-etaMin));
      double hi = 1 / (1 + Math.exp(-etaMax));
      if (lo > BOUNDARY && lo < 1 - BOUNDARY && hi > BOUNDARY && hi < 1 - BOUNDARY) {
        return false;
      }
    }
    int q = kept.length;
    // column scales (maximum absolute value), then the distinct constraint rows s_i x_i / scale with counts
    List<double[]> scales = d.job(() -> SparkData.partials(design, it -> {
      double[] m = new double[q];
      while (it.hasNext()) {
        Row r = it.next();
        for (int j = 0; j < q; j++) {
          m[j] = Math.max(m[j], Math.abs(r.getDouble(1 + kept[j])));
        }
      }
      return m;
    }));
    double[] scale = new double[q];
    scales.forEach(m -> {
      for (int j = 0; j < q; j++) {
        scale[j] = Math.max(scale[j], m[j]);
      }
    });
    List<LinkedHashMap<List<Double>, Integer>> parts = d.job(() -> SparkData.partials(design, it -> {
      LinkedHashMap<List<Double>, Integer> rows = new LinkedHashMap<>();
      while (it.hasNext() && rows.size() <= LP_ROW_LIMIT) {
        Row r = it.next();
        double s = r.getDouble(0) == 1 ? 1 : -1;
        Double[] a = new Double[q];
        for (int j = 0; j < q; j++) {
          a[j] = scale[j] == 0 ? 0.0 : s * r.getDouble(1 + kept[j]) / scale[j] + 0.0;
        }
        rows.merge(Arrays.asList(a), 1, Integer::sum);
      }
      return rows;
    }));
    LinkedHashMap<List<Double>, Integer> rows = new LinkedHashMap<>();
    for (LinkedHashMap<List<Double>, Integer> m : parts) {
      m.forEach((k, v) -> rows.merge(k, v, Integer::sum));
      if (rows.size() > LP_ROW_LIMIT) {
        return !converged;
      }
    }
    Boolean lp = linearProgram(rows, q);
    return lp == null ? !converged : lp;
  }

  /** The log-likelihood, score, information and predictor range at one coefficient vector (Newton.evaluate). */
  static final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    double[] beta;
    Sum logLik = new Sum();
    Sum[] gradient;
    Sum[][] information;
    double etaMin = Double.POSITIVE_INFINITY;
    double etaMax = Double.NEGATIVE_INFINITY;
  }

  static Point evaluate(SparkData d, Dataset<Row> design, int[] kept, double[] beta) {
    int q = kept.length;
    List<Point> parts = d.job(() -> SparkData.partials(design, it -> {
      Point s = new Point();
      s.gradient = SparkDescribe.sums(1, q)[0];
      s.information = SparkDescribe.sums(q, q);
      double[] x = new double[q];
      while (it.hasNext()) {
        Row r = it.next();
        double y = r.getDouble(0);
        double eta = 0;
        for (int j = 0; j < q; j++) {
          x[j] = r.getDouble(1 + kept[j]);
          eta += x[j] * beta[j];
        }
        s.logLik.add(y * eta - LogisticRegression.log1pExp(eta));
        double mu = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
        double w = mu * (1 - mu);
        s.etaMin = Math.min(s.etaMin, eta);
        s.etaMax = Math.max(s.etaMax, eta);
        for (int j = 0; j < q; j++) {
          s.gradient[j].add(x[j] * (y - mu));
          double xw = x[j] * w;
          for (int k = 0; k <= j; k++) {
            s.information[j][k].add(xw * x[k]);
          }
        }
      }
      return s;
    }));
    Point total = new Point();
    total.beta = beta.clone();
    total.gradient = SparkDescribe.sums(1, q)[0];
    total.information = SparkDescribe.sums(q, q);
    for (Point s : parts) {
      total.logLik.add(s.logLik);
      total.etaMin = Math.min(total.etaMin, s.etaMin);
      total.etaMax = Math.max(total.etaMax, s.etaMax);
      for (int j = 0; j < q; j++) {
        total.gradient[j].add(s.gradient[j]);
        for (int k = 0; k <= j; k++) {
          total.information[j][k].add(s.information[j][k]);
        }
      }
    }
    return total;
  }

  /**
   * Firth's modified score at {@code beta}: one pass with the inverse information sent to the partitions, each row's
   * term the local engine's ({@link LogisticPasses#firthResidual}), the partitions' compensated sums added in
   * partition order.
   */
  static double[] firthScore(SparkData d, Dataset<Row> design, int[] kept, double[] beta, double[][] inverse) {
    int q = kept.length;
    List<Sum[]> parts = d.job(() -> SparkData.partials(design, it -> {
      Sum[] g = SparkDescribe.sums(1, q)[0];
      double[] x = new double[q];
      while (it.hasNext()) {
        Row r = it.next();
        for (int j = 0; j < q; j++) {
          x[j] = r.getDouble(1 + kept[j]);
        }
        double residual = LogisticPasses.firthResidual(x, r.getDouble(0), beta, inverse, q);
        for (int j = 0; j < q; j++) {
          g[j].add(x[j] * residual);
        }
      }
      return g;
    }));
    Sum[] total = SparkDescribe.sums(1, q)[0];
    for (Sum[] g : parts) {
      for (int j = 0; j < q; j++) {
        total[j].add(g[j]);
      }
    }
    double[] out = new double[q];
    for (int j = 0; j < q; j++) {
      out[j] = total[j].value();
    }
    return out;
  }

  /** Konis' program over the distinct rows: the local engine's own (null when the simplex fails numerically). */
  private static Boolean linearProgram(Map<List<Double>, Integer> rows, int p) {
    return studybook.stats.regression.Separation.program(rows, p);
  }

  /** Householder reduction of a stream of rows to a p x p upper triangle R with R'R = X'X. */
  static final class Householder {
    private static final int BLOCK = 512;
    private final int p;
    private double[][] r;
    private final List<double[]> pending = new ArrayList<>();

    Householder(int p) {
      this.p = p;
    }

    void add(double[] row) {
      pending.add(row.clone());
      if (pending.size() == BLOCK) {
        flush();
      }
    }

    double[][] triangle() {
      flush();
      return r == null ? new double[0][] : r;
    }

    private void flush() {
      if (pending.isEmpty()) {
        return;
      }
      List<double[]> a = new ArrayList<>();
      if (r != null) {
        a.addAll(Arrays.asList(r));
      }
      a.addAll(pending);
      pending.clear();
      double[][] m = a.toArray(new double[0][]);
      int n = m.length;
      for (int l = 0; l < Math.min(n, p); l++) {
        double norm = 0;
        for (int i = l; i < n; i++) {
          norm = Math.hypot(norm, m[i][l]);
        }
        if (norm == 0) {
          continue;
        }
        double alpha = m[l][l] > 0 ? -norm : norm;
        m[l][l] -= alpha;
        double vv = 0;
        for (int i = l; i < n; i++) {
          vv += m[i][l] * m[i][l];
        }
        for (int j = l + 1; j < p; j++) {
          double dot = 0;
          for (int i = l; i < n; i++) {
            dot += m[i][l] * m[i][j];
          }
          double f = 2 * dot / vv;
          for (int i = l; i < n; i++) {
            m[i][j] -= f * m[i][l];
          }
        }
        m[l][l] = alpha;
        for (int i = l + 1; i < n; i++) {
          m[i][l] = 0;
        }
      }
      int rows = Math.min(n, p);
      r = new double[rows][];
      for (int i = 0; i < rows; i++) {
        r[i] = Arrays.copyOf(m[i], p);
      }
    }
  }
}
