package studybook.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RRQRDecomposition;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import studybook.StudybookException;
import studybook.cli.SparkBridge;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.stats.AccurateSum;
import studybook.stats.regression.CoxConcordance;
import studybook.stats.regression.CoxFit;
import studybook.stats.regression.CoxGroups;
import studybook.stats.regression.CoxPasses;
import studybook.stats.regression.CoxRegression;
import studybook.stats.regression.CoxTimeSums;
import studybook.stats.survival.EventCoding;

/**
 * Cox regression on Spark, as the local engine fits it ({@code coxph} with Efron or Breslow ties, strata allowed).
 * A census pass counts the complete cases per stratum and distinct time (the groups: coxph's timefix is applied to
 * the distinct times on the driver) and checks the terms as the local design does; a Householder pass decides
 * collinearity on the centred, scaled rows. The fit is the local engine's
 * ({@link CoxRegression#fit(CoxPasses, List, Map)}), fed by {@link Passes}: each Newton iteration is one pass
 * whose partitions return, per stratum and time, the compensated sums of exp(eta), exp(eta) x and
 * exp(eta) x x' over the censored rows and over the events, and the events' w eta and x
 * ({@link CoxTimeSums}), added on the driver in partition order; cox.zph is one more such pass at the estimate.
 * The concordance counts the rows by group, status and distinct linear predictor; that table is at most the
 * rows, so it is refused above {@link #CONCORDANCE_CAP} entries (continuous terms with many distinct values and
 * many distinct times).
 */
final class SparkCox {
  private SparkCox() {}

  /** The most (time, status, linear predictor) combinations the concordance brings to the driver. */
  static final int CONCORDANCE_CAP = 2_000_000;

  /** One partition's census of the complete cases. */
  static final class Census implements Serializable {
    private static final long serialVersionUID = 1L;
    long excluded;
    long negative;
    String negativeValue;
    final Map<Integer, Map<Double, long[]>> times = new HashMap<>();
    long[][] levelRows;
    /** Per numeric term: the text and value of the first complete row, and whether another value differs. */
    String[] firstText;
    double[] first;
    boolean[] varies;
    double[] min;
    double[] max;
    Sum[] sums;
  }

  static SparkBridge.Cox run(SparkData d, String time, String event, String eventValue, List<String> terms,
      String strata, CoxRegression.Ties ties, Set<String> categorical, Map<String, List<String>> levels) {
    // the local design's checks, in its order: time, status, strata, then the terms
    d.index(time);
    d.index(event);
    if (strata != null) {
      d.index(strata);
    }
    Set<String> outcome = new LinkedHashSet<>(List.of(time, event));
    if (strata != null) {
      outcome.add(strata);
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String term : terms) {
      d.index(term);
      if (outcome.contains(term)) {
        throw new DataException(new DataProblem(d.file, 1, term, null,
            "is the time, status or strata column and cannot also be a term", null));
      }
      if (!seen.add(term)) {
        throw new DataException(new DataProblem(d.file, 1, term, null, "is given twice as a term", null));
      }
    }
    if (terms.isEmpty()) {
      throw new DataException(new DataProblem(d.file, 1, null, null, "a Cox model needs at least one term", null));
    }
    Set<String> cat = new LinkedHashSet<>(categorical);
    cat.add(event);
    if (strata != null) {
      cat.add(strata);
    }
    cat.remove(time);
    List<String> names = new ArrayList<>(outcome);
    names.addAll(terms);
    Map<String, SparkData.Column> typed = d.type(names, cat, levels);
    SparkData.Column tc = SparkSurvival.time(d, typed, time);
    SparkSurvival.Status st = SparkSurvival.status(d, typed, event, eventValue);
    SparkData.Column status = st.column();
    EventCoding coding = st.coding();
    boolean[] isEvent = st.isEvent();
    Map<String, Integer> statusCodes = st.codes();
    SparkData.Column sc = strata == null ? null : typed.get(strata);
    Map<String, Integer> strataCodes = sc == null ? Map.of() : SparkData.codes(sc);
    int strataCount = sc == null ? 1 : sc.levels().size();
    int t = terms.size();
    ModelTerms.Layout layout = ModelTerms.Layout.of(typed, terms);
    boolean[] isCat = layout.categorical();
    int[] idx = layout.index();
    List<Map<String, Integer>> termCodes = layout.codes();
    int[] levelCount = layout.levels();
    int ti = tc.index();
    int si = status.index();
    int gi = sc == null ? -1 : sc.index();
    RowReader reader = new RowReader(ti, si, gi, statusCodes, strataCodes, isCat, idx, termCodes, levelCount);
    List<Census> parts = d.job(() -> SparkData.partials(d.rows, it -> {
      Census c = new Census();
      c.levelRows = new long[t][];
      c.firstText = new String[t];
      c.first = new double[t];
      c.varies = new boolean[t];
      c.min = new double[t];
      c.max = new double[t];
      c.sums = new Sum[t];
      for (int k = 0; k < t; k++) {
        c.levelRows[k] = new long[levelCount[k]];
        c.min[k] = Double.POSITIVE_INFINITY;
        c.max[k] = Double.NEGATIVE_INFINITY;
        c.sums[k] = new Sum();
      }
      int[] codes = new int[t];
      double[] values = new double[t];
      while (it.hasNext()) {
        Row r = it.next();
        double tv = Cells.number(r.get(ti));
        if (tv < 0) {
          c.negative++;
          if (c.negativeValue == null) {
            c.negativeValue = Cells.text(r.get(ti));
          }
          continue;
        }
        int s = reader.read(r, codes, values);
        if (s < 0) {
          c.excluded++;
          continue;
        }
        long[] tally = c.times.computeIfAbsent(s, k -> new HashMap<>()).computeIfAbsent(tv + 0.0, k -> new long[2]);
        tally[0]++;
        tally[1] += isEvent[SparkData.code(statusCodes, r.get(si))] ? 1 : 0;
        for (int k = 0; k < t; k++) {
          if (isCat[k]) {
            c.levelRows[k][codes[k]]++;
          } else {
            double v = values[k];
            if (c.firstText[k] == null) {
              c.firstText[k] = Cells.text(r.get(idx[k]));
              c.first[k] = v;
            } else {
              c.varies[k] |= v != c.first[k];
            }
            c.min[k] = Math.min(c.min[k], v);
            c.max[k] = Math.max(c.max[k], v);
            c.sums[k].add(v);
          }
        }
      }
      return c;
    }));
    long excluded = 0;
    long negative = 0;
    String negativeValue = null;
    List<TreeMap<Double, long[]>> byStratum = new ArrayList<>();
    for (int s = 0; s < strataCount; s++) {
      byStratum.add(new TreeMap<>());
    }
    long[][] levelRows = new long[t][];
    String[] firstText = new String[t];
    double[] first = new double[t];
    boolean[] varies = new boolean[t];
    double[] min = new double[t];
    double[] max = new double[t];
    Sum[] sums = new Sum[t];
    for (int k = 0; k < t; k++) {
      levelRows[k] = new long[levelCount[k]];
      min[k] = Double.POSITIVE_INFINITY;
      max[k] = Double.NEGATIVE_INFINITY;
      sums[k] = new Sum();
    }
    for (Census c : parts) {
      excluded += c.excluded;
      negative += c.negative;
      negativeValue = negativeValue == null ? c.negativeValue : negativeValue;
      c.times.forEach((s, m) -> m.forEach((tv, n) -> {
        long[] a = byStratum.get(s).computeIfAbsent(tv, k -> new long[2]);
        a[0] += n[0];
        a[1] += n[1];
      }));
      for (int k = 0; k < t; k++) {
        for (int l = 0; l < levelCount[k]; l++) {
          levelRows[k][l] += c.levelRows[k][l];
        }
        if (!isCat[k] && c.firstText[k] != null) {
          if (firstText[k] == null) {
            firstText[k] = c.firstText[k];
            first[k] = c.first[k];
          } else {
            varies[k] |= c.first[k] != first[k];
          }
          varies[k] |= c.varies[k];
          min[k] = Math.min(min[k], c.min[k]);
          max[k] = Math.max(max[k], c.max[k]);
          sums[k].add(c.sums[k]);
        }
      }
    }
    if (negative > 0) {
      throw new DataException(new DataProblem(d.file, 0, time, negativeValue, "negative survival time ("
          + negative + " rows)", "a follow-up time counts from the start of observation; fix or remove the rows"));
    }
    CoxGroups groups = CoxGroups.of(byStratum);
    long n = groups.n();
    if (n == 0) {
      throw new DataException(new DataProblem(d.file, 1, time, null,
          "no row has the time, status and every term " + terms + " present", "check the missing values of these columns"));
    }
    List<String> columns = new ArrayList<>();
    Map<String, int[]> termColumns = new LinkedHashMap<>();
    for (int k = 0; k < t; k++) {
      String term = terms.get(k);
      if (isCat[k]) {
        List<String> lv = typed.get(term).levels();
        for (int l = 0; l < lv.size(); l++) {
          if (levelRows[k][l] == 0) {
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
        int[] cols = new int[lv.size() - 1];
        for (int l = 1; l < lv.size(); l++) {
          cols[l - 1] = columns.size();
          columns.add(term + "=" + lv.get(l));
        }
        termColumns.put(term, cols);
      } else {
        termColumns.put(term, new int[] {columns.size()});
        columns.add(term);
      }
    }
    for (int k = 0; k < t; k++) {
      if (!isCat[k] && !varies[k]) {
        throw new DataException(new DataProblem(d.file, 1, terms.get(k), firstText[k],
            "the term is constant among the complete cases, so its effect cannot be estimated",
            "leave the term out of the model"));
      }
    }
    int p = columns.size();
    // the design on the cluster: (group, event, x_0 .. x_{p-1}) for the complete cases, kept for the passes
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("g", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("e", DataTypes.BooleanType, false));
    for (int j = 0; j < p; j++) {
      fields.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
    }
    Dataset<Row> design = d.rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      List<Row> rows = new ArrayList<>();
      int[] codes = new int[t];
      double[] values = new double[t];
      while (it.hasNext()) {
        Row r = it.next();
        double tv = Cells.number(r.get(ti));
        int s = tv < 0 ? -1 : reader.read(r, codes, values);
        if (s < 0) {
          continue;
        }
        Object[] v = new Object[2 + p];
        v[0] = groups.group(s, tv);
        v[1] = isEvent[SparkData.code(statusCodes, r.get(si))];
        int j = 2;
        for (int k = 0; k < t; k++) {
          if (isCat[k]) {
            for (int l = 1; l < levelCount[k]; l++) {
              v[j++] = codes[k] == l ? 1.0 : 0.0;
            }
          } else {
            v[j++] = values[k];
          }
        }
        rows.add(RowFactory.create(v));
      }
      return rows.iterator();
    }, Encoders.row(DataTypes.createStructType(fields))).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      requireFullRank(d, design, columns, termColumns, n, t, isCat, sums, min, max, levelRows);
      Passes passes = new Passes(d, design, groups, p);
      CoxFit fit = CoxRegression.withDefaults().with(ties).fit(passes, columns, termColumns);
      return new SparkBridge.Cox(fit, coding, Math.toIntExact(excluded));
    } finally {
      design.unpersist();
    }
  }

  /** Reads a row's stratum and terms: the stratum code, or -1 when the row is not a complete case. */
  static final class RowReader implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int ti;
    private final int si;
    private final int gi;
    private final Map<String, Integer> statusCodes;
    private final Map<String, Integer> strataCodes;
    private final boolean[] isCat;
    private final int[] idx;
    private final List<Map<String, Integer>> termCodes;

    RowReader(int ti, int si, int gi, Map<String, Integer> statusCodes, Map<String, Integer> strataCodes,
        boolean[] isCat, int[] idx, List<Map<String, Integer>> termCodes, int[] levelCount) {
      this.ti = ti;
      this.si = si;
      this.gi = gi;
      this.statusCodes = new HashMap<>(statusCodes);
      this.strataCodes = new HashMap<>(strataCodes);
      this.isCat = isCat.clone();
      this.idx = idx.clone();
      this.termCodes = new ArrayList<>();
      termCodes.forEach(m -> this.termCodes.add(new HashMap<>(m)));
    }

    int read(Row r, int[] codes, double[] values) {
      if (Double.isNaN(Cells.number(r.get(ti))) || SparkData.code(statusCodes, r.get(si)) < 0) {
        return -1;
      }
      int s = gi < 0 ? 0 : SparkData.code(strataCodes, r.get(gi));
      if (s < 0) {
        return -1;
      }
      for (int k = 0; k < isCat.length; k++) {
        if (isCat[k]) {
          codes[k] = SparkData.code(termCodes.get(k), r.get(idx[k]));
          if (codes[k] < 0) {
            return -1;
          }
        } else {
          values[k] = Cells.number(r.get(idx[k]));
          if (Double.isNaN(values[k])) {
            return -1;
          }
        }
      }
      return s;
    }
  }

  /**
   * The local design's collinearity check (ModelFrame.requireFullRank): the columns centred by their means and
   * scaled by their largest absolute deviation, reduced per partition to a Householder triangle, the triangles
   * stacked in partition order and their rank found by the same rank-revealing QR and tolerance.
   */
  private static void requireFullRank(SparkData d, Dataset<Row> design, List<String> columns,
      Map<String, int[]> termColumns, long n, int t, boolean[] isCat, Sum[] sums, double[] min, double[] max,
      long[][] levelRows) {
    int p = columns.size();
    double[] mean = new double[p];
    double[] scale = new double[p];
    int j = 0;
    for (int k = 0; k < t; k++) {
      if (isCat[k]) {
        for (int l = 1; l < levelRows[k].length; l++) {
          double m = levelRows[k][l] / (double) n;
          mean[j] = m;
          scale[j++] = Math.max(1 - m, m);
        }
      } else {
        double m = sums[k].value() / n;
        mean[j] = m;
        scale[j++] = Math.max(max[k] - m, m - min[k]);
      }
    }
    List<double[][]> triangles = d.job(() -> SparkData.partials(design, it -> {
      SparkLogistic.Householder h = new SparkLogistic.Householder(p);
      while (it.hasNext()) {
        Row r = it.next();
        double[] x = new double[p];
        for (int c = 0; c < p; c++) {
          x[c] = (r.getDouble(2 + c) - mean[c]) / scale[c];
        }
        h.add(x);
      }
      return h.triangle();
    }));
    List<double[]> stacked = new ArrayList<>();
    triangles.forEach(tr -> stacked.addAll(Arrays.asList(tr)));
    double[][] r = stacked.toArray(new double[0][]);
    if (n <= p || r.length < p
        || new RRQRDecomposition(new Array2DRowRealMatrix(r, false), 1e-10).getRank(1e-10) < p) {
      String owner = null;
      for (Map.Entry<String, int[]> e : termColumns.entrySet()) {
        for (int c : e.getValue()) {
          if (c == p - 1) {
            owner = e.getKey();
          }
        }
      }
      throw new DataException(new DataProblem(d.file, 1, owner, null,
          "the terms " + columns + " are collinear among the " + n + " complete cases, so their effects cannot be separated",
          "leave out one of the terms"));
    }
  }

  /**
   * The passes of the local engine's Cox fit, each one job over the design's partitions whose partial sums are
   * added on the driver in partition order (compensated sums).
   */
  static final class Passes implements CoxPasses {
    private final SparkData d;
    private final Dataset<Row> design;
    private final CoxGroups groups;
    private final int p;
    private Moments moments;

    Passes(SparkData d, Dataset<Row> design, CoxGroups groups, int p) {
      this.d = d;
      this.design = design;
      this.groups = groups;
      this.p = p;
    }

    @Override
    public int columns() {
      return p;
    }

    @Override
    public CoxGroups groups() {
      return groups;
    }

    /** One partition's moments. */
    static final class Part implements Serializable {
      private static final long serialVersionUID = 1L;
      long rows;
      AccurateSum[] sums;
      boolean[] zeroOne;
    }

    @Override
    public Moments moments() {
      if (moments == null) {
        int q = p;
        List<Part> parts = d.job(() -> SparkData.partials(design, it -> {
          Part part = new Part();
          part.sums = new AccurateSum[q];
          part.zeroOne = new boolean[q];
          for (int j = 0; j < q; j++) {
            part.sums[j] = new AccurateSum();
            part.zeroOne[j] = true;
          }
          while (it.hasNext()) {
            Row r = it.next();
            part.rows++;
            for (int j = 0; j < q; j++) {
              double v = r.getDouble(2 + j);
              part.sums[j].add(v);
              part.zeroOne[j] &= v == 0 || v == 1 || v == -1;
            }
          }
          return part;
        }));
        long rows = 0;
        AccurateSum[] sums = new AccurateSum[p];
        boolean[] zeroOne = new boolean[p];
        for (int j = 0; j < p; j++) {
          sums[j] = new AccurateSum();
          zeroOne[j] = true;
        }
        for (Part part : parts) {
          rows += part.rows;
          for (int j = 0; j < p; j++) {
            sums[j].add(part.sums[j]);
            zeroOne[j] &= part.zeroOne[j];
          }
        }
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
          s[j] = sums[j].value();
        }
        moments = new Moments(rows, s, zeroOne);
      }
      return new Moments(moments.weight(), moments.sums().clone(), moments.zeroOne().clone());
    }

    @Override
    public double[] absoluteDeviations(double[] centre) {
      int q = p;
      double[] c = centre.clone();
      List<AccurateSum[]> parts = d.job(() -> SparkData.partials(design, it -> {
        AccurateSum[] s = new AccurateSum[q];
        for (int j = 0; j < q; j++) {
          s[j] = new AccurateSum();
        }
        while (it.hasNext()) {
          Row r = it.next();
          for (int j = 0; j < q; j++) {
            s[j].add(Math.abs(r.getDouble(2 + j) - c[j]));
          }
        }
        return s;
      }));
      AccurateSum[] total = new AccurateSum[p];
      for (int j = 0; j < p; j++) {
        total[j] = new AccurateSum();
      }
      for (AccurateSum[] s : parts) {
        for (int j = 0; j < p; j++) {
          total[j].add(s[j]);
        }
      }
      double[] out = new double[p];
      for (int j = 0; j < p; j++) {
        out[j] = total[j].value();
      }
      return out;
    }

    @Override
    public CoxTimeSums timeSums(CoxTimeSums.Pass pass) {
      int q = p;
      int size = groups.size();
      List<CoxTimeSums> parts = d.job(() -> SparkData.partials(design, it -> {
        CoxTimeSums s = new CoxTimeSums(size, q);
        double[] x = new double[q];
        double[] c = new double[q];
        while (it.hasNext()) {
          Row r = it.next();
          for (int j = 0; j < q; j++) {
            x[j] = r.getDouble(2 + j);
          }
          s.add(r.getInt(0), r.getBoolean(1), 1, x, pass, c);
        }
        return s;
      }));
      CoxTimeSums total = new CoxTimeSums(size, p);
      parts.forEach(total::add);
      return total;
    }

    /**
     * One partition's rows counted by group, status and linear predictor, as parallel arrays sorted by key (compact
     * to send); null when past the cap.
     */
    static final class Counts implements Serializable {
      private static final long serialVersionUID = 1L;
      int[] group;
      boolean[] event;
      double[] lp;
      long[] count;
      boolean full;
    }

    /** A group, a status and a linear predictor. */
    record Key(int group, boolean event, double lp) implements Comparable<Key> {
      @Override
      public int compareTo(Key o) {
        return group != o.group ? Integer.compare(group, o.group) : event != o.event ? Boolean.compare(event, o.event)
            : Double.compare(lp, o.lp);
      }
    }

    static Counts counts(Map<Key, long[]> m, boolean full) {
      Counts c = new Counts();
      c.full = full;
      if (full) {
        return c;
      }
      int size = m.size();
      c.group = new int[size];
      c.event = new boolean[size];
      c.lp = new double[size];
      c.count = new long[size];
      int i = 0;
      for (Map.Entry<Key, long[]> e : new TreeMap<>(m).entrySet()) {
        c.group[i] = e.getKey().group();
        c.event[i] = e.getKey().event();
        c.lp[i] = e.getKey().lp();
        c.count[i++] = e.getValue()[0];
      }
      return c;
    }

    @Override
    public CoxConcordance concordance(double[] beta, double[] means) {
      int q = p;
      double centre = CoxRegression.centre(beta, means);
      double[] b = beta.clone();
      List<Counts> parts = d.job(() -> SparkData.partials(design, it -> {
        HashMap<Key, long[]> m = new HashMap<>();
        double[] x = new double[q];
        boolean full = false;
        while (it.hasNext() && !full) {
          Row r = it.next();
          for (int j = 0; j < q; j++) {
            x[j] = r.getDouble(2 + j);
          }
          Key k = new Key(r.getInt(0), r.getBoolean(1), CoxRegression.linearPredictor(x, b, centre));
          m.computeIfAbsent(k, key -> new long[1])[0]++;
          full = m.size() > CONCORDANCE_CAP;
        }
        return counts(m, full);
      }));
      TreeMap<Key, long[]> all = new TreeMap<>();
      for (Counts c : parts) {
        if (c.full) {
          throw tooMany();
        }
        for (int i = 0; i < c.group.length; i++) {
          all.computeIfAbsent(new Key(c.group[i], c.event[i], c.lp[i]), key -> new long[1])[0] += c.count[i];
        }
        if (all.size() > CONCORDANCE_CAP) {
          throw tooMany();
        }
      }
      int m = all.size();
      int[] stratum = new int[m];
      double[] time = new double[m];
      boolean[] event = new boolean[m];
      double[] lp = new double[m];
      double[] count = new double[m];
      int i = 0;
      for (Map.Entry<Key, long[]> e : all.entrySet()) {
        Key k = e.getKey();
        stratum[i] = groups.stratum()[k.group()];
        time[i] = groups.time()[k.group()];
        event[i] = k.event();
        lp[i] = k.lp();
        count[i++] = e.getValue()[0];
      }
      return CoxConcordance.ofCounts(stratum, time, event, lp, count);
    }

    private StudybookException tooMany() {
      return new StudybookException("--engine spark: " + d.file + ": the concordance counts the rows by distinct time,"
          + " status and linear predictor, and this model has more than " + CONCORDANCE_CAP + " such combinations"
          + " (continuous terms with many distinct values); run cox with the local engine, or round the continuous"
          + " terms or the times");
    }
  }
}
