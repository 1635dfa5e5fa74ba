package studybook.tables;

/**
 * Long-term outcomes of one group.
 *
 * @param group the group's level ("all" for everyone)
 * @param label its display label
 * @param n patients
 * @param lnAssessed patients whose lymph-node status was assessed
 * @param lnMetastasisPositive patients with lymph-node metastasis
 * @param recurrences patients with a recurrence
 * @param followupMedian median follow-up (plain median of observed times, R's median)
 * @param followupQ1 first quartile of follow-up (type 7)
 * @param followupQ3 third quartile
 * @param followupMedianReverseKm median follow-up by reverse Kaplan-Meier; NaN when not reached
 */
public record OutcomeSummary(String group, String label, int n, int lnAssessed, int lnMetastasisPositive,
    int recurrences, double followupMedian, double followupQ1, double followupQ3, double followupMedianReverseKm) {}
