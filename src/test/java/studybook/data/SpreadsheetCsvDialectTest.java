package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.claims.ClaimsFile;
import studybook.claims.ClaimsReader;
import studybook.data.readers.DataReaders;

/**
 * The codebook and the claims file are read in the dialect their bytes show, as the data are (issue 24):
 * the study's own files saved as a German spreadsheet saves CSV (';'-separated, decimal commas, CRLF; R's
 * write.csv2, src/test/r/spreadsheet_csv_dialect.R) give the same codebook and claims, and say so once.
 */
class SpreadsheetCsvDialectTest {
  static final Path DIR = Path.of("src/test/resources/readers");

  @Test
  void aSemicolonCodebookWithDecimalCommasReadsAsTheCommaOne() {
    List<String> notes = new ArrayList<>();
    DataReaders.NOTES.set(notes::add);
    try {
      Codebook semicolon = CodebookLoader.load(DIR.resolve("codebook_csv2.csv"));
      Codebook comma = CodebookLoader.load(Path.of("data/codebook.csv"));
      assertEquals(comma.variables(), semicolon.variables());
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("read as ';'-separated with ',' decimals"), notes.get(0));
    } finally {
      DataReaders.NOTES.remove();
    }
  }

  @Test
  void aSemicolonClaimsFileWithDecimalCommasReadsAsTheCommaOne() {
    List<String> notes = new ArrayList<>();
    DataReaders.NOTES.set(notes::add);
    try {
      ClaimsFile semicolon = ClaimsReader.read(DIR.resolve("claims_csv2.csv"));
      ClaimsFile comma = ClaimsReader.read(Path.of("analysis/claims.csv"));
      assertEquals(comma.claims(), semicolon.claims());
      assertEquals(comma.checks(), semicolon.checks());
      assertEquals(1, notes.size(), notes.toString());
    } finally {
      DataReaders.NOTES.remove();
    }
  }

  @Test
  void aCodebookWhoseLinesDisagreeIsRefusedAtTheLine(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("codebook.csv");
    Files.writeString(bad, "variable;label;type\nage;Age;integer\nsex;Sex;binary;extra\n");
    List<String> notes = new ArrayList<>();
    DataReaders.NOTES.set(notes::add);
    try {
      DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> CodebookLoader.load(bad));
      assertEquals(bad, e.first().file());
      assertEquals(3, e.first().line(), e.getMessage());
    } finally {
      DataReaders.NOTES.remove();
    }
  }
}
