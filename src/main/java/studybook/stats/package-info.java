/**
 * The statistics engine: pure computations on primitive arrays returning immutable records that name their method. Never touches Tablesaw, files, Locale or text.
 */
package studybook.stats;
