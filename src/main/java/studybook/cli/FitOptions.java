package studybook.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.Frame;
import studybook.data.VariableKind;
import studybook.stats.regression.RubinPool;

/**
 * The options of the weighted, clustered and pooled fits (docs/CONTRACT.md, "Weighted, clustered and pooled
 * fits"): {@code --weights COL}, {@code --cluster COL} and {@code --imputations PATTERN}, shared by logistic,
 * linear and cox, and the row preparation they imply.
 */
public final class FitOptions {
  @Option(names = "--weights", paramLabel = "COL",
      description = "Numeric weight column (every value >= 0; weight 0 leaves the row out); robust (sandwich) standard errors.")
  String weights;

  @Option(names = "--cluster", paramLabel = "COL", description = "Cluster-robust standard errors by this column.")
  String cluster;

  @Option(names = "--imputations", paramLabel = "PATTERN",
      description = "A glob of completed data sets (CSV files with the same columns), instead of --data; "
          + "the fits are pooled by Rubin's rules.")
  String imputations;

  /** Whether anything changes the plain fit. */
  boolean robust() {
    return weights != null || cluster != null;
  }

  boolean pooled() {
    return imputations != null;
  }

  /**
   * The frames to fit: the one of --data, or each completed data set of --imputations, checked to have the
   * same columns, rows and levels as the first.
   */
  List<Frame> frames(AdhocDataOptions data) {
    if (imputations == null) {
      return List.of(data.load());
    }
    if (data.data != null) {
      throw new StudybookException("give --data or --imputations, not both");
    }
    List<Path> files = glob(imputations);
    if (files.size() < 2) {
      throw new StudybookException("--imputations " + imputations + " matches " + files.size()
          + " file" + (files.size() == 1 ? "" : "s") + "; pooling needs two or more completed data sets");
    }
    List<Frame> frames = new ArrayList<>();
    for (Path f : files) {
      Frame frame = data.load(f);
      if (!frames.isEmpty()) {
        requireSameShape(frames.get(0), frame);
      }
      frames.add(frame);
    }
    return frames;
  }

  /** The files a glob names, sorted by name; wildcards only in the file name part. */
  static List<Path> glob(String pattern) {
    Path p = Path.of(pattern);
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    String name = p.getFileName().toString();
    if (dir.toString().matches(".*[*?\\[{].*")) {
      throw new StudybookException("--imputations: wildcards may appear only in the file name, not in '" + dir + "'");
    }
    if (!Files.isDirectory(dir)) {
      throw new StudybookException("--imputations: no such folder " + dir);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new StudybookException("--imputations: cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static void requireSameShape(Frame first, Frame other) {
    if (!first.columnNames().equals(other.columnNames())) {
      throw new DataException(new DataProblem(other.source(), 1, null, null,
          "the imputed data sets differ in their columns: " + other.columnNames() + " here, " + first.columnNames()
              + " in " + first.source(), "every completed data set needs the same columns"));
    }
    if (first.rowCount() != other.rowCount()) {
      throw new DataException(new DataProblem(other.source(), 0, null, null, "the imputed data sets differ in their rows: "
          + other.rowCount() + " rows here, " + first.rowCount() + " in " + first.source(),
          "every completed data set needs the same rows"));
    }
    for (String c : first.columnNames()) {
      if (first.kind(c) != other.kind(c) || first.kind(c) == VariableKind.CATEGORICAL
          && !first.levels(c).equals(other.levels(c))) {
        throw new DataException(new DataProblem(other.source(), 1, c, null, "the imputed data sets differ in the levels"
            + " of this column: " + (other.kind(c) == VariableKind.CATEGORICAL ? other.levels(c) : "numbers") + " here, "
            + (first.kind(c) == VariableKind.CATEGORICAL ? first.levels(c) : "numbers") + " in " + first.source(),
            "give every completed data set the same levels (or name them in --levels)"));
      }
    }
  }

  /**
   * A frame ready for a weighted or clustered model, whose rows match the design one to one.
   *
   * @param frame the rows kept: weight above 0 and every model column and the cluster present
   * @param weights their weights, or null without --weights
   * @param cluster their cluster indices, or null without --cluster
   * @param excluded rows of positive weight left out for a missing value (the cluster included)
   * @param zeroWeight rows of weight 0, left out
   */
  record Prepared(Frame frame, double[] weights, int[] cluster, int excluded, int zeroWeight) {}

  /**
   * Checks the weights (numbers, none missing or negative: an error at the row) and keeps the rows of positive
   * weight with every one of {@code modelColumns} and the cluster present.
   */
  Prepared prepare(Frame frame, List<String> modelColumns) {
    // one preparation for the commands and the cells (tables.WeightedRows), as the contract specifies it
    studybook.tables.WeightedRows rows = studybook.tables.WeightedRows.prepare(frame, weights, cluster, modelColumns,
        "do not name the column in --categorical or --levels");
    if (rows.zeroWeight() > 0) {
      System.err.println("studybook: " + rows.zeroWeight() + " rows with weight 0 left out");
    }
    return new Prepared(rows.frame(), rows.weights(), rows.cluster(), rows.excluded(), rows.zeroWeight());
  }

  /** One completed-data fit, as pooling needs it. */
  record Completed(int n, double dfCom, List<String> terms, double[] estimates, double[] se) {}

  /**
   * Fits every frame and pools by Rubin's rules; the data sets must give the same rows used and terms, else an
   * error names the file.
   */
  static ObjectNode pool(List<Frame> frames, java.util.function.Function<Frame, Completed> fit, boolean ratio) {
    List<Completed> fits = new ArrayList<>();
    for (Frame f : frames) {
      Completed c = fit.apply(f);
      for (int j = 0; j < c.estimates().length; j++) {
        if (!Double.isFinite(c.estimates()[j]) || !Double.isFinite(c.se()[j])) {
          throw new DataException(new DataProblem(f.source(), 0, null, null, "the term '" + c.terms().get(j)
              + "' is not estimable in this completed data set, so the fits cannot be pooled", null));
        }
      }
      if (!fits.isEmpty()) {
        Completed first = fits.get(0);
        if (first.n() != c.n() || !first.terms().equals(c.terms())) {
          throw new DataException(new DataProblem(f.source(), 0, null, null, "the imputed data sets differ in their rows"
              + " used or terms: " + c.n() + " rows and terms " + c.terms() + " here, " + first.n() + " and "
              + first.terms() + " in " + frames.get(0).source(), "every completed data set needs the same complete rows"));
        }
      }
      fits.add(c);
    }
    int m = fits.size();
    double[][] est = new double[m][];
    double[][] se = new double[m][];
    for (int k = 0; k < m; k++) {
      est[k] = fits.get(k).estimates();
      se[k] = fits.get(k).se();
    }
    List<RubinPool.Term> pooled = RubinPool.pool(fits.get(0).terms(), est, se, Math.max(fits.get(0).dfCom(), 1));
    return pooledJson(m, fits.get(0).n(), pooled, ratio);
  }

  /** The standard-error type key of a weighted or clustered logistic fit. */
  String logisticSeType() {
    return cluster != null ? "cluster" : "HC0";
  }

  /** The pooled document: top-level m and n, then per term Rubin's numbers (exp of the limits when {@code ratio}). */
  static ObjectNode pooledJson(int m, int n, List<RubinPool.Term> terms, boolean ratio) {
    ObjectNode root = Json.object();
    root.put("m", m);
    root.put("n", n);
    ArrayNode rows = root.putArray("terms");
    for (RubinPool.Term t : terms) {
      ObjectNode r = rows.addObject();
      r.put("term", t.term());
      r.set("estimate", Json.number(t.estimate()));
      r.set("se", Json.number(t.se()));
      r.set("t", Json.number(t.statistic()));
      r.set("df", Json.number(t.df()));
      r.set("p", Json.number(t.p()));
      r.set("ci_low", Json.number(ratio ? Math.exp(t.ciLow()) : t.ciLow()));
      r.set("ci_high", Json.number(ratio ? Math.exp(t.ciHigh()) : t.ciHigh()));
      r.set("riv", Json.number(t.riv()));
      r.set("lambda", Json.number(t.lambda()));
      r.set("fmi", Json.number(t.fmi()));
    }
    return root;
  }
}
