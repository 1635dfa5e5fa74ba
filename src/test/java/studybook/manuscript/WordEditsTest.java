package studybook.manuscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Splicing edits: a content control around a number, a number rewritten, and nothing else touched. */
class WordEditsTest {
  private static final String BODY = "<w:p><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Of the 142, 44 (31.0%)"
      + " received</w:t></w:r></w:p>";

  private static String wrapOk(String xml, int start, int end) {
    WordText w = new WordText("word/document.xml", xml);
    Optional<String> out = WordEdits.wrap(w, w.paragraphs.get(0), start, end, "cohort.additionalPercent");
    assertTrue(out.isPresent());
    return out.get();
  }

  @Test
  void aControlSplitsTheRunAndKeepsItsFormatting() {
    String xml = HandWrittenDocx.document(BODY);
    String text = "Of the 142, 44 (31.0%) received";
    int at = text.indexOf("31.0%");
    String wrapped = wrapOk(xml, at, at + 5);
    assertTrue(wrapped.contains("<w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Of the 142, 44 (</w:t></w:r>"
        + "<w:sdt><w:sdtPr><w:alias w:val=\"studybook\"/><w:tag w:val=\"studybook:cohort.additionalPercent\"/></w:sdtPr>"
        + "<w:sdtContent><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">31.0%</w:t></w:r></w:sdtContent>"
        + "</w:sdt><w:r w:rsidR=\"1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">) received</w:t></w:r>"), wrapped);
    assertEquals(xml.substring(0, xml.indexOf("<w:p>")), wrapped.substring(0, wrapped.indexOf("<w:p>")));
    assertFalse(wrapped.contains("w15:appearance"), "a document that does not declare w15 gets no w15 element");
    WordText w = new WordText("word/document.xml", wrapped);
    assertEquals(text, w.paragraphs.get(0).text(), "a reader sees the same text");
    String updated = WordEdits.replace(w, w.paragraphs.get(0), at, at + 5, "30.3%").orElseThrow();
    assertEquals(wrapped.replace(">31.0%<", ">30.3%<"), updated, "only the changed characters' w:t");
  }

  @Test
  void wordsHiddenAppearanceOnlyWhereTheDocumentDeclaresIt() {
    String xml = HandWrittenDocx.document(BODY).replace("<w:document ", "<w:document xmlns:mc=\"http://schemas.openxmlformats.org/"
        + "markup-compatibility/2006\" xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\" mc:Ignorable=\"w15\" ");
    assertTrue(wrapOk(xml, 16, 20).contains("<w15:appearance w15:val=\"hidden\"/></w:sdtPr>"));
  }

  @Test
  void aRewriteAcrossRunsChangesOnlyTheDigitsThatDiffer() {
    String xml = HandWrittenDocx.document("<w:p><w:r><w:t>OR, 61.9</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>71;</w:t></w:r></w:p>");
    WordText w = new WordText("word/document.xml", xml);
    String out = WordEdits.replace(w, w.paragraphs.get(0), 4, 10, "61.874").orElseThrow();
    assertTrue(out.contains("<w:t>OR, 61.874</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>;</w:t>"), out);
  }
}
