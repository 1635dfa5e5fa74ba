import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.StudybookException;
import studybook.claims.Claim;
import studybook.claims.ClaimsFile;

/**
 * What the twin must reproduce, taken from the claims file by the result paths the study's cells
 * define. The twin knows where a number goes (the shape of the results), never the number itself.
 *
 * @param total patients in the cohort
 * @param curative patients meeting the curative-resection rule
 * @param nonCurative patients not meeting it
 * @param additional non-curative patients given additional treatment
 * @param polypectomyP the 2x2 Pearson p of polypectomy-first by curative group
 * @param conventionalEmrP the 2x2 Pearson p of conventional EMR by curative group
 * @param oddsRatios claims on the multivariable odds ratios, by term
 * @param pValues claims on the multivariable p-values, by term
 * @param lnMetastases patients with lymph-node metastasis
 * @param recurrences patients with recurrence
 * @param followupMedian median follow-up in months
 * @param all every claim the twin targets
 */
record TwinTargets(int total, int curative, int nonCurative, int additional, Claim polypectomyP,
    Claim conventionalEmrP, Map<String, Claim> oddsRatios, Map<String, Claim> pValues, int lnMetastases,
    int recurrences, Claim followupMedian, List<Claim> all) {

  /** The model terms the twin builds, in design-column order after the intercept (size and age follow). */
  public static final List<String> TERMS = List.of("initial_diagnosis=biopsy", "suspected_net=yes", "lvi=positive",
      "resection_margin=positive", "resection_margin=indeterminate");

  static final String TOTAL = "cohort.total";
  static final String CURATIVE = "cohort.curative";
  static final String NON_CURATIVE = "cohort.nonCurative";
  static final String ADDITIONAL = "cohort.additional";
  static final String POLYPECTOMY_P = "curativeContrasts.contrasts.polypectomy_first.p";
  static final String CONVENTIONAL_EMR_P = "curativeContrasts.contrasts.conventional_emr.p";
  static final String MODEL_TERMS = "table3.multivariable.terms.";
  static final String LN_METASTASES = "table4.overall.lnMetastasisPositive";
  static final String RECURRENCES = "table4.overall.recurrences";
  static final String FOLLOWUP_MEDIAN = "table4.overall.followupMedian";

  public TwinTargets {
    oddsRatios = Map.copyOf(oddsRatios);
    pValues = Map.copyOf(pValues);
    all = List.copyOf(all);
  }

  /** Picks the targets out of {@code claims}; fails naming every result path the twin needs and the file lacks. */
  public static TwinTargets from(ClaimsFile claims) {
    List<String> missing = new ArrayList<>();
    List<Claim> used = new ArrayList<>();
    Lookup l = new Lookup(claims, missing, used);
    int total = l.count(TOTAL);
    int curative = l.count(CURATIVE);
    int nonCurative = l.count(NON_CURATIVE);
    int additional = l.count(ADDITIONAL);
    Claim polyp = l.claim(POLYPECTOMY_P);
    Claim cemr = l.claim(CONVENTIONAL_EMR_P);
    Map<String, Claim> ors = new LinkedHashMap<>();
    Map<String, Claim> ps = new LinkedHashMap<>();
    for (String term : TERMS) {
      ors.put(term, l.claim(MODEL_TERMS + term + ".oddsRatio"));
      ps.put(term, l.claim(MODEL_TERMS + term + ".p"));
    }
    int ln = l.count(LN_METASTASES);
    int rec = l.count(RECURRENCES);
    Claim fu = l.claim(FOLLOWUP_MEDIAN);
    if (!missing.isEmpty()) {
      throw new StudybookException(claims.file() + ": the twin needs claims on " + String.join(", ", missing));
    }
    if (curative + nonCurative != total || additional > nonCurative) {
      throw new StudybookException(claims.file() + ": the cohort counts do not add up (" + curative + " + "
          + nonCurative + " vs " + total + ", " + additional + " treated)");
    }
    return new TwinTargets(total, curative, nonCurative, additional, polyp, cemr, ors, ps, ln, rec, fu, used);
  }

  private record Lookup(ClaimsFile claims, List<String> missing, List<Claim> used) {
    Claim claim(String path) {
      List<Claim> found = claims.referringTo(path);
      if (found.isEmpty()) {
        missing.add(path);
        return null;
      }
      used.add(found.get(0));
      return found.get(0);
    }

    int count(String path) {
      Claim c = claim(path);
      return c == null ? 0 : c.printed().value().intValueExact();
    }
  }
}
