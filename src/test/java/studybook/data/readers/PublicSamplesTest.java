package studybook.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by SPSS 25, Stata and SAS 9.4 themselves (public/README.md says where they come from)
 * read as pyreadstat's CSV of the same data says: text, numbers, dates and, where the format carries
 * them, variable and value labels.
 */
class PublicSamplesTest {
  static final Path DIR = ReadersAgreeTest.DIR.resolve("public");

  static int column(SourceTable t, String name) {
    List<String> names = t.names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    return names.indexOf(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample.sav", "sample.zsav", "sample.dta", "sample.xpt", "sample.sas7bdat"})
  void theSamplesReadAsPyreadstatRendersThem(String file) {
    SourceTable t = DataReaders.read(DIR.resolve(file), ReadOptions.defaults());
    SourceTable expected = DataReaders.read(DIR.resolve("sample.csv"), ReadOptions.defaults());
    for (String name : List.of("mychar", "mynum", "mydate", "mylabl", "myord")) {
      assertEquals(List.of(expected.cells()[column(expected, name)]), List.of(t.cells()[column(t, name)]), file + " " + name);
    }
    assertEquals(CellKind.DATE, t.columns().get(column(t, "mydate")).kind(), file);
    if (file.endsWith("sav") || file.endsWith("dta")) {
      SourceColumn labelled = t.columns().get(column(t, "mylabl"));
      assertEquals("labeled", labelled.label());
      assertEquals(Map.of("1", "Male", "2", "Female"), labelled.valueLabels());
      assertEquals(List.of("low", "medium", "high"), List.copyOf(t.columns().get(column(t, "myord")).valueLabels().values()));
    }
  }

  @org.junit.jupiter.api.Test
  void spssUserMissingAndStataExtendedMissingAsTheProgramsWroteThem() {
    SourceTable sav = DataReaders.read(DIR.resolve("sample_missing.sav"), ReadOptions.defaults());
    SourceColumn ord = sav.columns().get(column(sav, "myord"));
    assertEquals(List.of("-1", "-2", "-3"), ord.missingTokens());
    assertEquals("-3", sav.cells()[column(sav, "myord")][6]);
    SourceTable dta = DataReaders.read(DIR.resolve("missing_test.dta"), ReadOptions.defaults());
    assertEquals(List.of(".a", ".b", ".c", ".x", ".y", ".z", "", "", "1"), List.of(dta.row(0)));
    assertEquals(Map.of(".a", "missing"), dta.columns().get(0).valueLabels());
  }
}
