/**
 * Synthetic twins: a study supplies a {@link studybook.twin.TwinGenerator} (in {@code analysis/twin/})
 * that proposes data from its claims file; {@link studybook.twin.Twin} accepts a candidate only when
 * the study's own cells, run through the kernel, reproduce every claim. Knows no study.
 */
package studybook.twin;
