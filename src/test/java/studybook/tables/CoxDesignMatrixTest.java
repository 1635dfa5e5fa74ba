package studybook.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.data.AdhocLoader;
import studybook.data.DataException;
import studybook.data.Frame;
import studybook.stats.survival.EventCoding;

/** Building a Cox design from a frame: complete cases counted, the status read as R's Surv, located errors. */
class CoxDesignMatrixTest {
  @TempDir Path dir;

  private Frame load(String csv) throws IOException {
    Path f = dir.resolve("d.csv");
    Files.writeString(f, csv);
    return AdhocLoader.load(f, Set.of(), Map.of());
  }

  @Test
  void rowsMissingTimeStatusTermOrStratumAreCountedNotKept() throws IOException {
    Frame f = load("t,s,x,g\n1,1,0.5,a\nNA,1,0.1,a\n3,NA,0.2,b\n4,0,NA,b\n5,1,0.3,\n6,0,0.9,b\n7,1,0.4,a\n");
    CoxDesignMatrix d = CoxDesignMatrix.of(f, "t", "s", Optional.empty(), List.of("x"), Optional.of("g"));
    assertEquals(4, d.excluded());
    assertEquals(3, d.design().n());
    assertEquals(EventCoding.Rule.ZERO_ONE, d.coding().rule());
    assertEquals(List.of("a", "b"), d.design().strata());
  }

  @Test
  void textStatusNeedsItsEventValue() throws IOException {
    Frame f = load("t,s,x\n1,dead,1\n2,alive,2\n3,dead,4\n4,alive,3\n");
    DataException e = assertThrows(DataException.class,
        () -> CoxDesignMatrix.of(f, "t", "s", Optional.empty(), List.of("x")));
    assertEquals("s", e.problems().get(0).column());
    CoxDesignMatrix d = CoxDesignMatrix.of(f, "t", "s", Optional.of("dead"), List.of("x"));
    assertEquals(2, d.design().events());
  }

  @Test
  void theTimeCannotAlsoBeATermNorATermTwice() throws IOException {
    Frame f = load("t,s,x\n1,1,1\n2,0,2\n3,1,4\n");
    assertTrue(assertThrows(DataException.class, () -> CoxDesignMatrix.of(f, "t", "s", Optional.empty(), List.of("t")))
        .getMessage().contains("cannot also be a term"));
    assertTrue(assertThrows(DataException.class,
        () -> CoxDesignMatrix.of(f, "t", "s", Optional.empty(), List.of("x", "x"))).getMessage().contains("twice"));
  }

  @Test
  void collinearTermsAreAnError() throws IOException {
    Frame f = load("t,s,x,y\n1,1,1,2\n2,0,2,4\n3,1,4,8\n4,1,3,6\n");
    DataException e = assertThrows(DataException.class,
        () -> CoxDesignMatrix.of(f, "t", "s", Optional.empty(), List.of("x", "y")));
    assertTrue(e.getMessage().contains("collinear"), e.getMessage());
  }
}
