/**
 * One invented patient, with the codebook's variables in its column order (levels as codebook tokens).
 */
record TwinPatient(String patientId, int age, String sex, double tumorSizeMm, double distanceAvCm,
    String initialDiagnosis, String suspectedNet, String erMethod, String grade, double ki67Percent, String depth,
    String lvi, String resectionMargin, String additionalTreatment, String lnMetastasis, String recurrence,
    double followupMonths) {

  /** The header of the twin's CSV, in the codebook's order. */
  public static final String HEADER = "patient_id,age,sex,tumor_size_mm,distance_av_cm,initial_diagnosis,"
      + "suspected_net,er_method,grade,ki67_percent,depth,lvi,resection_margin,additional_treatment,"
      + "ln_metastasis,recurrence,followup_months";

  /** One CSV line, numbers written with fixed decimals so the file's bytes depend on nothing but the values. */
  public String csvLine() {
    return String.join(",", patientId, Integer.toString(age), sex, fixed(tumorSizeMm, 1), fixed(distanceAvCm, 1),
        initialDiagnosis, suspectedNet, erMethod, grade, fixed(ki67Percent, 1), depth, lvi, resectionMargin,
        additionalTreatment, lnMetastasis, recurrence, fixed(followupMonths, 2));
  }

  private static String fixed(double v, int decimals) {
    return new java.math.BigDecimal(Double.toString(v)).setScale(decimals, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }
}
