package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import studybook.StudybookException;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.impute.ChainedEquations;
import studybook.stats.impute.ChainedEquations.Method;

/**
 * Multiple imputation by chained equations in a study, as R's {@code mice} with its defaults: a cell names the
 * variables of the imputation model, m and the seed, and gets m completed frames and pooled regression tables:
 * <pre>{@code
 * Imputation.Result imp = Imputation.of(data).variables("age", "bmi", "hyp", "chl").m(20).seed(context.seed()).run();
 * PooledTable t = imp.logistic("hypertension", "hyp", "yes", List.of("bmi", "chl"));  // Rubin's rules
 * List<Frame> completed = imp.completed();
 * }</pre>
 * Every named variable with a missing value is imputed from all the others: numbers by predictive mean matching
 * (5 donors), two-level factors by logistic regression, factors of more levels by polytomous regression; 5
 * iterations ({@code maxit}); see {@link ChainedEquations}. Columns not named are carried along unchanged.
 * Deterministic from the seed: pass the cell's {@code context.seed()} (derived from the study seed). Bad input
 * (an unknown name, a variable missing in every row, m below 2) is one error naming the variable.
 */
public final class Imputation {
  private final Frame frame;
  private final List<String> variables;
  private final int m;
  private final int maxit;
  private final Long seed;

  private Imputation(Frame frame, List<String> variables, int m, int maxit, Long seed) {
    this.frame = frame;
    this.variables = variables;
    this.m = m;
    this.maxit = maxit;
    this.seed = seed;
  }

  /** An imputation of {@code frame}; name the variables, m and the seed next. Default m = 20, maxit = 5. */
  public static Imputation of(Frame frame) {
    return new Imputation(Objects.requireNonNull(frame), List.of(), 20, ChainedEquations.MAXIT, null);
  }

  /** The variables of the imputation model (as the data frame handed to mice), imputed and predicting. */
  public Imputation variables(String... names) {
    return variables(List.of(names));
  }

  /** The variables of the imputation model. */
  public Imputation variables(List<String> names) {
    return new Imputation(frame, List.copyOf(names), m, maxit, seed);
  }

  /** The number of completed data sets, 2 or more. */
  public Imputation m(int count) {
    return new Imputation(frame, variables, count, maxit, seed);
  }

  /** The number of iterations of each chain (mice's maxit; default 5). */
  public Imputation maxit(int iterations) {
    return new Imputation(frame, variables, m, iterations, seed);
  }

  /** The seed; in a cell, {@code context.seed()}. */
  public Imputation seed(long value) {
    return new Imputation(frame, variables, m, maxit, value);
  }

  /** Imputes: m completed frames. */
  public Result run() {
    if (variables.isEmpty()) {
      throw new StudybookException("Imputation: name the variables of the imputation model (variables(...))");
    }
    if (m < 2) {
      throw new StudybookException("Imputation: m(" + m + "): pooling needs two or more imputed data sets");
    }
    if (maxit < 1) {
      throw new StudybookException("Imputation: maxit(" + maxit + ") must be 1 or more");
    }
    if (seed == null) {
      throw new StudybookException("Imputation: give the seed (seed(context.seed()) in a cell), so the completed"
          + " data sets are reproducible");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<ChainedEquations.Variable> vars = new ArrayList<>();
    Map<String, Integer> missing = new LinkedHashMap<>();
    for (String v : variables) {
      frame.requireColumn(v);
      if (!seen.add(v)) {
        throw new DataException(new DataProblem(frame.source(), 1, v, null, "is named twice in the imputation model",
            null));
      }
      double[] x;
      int levels;
      if (frame.kind(v) == VariableKind.CATEGORICAL) {
        int[] codes = frame.codes(v);
        levels = frame.levels(v).size();
        x = new double[codes.length];
        for (int r = 0; r < codes.length; r++) {
          x[r] = codes[r] < 0 ? Double.NaN : codes[r];
        }
      } else {
        x = frame.values(v);
        levels = 0;
      }
      int k = 0;
      for (double d : x) {
        k += Double.isNaN(d) ? 1 : 0;
      }
      missing.put(v, k);
      vars.add(new ChainedEquations.Variable(v, x, levels));
    }
    ChainedEquations model;
    try {
      model = new ChainedEquations(vars);
    } catch (IllegalArgumentException e) {
      String name = vars.stream().map(ChainedEquations.Variable::name).filter(n -> e.getMessage().contains("'" + n + "'"))
          .findFirst().orElse(null);
      throw new DataException(new DataProblem(frame.source(), 1, name, null, e.getMessage(),
          "leave it out of variables(...)"));
    }
    List<double[][]> done = model.impute(m, maxit, seed);
    List<Frame> completed = new ArrayList<>();
    for (double[][] data : done) {
      Frame f = frame;
      for (int j = 0; j < vars.size(); j++) {
        if (model.methods().get(j) == Method.NONE) {
          continue;
        }
        String v = vars.get(j).name();
        if (frame.kind(v) == VariableKind.CATEGORICAL) {
          int[] codes = new int[data[j].length];
          for (int r = 0; r < codes.length; r++) {
            codes[r] = (int) data[j][r];
          }
          f = f.withCodes(v, codes);
        } else {
          f = f.withValues(v, data[j]);
        }
      }
      completed.add(f);
    }
    Map<String, Method> methods = new LinkedHashMap<>();
    for (int j = 0; j < vars.size(); j++) {
      methods.put(vars.get(j).name(), model.methods().get(j));
    }
    return new Result(frame, completed, methods, missing, maxit, seed);
  }

  /**
   * The completed data sets and what made them.
   *
   * @param observed the frame imputed
   * @param completed the m completed frames (every named variable filled in, the rest as observed)
   * @param methods each variable's method, in model order ({@link Method#NONE} when it had nothing missing)
   * @param missing each variable's count of missing values
   * @param maxit the iterations of each chain
   * @param seed the seed
   */
  public record Result(Frame observed, List<Frame> completed, Map<String, Method> methods,
      Map<String, Integer> missing, int maxit, long seed) {
    public Result {
      for (int k = 0; k < completed.size(); k++) {
        requireSameShape(observed, completed.get(k), k + 1);
      }
      completed = List.copyOf(completed);
      methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
      missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /**
     * A completed data set must hold the observed frame's rows and columns, with the same levels: else one error
     * naming the data set, and the column or the row counts.
     */
    private static void requireSameShape(Frame observed, Frame completed, int k) {
      if (completed.rowCount() != observed.rowCount()) {
        throw new DataException(new DataProblem(completed.source(), 0, null, null, "completed data set " + k
            + " has " + completed.rowCount() + " rows, the observed data " + observed.rowCount()
            + ": the imputed data sets differ in their rows", "every completed data set needs the observed rows"));
      }
      for (String c : observed.columnNames()) {
        if (!completed.columnNames().contains(c)) {
          throw new DataException(new DataProblem(completed.source(), 1, c, null, "completed data set " + k
              + " lacks this column of the observed data", null));
        }
        if (observed.kind(c) != completed.kind(c) || observed.kind(c) == VariableKind.CATEGORICAL
            && !observed.levels(c).equals(completed.levels(c))) {
          throw new DataException(new DataProblem(completed.source(), 1, c, null, "completed data set " + k
              + " differs from the observed data in the levels of this column: "
              + (completed.kind(c) == VariableKind.CATEGORICAL ? completed.levels(c) : "numbers") + " there, "
              + (observed.kind(c) == VariableKind.CATEGORICAL ? observed.levels(c) : "numbers") + " observed",
              "give every completed data set the observed levels"));
        }
      }
    }

    /** The number of completed data sets. */
    public int m() {
      return completed.size();
    }

    /**
     * The imputation in a sentence, for footnotes: "Missing values were imputed by chained equations (m = 20, 5
     * iterations, seed 7): bmi (9 missing) by predictive mean matching, ...; as mice(...) with its default
     * methods."
     */
    public String methodSentence() {
      List<String> parts = new ArrayList<>();
      List<String> complete = new ArrayList<>();
      methods.forEach((v, method) -> {
        if (method == Method.NONE) {
          complete.add(label(v));
        } else {
          parts.add(label(v) + " (" + missing.get(v) + " missing) by " + method.words()
              + (method == Method.PMM ? ", " + ChainedEquations.DONORS + " donors" : ""));
        }
      });
      return "Missing values were imputed by chained equations (m = " + m() + ", " + maxit + " iterations, seed "
          + seed + "): " + String.join("; ", parts) + (complete.isEmpty() ? "" : "; predictors without missing"
          + " values: " + String.join(", ", complete)) + "; as R's mice(data, m = " + m() + ", maxit = " + maxit
          + ") with its default methods";
    }

    private String label(String variable) {
      return observed.codebook() == null ? variable
          : observed.codebook().find(variable).map(c -> c.label()).orElse(variable);
    }

    /** The logistic model of {@code outcome == event} fitted on each completed frame, pooled by Rubin's rules. */
    public PooledTable logistic(String tableName, String outcome, String event, List<String> terms) {
      return PooledTable.logistic(tableName, this, outcome, event, terms);
    }

    /**
     * The Cox model of {@code outcome} fitted on each completed frame, pooled by Rubin's rules (hazard ratios), as
     * {@code summary(pool(with(imp, coxph(Surv(time, status) ~ terms))), conf.int = TRUE)}.
     */
    public PooledTable cox(String tableName, HazardRatioTable.CoxOutcome outcome, List<String> terms) {
      return PooledTable.cox(tableName, this, outcome, terms);
    }

    /** The linear model of {@code outcome} fitted on each completed frame, pooled by Rubin's rules. */
    public PooledTable linear(String tableName, String outcome, List<String> terms) {
      return PooledTable.linear(tableName, this, outcome, terms);
    }
  }
}
