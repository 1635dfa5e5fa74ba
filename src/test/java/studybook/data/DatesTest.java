package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The date type and the intervals derived from dates. */
class DatesTest {

  @Test
  void monthsBetweenUseTheMeanJulianMonthAsR(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("d.csv");
    Files.writeString(data, "pid,resected,lastseen\nP1,2019-03-14,2023-03-01\nP2,2019-05-02,2021-12-24\n"
        + "P3,2020-02-29,2024-02-29\nP4,2020-01-01,\n");
    Path cb = tmp.resolve("cb.csv");
    Files.writeString(cb, "variable,type\npid,id\nresected,date\nlastseen,date\n");
    Frame f = StudyDataLoader.load(data, CodebookLoader.load(cb));
    // R 4.2.2: as.numeric(b - a) and as.numeric(b - a) / (365.25 / 12)
    assertEquals(1448, Dates.daysBetween(f, "resected", "lastseen")[0]);
    double[] months = Dates.monthsBetween(f, "resected", "lastseen");
    assertEquals(47.5728952772074, months[0], 1e-12);
    assertEquals(31.7700205338809, months[1], 1e-12);
    assertEquals(48, months[2], 1e-12);
    assertTrue(Double.isNaN(months[3]));
    Frame withFollowUp = Dates.withMonthsBetween(f, "followup_months", "resected", "lastseen");
    assertEquals(VariableKind.CONTINUOUS, withFollowUp.kind("followup_months"));
    assertEquals("2019-03-14", Dates.iso(f.values("resected")[0]));
  }

  @ParameterizedTest(name = "{0} as ''{1}''")
  @CsvSource(delimiterString = " ; ", value = {
    "2023-02-28 ; '' ; true",
    "2024-02-29 ; '' ; true",
    "2023-02-29 ; '' ; false",
    "2023-02-30 ; '' ; false",
    "2023-13-01 ; '' ; false",
    "28.02.2023 ; dd.MM.yyyy ; true",
    "30.02.2023 ; dd.MM.yyyy ; false",
    "02/28/2023 ; MM/dd/yyyy ; true",
    "2023-02-28 ; dd.MM.yyyy ; false",
  })
  void datesAreParsedStrictly(String text, String pattern, boolean valid) {
    assertEquals(valid, DatePattern.of(pattern).epochDay(text).isPresent());
  }

  @Test
  void aDeclaredPatternReadsTheDatesAndABadPatternIsACodebookError(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("d.csv");
    Files.writeString(data, "pid,seen\nP1,14.03.2019\nP2,31.04.2019\n");
    Path cb = tmp.resolve("cb.csv");
    Files.writeString(cb, "variable,type,unit\npid,id,\nseen,date,dd.MM.yyyy\n");
    DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
        () -> StudyDataLoader.load(data, CodebookLoader.load(cb)));
    assertEquals(3, e.first().line());
    assertEquals("the date does not exist", e.first().message());
    assertFalse(DatePattern.of("dd.MM.yyyy").isImpossibleDate("14/03/2019"));

    Files.writeString(cb, "variable,type,unit\npid,id,\nseen,date,dd.MM.yyyy{\n");
    DataException bad = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> CodebookLoader.load(cb));
    assertEquals("unit", bad.first().column());
  }
}
