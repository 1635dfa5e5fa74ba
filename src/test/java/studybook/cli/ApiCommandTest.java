package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studybook.ApiReference;

/** {@code studybook api}: the reference docs/API.md holds, from this build's classes, whole or one class. */
class ApiCommandTest {
  @Test
  void theApiCommandPrintsTheReferenceOrOneClass() {
    CliRun all = CliRun.of("api");
    assertEquals(0, all.code(), all.err());
    assertEquals(ApiReference.markdown(ApiReference.documentedClasses()), all.out());
    CliRun one = CliRun.of("api", "kmtable");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("\n## tables.KmTable\n") && !one.out().contains("## tables.Table1\n"), one.out());
    assertTrue(one.out().contains("static KmTable of(Frame data, Surv surv, double... times)"), one.out());
    CliRun typo = CliRun.of("api", "KmTabel");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("no documented class is named 'KmTabel'") && typo.err().contains("KmTable"),
        typo.err());
  }
}
