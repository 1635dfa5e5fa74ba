package studybook.report.docx;

/** One block of the Word document's body, in reading order: a heading, a paragraph, a table or a figure. */
public sealed interface DocxBlock permits DocxHeading, DocxParagraph, DocxTable, DocxFigure {}
