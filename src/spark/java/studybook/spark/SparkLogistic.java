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
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.statistics.distribution.NormalDistribution;
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
import studybook.stats.regression.Coefficient;
import studybook.stats.regression.LogisticFit;
import studybook.stats.regression.LogisticRegression;
import studybook.stats.regression.RankRevealingQr;

/**
 * Maximum-likelihood logistic regression on Spark, as glm with its default control and as the local
 * engine fits it. The design is built on the cluster (complete cases, one column per non-reference level);
 * the rank check reduces each partition's rows to a p x p Householder triangle and decides aliasing with
 * the local engine's R-style pivoted QR on the stacked triangles; each IRLS iteration is one pass that
 * returns, per partition, X'WX, X'Wz, the deviance, the log-likelihood and the range of the linear
 * predictor, added on the driver in partition order with compensated sums; the solve, the deviance
 * criterion, the covariance, the separation check (the fitted-probability certificate, else Konis' linear
 * program over the distinct design rows) and the Wald table are finished here.
 */
final class SparkLogistic {
  private SparkLogistic() {}

  private static final double EPS = Math.ulp(1.0);
  private static final double R_THRESHOLD = 30;
  private static final double GLM_EPSILON = 1e-8;
  private static final int GLM_MAXIT = 25;
  private static final double BOUNDARY = 1e-8;
  private static final int LP_ROW_LIMIT = 2000;
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

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
    d.index(outcome);
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      d.index(term);
      if (term.equals(outcome) || !seen.add(term)) {
        throw new DataException(new DataProblem(d.file, 1, term, null,
            term.equals(outcome) ? "is the outcome and cannot also be a term" : "is given twice as a term", null));
      }
    }
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
    boolean[] isCat = new boolean[t];
    int[] idx = new int[t];
    List<Map<String, Integer>> termCodes = new ArrayList<>();
    int[] levelCount = new int[t];
    for (int k = 0; k < t; k++) {
      SparkData.Column c = typed.get(terms.get(k));
      isCat[k] = c.categorical();
      idx[k] = c.index();
      termCodes.add(c.categorical() ? SparkData.codes(c) : Map.of());
      levelCount[k] = c.categorical() ? c.levels().size() : 0;
    }
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
    List<String> aliased = qr.rank() == p ? List.of() : qr.aliasedNames(names);
    LogisticFit reduced = fullRank(d, design, kept, keptNames, n, events, aliased);
    return qr.rank() == p ? reduced : reduced.withAliased(names, qr);
  }

  /** What one pass returns from a partition at one coefficient vector. */
  static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;
    Sum[][] xtwx;
    Sum[] xtwz;
    Sum deviance = new Sum();
    Sum logLik = new Sum();
    double etaMin = Double.POSITIVE_INFINITY;
    double etaMax = Double.NEGATIVE_INFINITY;
  }

  /**
   * One pass at {@code beta} (null: glm's starting values from y): the deviance and log-likelihood there,
   * the range of the linear predictor, and X'WX, X'Wz with glm's IRLS weights and working response.
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
          s.logLik.add(y * eta - log1pExp(eta));
        }
        double mu = rLinkInverse(eta);
        s.deviance.add(y == 1 ? -2 * Math.log(mu) : -2 * Math.log1p(-mu));
        s.etaMin = Math.min(s.etaMin, eta);
        s.etaMax = Math.max(s.etaMax, eta);
        double dmu = rMuEta(eta);
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
      total.logLik.add(s.logLik);
      total.etaMin = Math.min(total.etaMin, s.etaMin);
      total.etaMax = Math.max(total.etaMax, s.etaMax);
      for (int j = 0; j < q; j++) {
        total.xtwz[j].add(s.xtwz[j]);
        for (int k = 0; k <= j; k++) {
          total.xtwx[j][k].add(s.xtwx[j][k]);
        }
      }
    }
    return total;
  }

  private static LogisticFit fullRank(SparkData d, Dataset<Row> design, int[] kept, List<String> names, int n,
      int events, List<String> aliased) {
    int q = kept.length;
    Pass at = pass(d, design, kept, null);
    boolean atStart = true;
    double devOld = at.deviance.value();
    double[] beta = new double[q];
    double[][] covariance = new double[q][q];
    boolean converged = false;
    int iterations = GLM_MAXIT;
    for (int iteration = 1; iteration <= GLM_MAXIT; iteration++) {
      double[][] xtwx = new double[q][q];
      double[] xtwz = new double[q];
      for (int j = 0; j < q; j++) {
        xtwz[j] = at.xtwz[j].value();
        for (int k = 0; k <= j; k++) {
          xtwx[j][k] = at.xtwx[j][k].value();
          xtwx[k][j] = xtwx[j][k];
        }
      }
      DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(xtwx, false), 1e-300).getSolver();
      if (!solver.isNonSingular()) {
        covariance = new double[q][q];
        iterations = iteration;
        break;
      }
      beta = solver.solve(new ArrayRealVector(xtwz, false)).toArray();
      covariance = solver.getInverse().getData();
      at = pass(d, design, kept, beta);
      atStart = false;
      double dev = at.deviance.value();
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < GLM_EPSILON) {
        converged = true;
        iterations = iteration;
        break;
      }
      devOld = dev;
    }
    // the log-likelihood and the predictor's range at the estimate (a singular first solve leaves beta at 0)
    Pass last = atStart ? pass(d, design, kept, beta) : at;
    // as the local engine: the ML optimum polished by Newton steps from the IRLS estimate decides separation
    Point ml = maximise(d, design, kept, beta);
    boolean separation = separated(d, design, kept, ml.converged, ml.beta, ml);
    double logLik = last.logLik.value();
    double z975 = NORMAL.inverseCumulativeProbability(0.975);
    List<Coefficient> coefficients = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      double se = Math.sqrt(covariance[j][j]);
      double z = beta[j] / se;
      double pValue = 2 * NORMAL.survivalProbability(Math.abs(z));
      coefficients.add(new Coefficient(names.get(j), beta[j], se, z, pValue, Math.exp(beta[j]),
          Math.exp(beta[j] - z975 * se), Math.exp(beta[j] + z975 * se)));
    }
    return new LogisticFit(n, events, LogisticRegression.Method.ML, converged, iterations, logLik, -2 * logLik,
        -2 * logLik + 2 * q, separation, LogisticRegression.Limits.WALD, coefficients, covariance, aliased);
  }

  /**
   * Whether the ML estimate does not exist: a converged fit with every fitted probability inside
   * (1e-8, 1 - 1e-8) certifies it exists (the range of the linear predictor decides, the link being
   * monotone); otherwise Konis' linear program over the distinct design rows (as the local engine), or,
   * beyond 2,000 of them, the IRLS verdict.
   */
  static boolean separated(SparkData d, Dataset<Row> design, int[] kept, boolean converged, double[] beta, Point at) {
    boolean finite = Arrays.stream(beta).allMatch(Double::isFinite);
    if (converged && finite) {
      double lo = 1 / (1 + Math.exp(-at.etaMin));
      double hi = 1 / (1 + Math.exp(-at.etaMax));
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
    boolean converged;

    double objective() {
      return logLik.value();
    }
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
        s.logLik.add(y * eta - log1pExp(eta));
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

  /** Newton.maximise without Firth's penalty and with every coefficient free: step-halving Newton steps. */
  static Point maximise(SparkData d, Dataset<Row> design, int[] kept, double[] start) {
    int q = kept.length;
    Point current = evaluate(d, design, kept, start);
    for (int iteration = 1; iteration <= 200; iteration++) {
      double[][] info = new double[q][q];
      double[] rhs = new double[q];
      for (int a = 0; a < q; a++) {
        rhs[a] = current.gradient[a].value();
        for (int b = 0; b <= a; b++) {
          info[a][b] = current.information[a][b].value();
          info[b][a] = info[a][b];
        }
      }
      DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(info, false), 1e-300).getSolver();
      double[] step = solver.isNonSingular() ? solver.solve(new ArrayRealVector(rhs, false)).toArray() : new double[q];
      Point next = null;
      double factor = 1;
      for (int halving = 0; halving < 60; halving++) {
        double[] beta = current.beta.clone();
        for (int k = 0; k < q; k++) {
          beta[k] += factor * step[k];
        }
        Point candidate = evaluate(d, design, kept, beta);
        if (Double.isFinite(candidate.objective())
            && candidate.objective() >= current.objective() - 1e-12 * (1 + Math.abs(current.objective()))) {
          next = candidate;
          break;
        }
        factor /= 2;
      }
      if (next == null) {
        current.converged = smallScore(current);
        return current;
      }
      double change = 0;
      for (int k = 0; k < q; k++) {
        change = Math.max(change, Math.abs(next.beta[k] - current.beta[k]) / (1 + Math.abs(next.beta[k])));
      }
      current = next;
      if (change < 1e-10 && smallScore(current)) {
        current.converged = true;
        return current;
      }
    }
    current.converged = false;
    return current;
  }

  private static boolean smallScore(Point point) {
    for (Sum g : point.gradient) {
      if (!(Math.abs(g.value()) < 1e-8 * (1 + Math.abs(point.objective())))) {
        return false;
      }
    }
    return true;
  }

  /** Konis' program over the distinct rows: the local engine's own (null when the simplex fails numerically). */
  private static Boolean linearProgram(Map<List<Double>, Integer> rows, int p) {
    return studybook.stats.regression.Separation.program(rows, p);
  }

  static double rLinkInverse(double eta) {
    double t = eta < -R_THRESHOLD ? EPS : eta > R_THRESHOLD ? 1 / EPS : Math.exp(eta);
    return t / (1 + t);
  }

  static double rMuEta(double eta) {
    if (Math.abs(eta) > R_THRESHOLD) {
      return EPS;
    }
    double opexp = 1 + Math.exp(eta);
    return Math.exp(eta) / (opexp * opexp);
  }

  static double log1pExp(double eta) {
    return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
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
