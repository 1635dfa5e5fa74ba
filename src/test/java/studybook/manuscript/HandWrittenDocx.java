package studybook.manuscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Word manuscript of the rectal NET study as an author's Word writes one, in plain WordprocessingML
 * made here (not by studybook's writer): runs split mid-sentence, an italic P, a table, a footnote, a
 * comment, a tracked deletion and insertion, a citation in brackets and one in superscript, years, a
 * confidence level, a significance threshold, table and figure numbers.
 */
public final class HandWrittenDocx {
  static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  /** A key of the typos map whose value is one more paragraph, first in the body. */
  public static final String EXTRA = "extra paragraph";

  private HandWrittenDocx() {}

  static String p(String... runs) {
    return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>" + String.join("", runs) + "</w:p>";
  }

  static String r(String text) {
    return "<w:r w:rsidR=\"00A1B2C3\"><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr><w:t xml:space=\"preserve\">"
        + text.replace("&", "&amp;").replace("<", "&lt;") + "</w:t></w:r>";
  }

  static String italic(String text) {
    return "<w:r><w:rPr><w:i/></w:rPr><w:t>" + text + "</w:t></w:r>";
  }

  static String sup(String text) {
    return "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>" + text + "</w:t></w:r>";
  }

  /** The manuscript's paragraphs; {@code typos} swaps printed numbers for wrong ones (old text to new). */
  static String body(Map<String, String> typos) {
    StringBuilder b = new StringBuilder();
    if (typos.containsKey(EXTRA)) {
      b.append(p(r(typos.get(EXTRA))));
    }
    b.append(p(r("Long-term outcomes after endoscopic resection of small rectal neuroendocrine tumours")));
    b.append(p(r("1. Results")));
    b.append(p(r("A total of " + t(typos, "322") + " patients underwent endoscopic resection (ER) between 2009 and 2016 [1, 2]."),
        r(" Of these, " + t(typos, "142") + " did not meet the curative-resection criteria and " + t(typos, "180") + " did"),
        sup("3"), r(".")));
    // a comment around a sentence, and a co-author's tracked change on a number
    b.append(p("<w:commentRangeStart w:id=\"0\"/>",
        r("Of the 142, 44 (" + t(typos, "31.0") + "%) received additional treatment."),
        "<w:commentRangeEnd w:id=\"0\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"0\"/></w:r>",
        r(" Lymph-node metastasis was found in "),
        "<w:del w:id=\"1\" w:author=\"Co-author\" w:date=\"2024-01-02T10:00:00Z\"><w:r><w:delText>7</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\" w:author=\"Co-author\" w:date=\"2024-01-02T10:00:00Z\"><w:r><w:t>6</w:t></w:r></w:ins>",
        r(" patients (Table 2).")));
    b.append(p(r("Lesions initially resected as polyps ("), italic("P"), r(" = " + t(typos, "0.041") + ") and those treated with"
        + " conventional EMR ("), italic("P"), r(" = 0.012) were more frequent in the non-curative group (Figure 1).")));
    // Word splits runs where an edit session began: the odds ratio lies in two runs
    b.append(p(r("In the multivariable model, positive lymphovascular invasion (OR, " + t(typos, "61.971").substring(0, 4)),
        r(t(typos, "61.971").substring(4) + "; 95% CI, 6.260–613.452; "),
        italic("P"), r(" < 0.001) and tumour size (OR, 1.250; 95% CI, 1.009 to 1.547) were associated with additional treatment.")));
    b.append("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "<w:tr><w:tc>" + p(r("Resection margin indeterminate")) + "</w:tc><w:tc>" + p(r("OR 13.203")) + "</w:tc></w:tr>"
        + "<w:tr><w:tc>" + p(r("Diagnosed via biopsy")) + "</w:tc><w:tc>" + p(r("(P = " + t(typos, "0.002") + ")")) + "</w:tc></w:tr>"
        + "</w:tbl>");
    b.append(p(r("Statistical significance was set at P < 0.05."),
        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>"));
    return b.toString();
  }

  private static String t(Map<String, String> typos, String printed) {
    return typos.getOrDefault(printed, printed);
  }

  static String document(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"" + W + "\""
        + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" + body
        + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
  }

  static Map<String, String> parts(Map<String, String> typos) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        + "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
        + "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
        + "</Types>");
    parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
        + " Target=\"word/document.xml\"/></Relationships>");
    parts.put("word/document.xml", document(body(typos)));
    parts.put("word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>"
        + "</Relationships>");
    parts.put("word/footnotes.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:footnotes xmlns:w=\"" + W + "\">"
        + "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        + "<w:footnote w:id=\"1\"><w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r>"
        + r(" Median follow-up was " + t(typos, "40.49") + " months.") + "</w:p></w:footnote></w:footnotes>");
    parts.put("word/comments.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"" + W + "\">"
        + "<w:comment w:id=\"0\" w:author=\"Co-author\" w:date=\"2024-01-02T10:00:00Z\"><w:p><w:r><w:t>Was it 45 of 143 in the"
        + " 2017 draft?</w:t></w:r></w:p></w:comment></w:comments>");
    return parts;
  }

  public static Path write(Path file, Map<String, String> typos) {
    try {
      Files.write(file, bytes(typos));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The package's bytes: the same for the same typos (entries without timestamps' drift). */
  public static byte[] bytes(Map<String, String> typos) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(bytes)) {
        for (Map.Entry<String, String> e : parts(typos).entrySet()) {
          ZipEntry entry = new ZipEntry(e.getKey());
          entry.setTime(1_700_000_000_000L);
          z.putNextEntry(entry);
          z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
          z.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
