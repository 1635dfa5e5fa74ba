/**
 * The report as one typed document, built once per run from the cells and the template: headings,
 * paragraphs of inline runs (text, emphasis, code, links, number marks), tables from a
 * {@link studybook.tables.TableModel} or laid out by the template's author, figures and notes. report.md,
 * report.html and report.docx are each written from it; nothing reads rendered text back.
 */
package studybook.report.doc;
