/**
 * Readers of the files a clinician hands over (CSV dialects, Excel, SPSS, Stata, SAS, REDCap), each
 * turning its file into one {@link studybook.data.readers.SourceTable}: text cells plus what the file
 * says about its columns (labels, value labels, missing values, dates). The codebook validation of
 * {@link studybook.data.StudyDataLoader} and the inference of {@link studybook.data.readers.CodebookInference}
 * read that table; the readers never type or check values against a codebook, and compute nothing.
 */
package studybook.data.readers;
