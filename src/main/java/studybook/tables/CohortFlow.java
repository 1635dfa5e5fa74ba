package studybook.tables;

/**
 * The cohort's flow: all patients, split by the curative-resection rule, the non-curative ones split
 * by additional treatment.
 *
 * @param total patients in the data
 * @param curative patients meeting the rule
 * @param nonCurative patients failing it
 * @param unclassified patients the rule cannot decide (a value missing); in neither group
 * @param additional non-curative patients given any additional treatment
 * @param noAdditional non-curative patients given none
 * @param additionalPercent 100 * additional / nonCurative
 * @param endoscopic additional treatment that was endoscopic
 * @param surgical additional treatment that was surgical
 * @param rule the rule, for the methods text
 */
public record CohortFlow(int total, int curative, int nonCurative,
    int unclassified, int additional, int noAdditional,
    double additionalPercent, int endoscopic, int surgical, String rule) {}
