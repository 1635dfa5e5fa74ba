import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import studybook.StudybookException;
import studybook.claims.Window;
import studybook.twin.TwinGenerator;
import studybook.twin.TwinRequest;

/**
 * The rectal NET study's twin generator, run by {@code ./studybook twin}: proposes 322 invented patients
 * from the claims file alone ({@link TwinTargets}), deterministic for a seed and attempt. The kernel
 * accepts a candidate only when the study's own cells, run on it, reproduce every claim.
 *
 * <p>Plausibility choices (not published numbers; the paper gives none of them): polypectomy-first
 * lesions and conventional EMR about 12-14 points more frequent in the non-curative group;
 * biopsy-diagnosed lesions usually suspected as NETs; suspected lesions less often LVI- or
 * margin-positive; tumour sizes log-normal around 5.5 mm (curative, below 10 mm) and 7.5 mm
 * (non-curative); ages normal around 55 years; follow-up log-normal around the claimed median.
 * Values are drawn inside their ranges by rejection, never clipped, so nothing piles up on a bound.
 */
public final class RectalNetTwin implements TwinGenerator {
  private TwinTargets targets;
  private Consumer<String> progress;

  /**
   * One attempt: a fresh random stream ({@code seed + 7919 * attempt}), the model search, and the whole
   * cohort when the search brought every model claim within 0.95 half-widths of its window's centre.
   */
  @Override
  public Optional<String> propose(TwinRequest request) {
    targets = TwinTargets.from(request.claims());
    progress = request.progress();
    SplittableRandom random = new SplittableRandom(request.seed() + 7919L * request.attempt());
    ModelSearch model = buildModel(random);
    double worst = model.worstError();
    if (worst > 0.95) {
      progress.accept(String.format(Locale.ROOT, "twin: attempt %d: worst model claim %.2f half-widths from its "
          + "centre; no candidate", request.attempt(), worst));
      return Optional.empty();
    }
    return Optional.of(TwinCsv.render(assemble(model, random)));
  }

  // -------------------------------------------------------------- 2x2 tables by curative group

  /** Pearson chi-square p without continuity correction for [[a, nA - a], [b, nB - b]]. */
  static double pearsonP(int a, int nA, int b, int nB) {
    double n = nA + nB;
    double c1 = a + b;
    double c2 = n - c1;
    if (c1 == 0 || c2 == 0) {
      return 1;
    }
    double d = (double) a * (nB - b) - (double) (nA - a) * b;
    double chisq = n * d * d / (nA * (double) nB * c1 * c2);
    return ChiSquaredDistribution.of(1).survivalProbability(chisq);
  }

  /**
   * The counts (non-curative, curative) with a level whose Pearson p lies in {@code window}, the
   * non-curative share higher, closest to the plausible shares.
   */
  static int[] twoByTwo(Window window, int nNon, int nCur, double shareNon, double shareCur) {
    int[] best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int a = 1; a < nNon; a++) {
      for (int b = 1; b < nCur; b++) {
        if ((double) a / nNon <= (double) b / nCur) {
          continue;
        }
        double d = Math.pow((double) a / nNon - shareNon, 2) + Math.pow((double) b / nCur - shareCur, 2);
        if (d < bestDistance && window.contains(pearsonP(a, nNon, b, nCur))) {
          best = new int[] {a, b};
          bestDistance = d;
        }
      }
    }
    if (best == null) {
      throw new StudybookException("no 2x2 table of " + nNon + " and " + nCur + " patients has a Pearson p in "
          + window.describe());
    }
    return best;
  }

  // -------------------------------------------------------------- the non-curative patients and the model

  private ModelSearch buildModel(SplittableRandom random) {
    int n = targets.nonCurative();
    int[] polyp = twoByTwo(targets.polypectomyP().safeWindow(), n, targets.curative(), 0.55, 0.42);
    ModelSearch m = new ModelSearch(n, random);
    int biopsies = n - polyp[0];
    boolean[] isBiopsy = choose(random, n, biopsies);
    for (int i = 0; i < n; i++) {
      m.biopsy[i] = isBiopsy[i] ? 1 : 0;
      m.suspected[i] = random.nextDouble() < (isBiopsy[i] ? 0.75 : 0.2) ? 1 : 0;
      double u = random.nextDouble();
      double neg = m.suspected[i] == 1 ? 0.5 : 0.35;
      m.margin[i] = u < neg ? 0 : u < neg + (1 - neg) / 2 ? 1 : 2;
      m.lvi[i] = random.nextDouble() < (m.suspected[i] == 1 ? 0.08 : 0.18) ? 1 : 0;
      m.size[i] = logNormal(random, 7.5, 0.35, 3, 18);
      m.age[i] = normal(random, 56, 11, 25, 78);
    }
    double[] logit = new double[n];
    int column = 1;
    for (String term : TwinTargets.TERMS) {
      Window w = targets.oddsRatios().get(term).safeWindow();
      double b = Math.log((w.low() + w.high()) / 2);
      for (int i = 0; i < n; i++) {
        logit[i] += b * value(m, column, i);
      }
      column++;
    }
    // Top-k by logit plus Gumbel noise draws exactly k events with the logistic model's odds.
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      logit[i] += 0.12 * (m.size[i] - 7.5) - 0.01 * (m.age[i] - 56);
      key[i] = logit[i] - Math.log(-Math.log(random.nextDouble()));
    }
    Integer[] order = sortedDescending(key);
    for (int r = 0; r < targets.additional(); r++) {
      m.y[order[r]] = 1;
    }
    column = 1;
    for (String term : TwinTargets.TERMS) {
      m.target(targets.oddsRatios().get(term), column, true);
      m.target(targets.pValues().get(term), column, false);
      column++;
    }
    double objective = m.searchDiscrete(60000);
    progress.accept(String.format(Locale.ROOT, "twin: categorical search done (objective %.3g)", objective));
    for (int i = 0; i < n; i++) {
      m.sizeReason[i] = m.lvi[i] == 0 && m.margin[i] == 0 && m.size[i] >= 10.2;
    }
    m.solveContinuous(m.variables(), 40);
    m.roundAll();
    double worst = m.polish(0.85, 80);
    progress.accept(String.format(Locale.ROOT,
        "twin: sizes and ages adjusted and rounded; worst model claim %.2f half-widths from its centre", worst));
    return m;
  }

  private static double value(ModelSearch m, int column, int i) {
    return switch (column) {
      case 1 -> m.biopsy[i];
      case 2 -> m.suspected[i];
      case 3 -> m.lvi[i];
      case 4 -> m.margin[i] == 1 ? 1 : 0;
      default -> m.margin[i] == 2 ? 1 : 0;
    };
  }

  // -------------------------------------------------------------- the whole cohort

  private List<TwinPatient> assemble(ModelSearch m, SplittableRandom random) {
    int nNon = targets.nonCurative();
    int nCur = targets.curative();
    int[] polyp = twoByTwo(targets.polypectomyP().safeWindow(), nNon, nCur, 0.55, 0.42);
    int[] cemr = twoByTwo(targets.conventionalEmrP().safeWindow(), nNon, nCur, 0.45, 0.31);
    List<Draft> drafts = new ArrayList<>();

    // Non-curative patients, from the model search.
    boolean[] nonConventional = weightedChoice(random, nNon, cemr[0], i -> m.suspected[i] == 1 ? 1 : 2.5);
    for (int i = 0; i < nNon; i++) {
      Draft d = new Draft();
      d.age = (int) Math.round(m.age[i]);
      d.size = m.size[i];
      d.biopsy = m.biopsy[i] == 1;
      d.suspected = m.suspected[i] == 1;
      d.lvi = m.lvi[i] == 1;
      d.margin = m.margin[i];
      d.treated = m.y[i] == 1;
      boolean otherReason = d.lvi || d.margin != 0 || d.size >= 10;
      d.g2 = !otherReason || random.nextDouble() < 0.1;
      d.conventional = nonConventional[i];
      drafts.add(d);
    }
    // Curative patients: small, G1, LVI and margin negative, never re-treated.
    boolean[] curPolyp = choose(random, nCur, polyp[1]);
    boolean[] curSuspect = new boolean[nCur];
    for (int i = 0; i < nCur; i++) {
      curSuspect[i] = random.nextDouble() < (curPolyp[i] ? 0.3 : 0.8);
    }
    boolean[] curConventional = weightedChoice(random, nCur, cemr[1], i -> curSuspect[i] ? 1 : 2.5);
    for (int i = 0; i < nCur; i++) {
      Draft d = new Draft();
      d.age = (int) Math.round(normal(random, 54, 11, 22, 80));
      d.size = Math.round(logNormal(random, 5.5, 0.3, 2.0, 9.9) * 10) / 10.0;
      d.biopsy = !curPolyp[i];
      d.suspected = curSuspect[i];
      d.conventional = curConventional[i];
      drafts.add(d);
    }
    assignTreatment(drafts, random);
    assignFollowup(drafts, random);

    int[] order = permutation(random, drafts.size());
    List<TwinPatient> patients = new ArrayList<>();
    for (int k = 0; k < order.length; k++) {
      Draft d = drafts.get(order[k]);
      String id = String.format(java.util.Locale.ROOT, "RNET-%03d", k + 1);
      double ki67 = d.g2 ? Math.round(uniform(random, 3.0, 12.0) * 10) / 10.0
          : Math.round(uniform(random, 0.3, 2.9) * 10) / 10.0;
      String method = d.conventional ? "conventional_emr" : random.nextDouble() < 0.6 ? "modified_emr" : "esd";
      patients.add(new TwinPatient(id, d.age, random.nextDouble() < 0.58 ? "male" : "female", d.size,
          Math.round(normal(random, 7, 2.5, 1.5, 15) * 10) / 10.0, d.biopsy ? "biopsy" : "polypectomy",
          d.suspected ? "yes" : "no", method, d.g2 ? "G2" : "G1", ki67,
          random.nextDouble() < 0.12 ? "mucosa" : "submucosa", d.lvi ? "positive" : "negative",
          switch (d.margin) {
            case 0 -> "negative";
            case 1 -> "positive";
            default -> "indeterminate";
          },
          d.treatment, d.ln, d.recurrence ? "yes" : "no", d.followup));
    }
    return patients;
  }

  /** Mutable while the cohort is assembled; frozen into {@link TwinPatient}s at the end. */
  private static final class Draft {
    int age;
    double size;
    boolean biopsy;
    boolean suspected;
    boolean lvi;
    int margin;
    boolean g2;
    boolean conventional;
    boolean treated;
    String treatment = "none";
    String ln = "not_assessed";
    boolean recurrence;
    double followup;
  }

  /** Surgery more often after LVI; lymph nodes assessed in surgical specimens, metastases there first after LVI. */
  private void assignTreatment(List<Draft> drafts, SplittableRandom random) {
    List<Draft> surgical = new ArrayList<>();
    List<Draft> endoscopic = new ArrayList<>();
    for (Draft d : drafts) {
      if (d.treated) {
        boolean surgery = random.nextDouble() < (d.lvi ? 0.75 : 0.35);
        (surgery ? surgical : endoscopic).add(d);
      }
    }
    int needed = Math.min(targets.lnMetastases() + 3, surgical.size() + endoscopic.size());
    while (surgical.size() < needed) {
      surgical.add(endoscopic.remove(endoscopic.size() - 1));
    }
    if (targets.lnMetastases() > surgical.size()) {
      throw new StudybookException("cannot place " + targets.lnMetastases() + " lymph-node metastases among "
          + surgical.size() + " operated patients");
    }
    surgical.forEach(d -> {
      d.treatment = "surgical";
      d.ln = "no";
    });
    endoscopic.forEach(d -> d.treatment = "endoscopic");
    double[] key = new double[surgical.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = (surgical.get(i).lvi ? 1.5 : 0) + random.nextDouble();
    }
    Integer[] order = sortedDescending(key);
    for (int r = 0; r < targets.lnMetastases(); r++) {
      surgical.get(order[r]).ln = "yes";
    }
    boolean[] recur = choose(random, drafts.size(), targets.recurrences());
    for (int i = 0; i < recur.length; i++) {
      drafts.get(i).recurrence = recur[i];
    }
  }

  /**
   * Follow-up months (0.01) whose median is the claimed one exactly: the two middle order
   * statistics straddle it symmetrically, so the plain median and, with no events, the reverse
   * Kaplan-Meier median (midpoint where the curve is flat at 0.5) both equal it.
   */
  private void assignFollowup(List<Draft> drafts, SplittableRandom random) {
    Window w = targets.followupMedian().safeWindow();
    double centre = Math.round((w.low() + w.high()) / 2 * 100) / 100.0;
    int n = drafts.size();
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = Math.round(logNormal(random, centre, 0.45, 6, 150) * 100) / 100.0;
    }
    Arrays.sort(t);
    if (n % 2 == 1) {
      t[n / 2] = centre;
    } else {
      t[n / 2 - 1] = Math.round((centre - 0.05) * 100) / 100.0;
      t[n / 2] = Math.round((centre + 0.05) * 100) / 100.0;
    }
    for (int k = n / 2 - 2; k >= 0; k--) {
      t[k] = Math.min(t[k], Math.round((t[k + 1] - 0.01) * 100) / 100.0);
    }
    for (int k = (n + 1) / 2; k < n; k++) {
      t[k] = Math.max(t[k], Math.round((t[k - 1] + 0.01) * 100) / 100.0);
    }
    int[] order = permutation(random, n);
    for (int i = 0; i < n; i++) {
      drafts.get(i).followup = t[order[i]];
    }
  }

  // -------------------------------------------------------------- draws

  static double uniform(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller: fixed arithmetic, so the twin's bytes do not depend on the JDK's own algorithm.
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static double normal(SplittableRandom r, double mean, double sd, double lo, double hi) {
    while (true) {
      double x = mean + sd * gaussian(r);
      if (x >= lo && x <= hi) {
        return x;
      }
    }
  }

  static double logNormal(SplittableRandom r, double median, double sdLog, double lo, double hi) {
    while (true) {
      double x = median * Math.exp(sdLog * gaussian(r));
      if (x >= lo && x <= hi) {
        return x;
      }
    }
  }

  static boolean[] choose(SplittableRandom r, int n, int k) {
    boolean[] picked = new boolean[n];
    int[] perm = permutation(r, n);
    for (int i = 0; i < k; i++) {
      picked[perm[i]] = true;
    }
    return picked;
  }

  /** k of n, each drawn with probability proportional to its weight (Efraimidis-Spirakis keys). */
  static boolean[] weightedChoice(SplittableRandom r, int n, int k, java.util.function.IntToDoubleFunction weight) {
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      key[i] = Math.log(r.nextDouble()) / weight.applyAsDouble(i);
    }
    Integer[] order = sortedDescending(key);
    boolean[] picked = new boolean[n];
    for (int i = 0; i < k; i++) {
      picked[order[i]] = true;
    }
    return picked;
  }

  static int[] permutation(SplittableRandom r, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static Integer[] sortedDescending(double[] key) {
    Integer[] order = new Integer[key.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
    return order;
  }
}
