/**
 * Reading CSV data into typed Tablesaw tables: by the codebook ({@link studybook.data.CodebookLoader},
 * {@link studybook.data.StudyDataLoader}) or by the ad-hoc conventions ({@link studybook.data.AdhocLoader}),
 * with types, missing tokens, level order, labels and a located {@link studybook.data.DataException} for
 * every problem. Never computes statistics or formats numbers.
 */
package studybook.data;
