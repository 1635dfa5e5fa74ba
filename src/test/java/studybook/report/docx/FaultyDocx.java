package studybook.report.docx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;

/** A deliberately bad Word table (equal columns, wider than a portrait page), for the check to catch. */
final class FaultyDocx {
  private FaultyDocx() {}

  static byte[] equalColumns(List<String> headers, List<String> row) throws IOException {
    try (XWPFDocument doc = new XWPFDocument()) {
      var sectPr = doc.getDocument().getBody().addNewSectPr();
      sectPr.addNewPgSz().setW(BigInteger.valueOf(DocxWriter.A4_SHORT));
      sectPr.getPgSz().setH(BigInteger.valueOf(DocxWriter.A4_LONG));
      var mar = sectPr.addNewPgMar();
      BigInteger m = BigInteger.valueOf(DocxWriter.MARGIN);
      mar.setTop(m);
      mar.setBottom(m);
      mar.setLeft(m);
      mar.setRight(m);
      int column = DocxWriter.PORTRAIT_TEXT * 13 / 10 / headers.size();
      XWPFTable t = doc.createTable(2, headers.size());
      t.setWidthType(TableWidthType.DXA);
      t.setWidth(column * headers.size());
      t.getCTTbl().getTblPr().addNewTblLayout().setType(STTblLayoutType.FIXED);
      CTTblGrid grid = t.getCTTbl().getTblGrid() != null ? t.getCTTbl().getTblGrid() : t.getCTTbl().addNewTblGrid();
      while (grid.sizeOfGridColArray() > 0) {
        grid.removeGridCol(0);
      }
      for (int c = 0; c < headers.size(); c++) {
        grid.addNewGridCol().setW(BigInteger.valueOf(column));
        t.getRow(0).getCell(c).setText(headers.get(c));
        t.getRow(1).getCell(c).setText(row.get(c));
        t.getRow(0).getCell(c).setWidth(Integer.toString(column));
        t.getRow(1).getCell(c).setWidth(Integer.toString(column));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    }
  }
}
