/**
 * Word output: the report's tables, already formatted as text, written as real .docx tables with Apache POI,
 * with fixed metadata and zip timestamps so the same input gives the same bytes. Formats and computes nothing.
 */
package studybook.report.docx;
