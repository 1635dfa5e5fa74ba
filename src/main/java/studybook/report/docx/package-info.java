/**
 * Word output: the report's headings, text, tables (already formatted as text) and SVG figures written as
 * a journal-ready .docx with Apache POI (tables sized from their text, landscape when wide, Word's built-in
 * styles) and Apache Batik (the figures' PNGs), with fixed metadata and zip timestamps so the same input
 * gives the same bytes. Formats and computes nothing.
 */
package studybook.report.docx;
