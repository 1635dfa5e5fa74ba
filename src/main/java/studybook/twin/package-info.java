/**
 * The synthetic twin of the rectal NET cohort: invented patients built from the claims file alone so that
 * the study's computations reproduce every published number. Holds no published number itself.
 */
package studybook.twin;
