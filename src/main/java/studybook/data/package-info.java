/**
 * Reading data into a typed {@link studybook.data.Frame}: by the codebook ({@link studybook.data.CodebookLoader},
 * {@link studybook.data.StudyDataLoader}) or by the ad-hoc conventions ({@link studybook.data.AdhocLoader}),
 * with types, missing tokens, level order, labels and a located {@link studybook.data.DataException} for
 * every problem; and the authoring vocabulary cells are written in: three-valued
 * {@link studybook.data.Condition}s, the frame's verbs (where, countBy, withFactor, withNumber), the
 * {@link studybook.data.Surv} spec and codebook entries for derived variables. Every name an author types
 * is checked ({@link studybook.data.UnknownNameException}). Never computes statistics or formats numbers.
 */
package studybook.data;
