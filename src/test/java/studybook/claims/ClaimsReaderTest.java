package studybook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studybook.data.DataException;
import studybook.data.DataProblem;

class ClaimsReaderTest {
  static final String HEADER = "id,text,printed,kind,result,compare,note\n";
  @TempDir Path dir;

  private Path write(String body) throws IOException {
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, HEADER + body);
    return f;
  }

  @Test
  void readsTheStudyClaimsFile() {
    ClaimsFile f = ClaimsReader.read(Path.of("analysis/claims.csv"));
    assertEquals(20, f.claims().size());
    assertEquals(2, f.checks().size());
    Claim lvi = f.claim("p_lvi");
    assertEquals(Comparison.BELOW, lvi.comparison());
    assertEquals("table3.multivariable.terms.lvi=positive.p", lvi.result());
    assertEquals(Comparison.FLOOR_HALF_UP, f.claim("p_suspected").comparison());
    assertEquals(ClaimKind.PERCENTAGE, f.claim("additional_pct").kind());
  }

  @Test
  void defaultsTheComparisonFromKindAndPrintedText() throws IOException {
    ClaimsFile f = ClaimsReader.read(write("a,x,12,count,r.a,,\nb,y,<0.05,p,r.b,,\nc,z,1.50,odds_ratio,r.c,,\n"));
    assertEquals(Comparison.EXACT, f.claim("a").comparison());
    assertEquals(Comparison.BELOW, f.claim("b").comparison());
    assertEquals(Comparison.HALF_UP, f.claim("c").comparison());
    assertEquals(2, f.claim("c").printed().decimals());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // row | line | column | value
      "a,x,12,cout,r.a,, | 2 | kind | cout",
      "a,x,1.2.3,count,r.a,, | 2 | printed | 1.2.3",
      "a,x,,count,r.a,, | 2 | printed | ''",
      "a,x,12,count,,, | 2 | result | ''",
      "a,x,0.5,p,r.a,halfup, | 2 | compare | halfup",
      "a,x,<0.5,p,r.a,half_up, | 2 | compare | half_up",
      "a,x,0.5,p,r.a,below, | 2 | compare | below",
      "a,x,1.5,count,r.a,exact, | 2 | compare | exact",
      "9a,x,1,count,r.a,, | 2 | id | 9a",
      "c,x,,consistency,total(a) = b,, | 2 | result | total(a) = b",
  })
  void locatesEachProblem(String row, int line, String column, String value) throws IOException {
    DataException e = assertThrows(DataException.class, () -> ClaimsReader.read(write(row + "\n")));
    DataProblem p = e.problems().get(0);
    assertEquals(line, p.line());
    assertEquals(column, p.column());
    assertEquals(value, p.value());
    assertTrue(p.file().endsWith("claims.csv"));
  }

  @Test
  void reportsDuplicatesAndDanglingReferencesTogether() throws IOException {
    DataException e = assertThrows(DataException.class, () -> ClaimsReader.read(write(
        "a,x,1,count,r.a,,\na,y,2,count,r.b,,\nc,z,,consistency,\"sum(a, b) = a\",,\n")));
    List<DataProblem> problems = e.problems();
    assertEquals(2, problems.size());
    assertEquals(3, problems.get(0).line());
    assertEquals("id", problems.get(0).column());
    assertEquals(4, problems.get(1).line());
    assertEquals("b", problems.get(1).value());
  }

  @Test
  void rejectsAnUnknownHeaderColumnWithASuggestion() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "id,text,printed,kind,reslt,compare\na,x,1,count,r,\n");
    DataException e = assertThrows(DataException.class, () -> ClaimsReader.read(f));
    DataProblem first = e.problems().get(0);
    assertEquals(1, first.line());
    assertEquals("reslt", first.column());
    assertTrue(first.hint().contains("'result'"));
  }
}
