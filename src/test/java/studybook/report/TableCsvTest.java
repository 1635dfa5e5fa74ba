package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import studybook.tables.Tabular;

/** Issue 16: tables/*.csv never hold text a spreadsheet would run as a formula (OWASP CSV injection). */
class TableCsvTest {
  private record Levels(List<List<Object>> rows) implements Tabular {
    @Override
    public String tableName() {
      return "levels";
    }

    @Override
    public List<String> columns() {
      return List.of("level", "n");
    }
  }

  @Test
  void formulaLikeTextIsWrittenAsTextAndNumbersStayNumbers() {
    String csv = TableCsv.of(new Levels(List.of(
        List.of("=HYPERLINK(\"http://x\",\"y\")", 1), List.of("+1", -2), List.of("-2+3", -2.5), List.of("@SUM(A1)", 0),
        List.of("\tx", 1), List.of("plain", 3))));
    assertEquals("""
        level,n
        "'=HYPERLINK(""http://x"",""y"")",1
        "'+1",-2
        "'-2+3",-2.5
        "'@SUM(A1)",0
        "'\tx",1
        plain,3
        """, csv);
  }
}
