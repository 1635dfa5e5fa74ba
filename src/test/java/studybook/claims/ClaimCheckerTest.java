package studybook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimCheckerTest {
  @TempDir Path dir;

  private ClaimsFile claims() throws IOException {
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, """
        id,text,printed,kind,result,compare,note
        n,322 patients,322,count,cohort.total,exact,
        pct,31.0%,31.0,percentage,cohort.pct,half_up,
        or,OR 61.971,61.971,odds_ratio,model.terms.lvi=positive.or,half_up,
        p,P < 0.001,<0.001,p,model.terms.lvi=positive.p,below,
        q,P = 0.001,0.001,p,model.terms.margin=indeterminate.p,floor_half_up,
        gone,absent,1,count,cohort.nothing,exact,
        part,44,44,count,cohort.part,exact,
        whole,142,142,count,cohort.whole,exact,
        rest,180,180,count,cohort.rest,exact,
        c1,44/142,,consistency,"percent(part, whole) = pct",,
        c2,180 + 142,,consistency,"sum(rest, whole) = n",,
        """);
    return ClaimsReader.read(f);
  }

  private static JsonNode results(double or, double p, double q) {
    ObjectMapper m = new ObjectMapper();
    var root = m.createObjectNode();
    root.putObject("cohort").put("total", 322).put("pct", 100.0 * 44 / 142).putNull("nothing")
        .put("part", 44).put("whole", 142).put("rest", 180);
    var terms = root.putObject("model").putArray("terms");
    terms.addObject().put("term", "lvi=positive").put("or", or).put("p", p);
    terms.addObject().put("term", "margin=indeterminate").put("or", 13.2).put("p", q);
    return root;
  }

  @Test
  void reproducedWhenEveryValueIsInItsWindow() throws IOException {
    List<Verdict> v = ClaimChecker.check(claims(), results(61.97103, 2e-5, 0.00125));
    assertEquals(List.of(Verdict.Status.REPRODUCED, Verdict.Status.REPRODUCED, Verdict.Status.REPRODUCED,
        Verdict.Status.REPRODUCED, Verdict.Status.REPRODUCED, Verdict.Status.NOT_CHECKABLE,
        Verdict.Status.REPRODUCED, Verdict.Status.REPRODUCED, Verdict.Status.REPRODUCED),
        v.stream().map(Verdict::status).toList());
    assertEquals(61.97103, v.get(2).recomputed(), 0);
    assertEquals("<0.001", v.get(3).published());
    assertTrue(v.get(2).safelyReproduced());
  }

  @Test
  void detectsMismatches() throws IOException {
    List<Verdict> v = ClaimChecker.check(claims(), results(61.9716, 0.001, 0.0009));
    assertEquals(Verdict.Status.MISMATCH, v.get(2).status());
    assertTrue(v.get(2).reason().contains("above"));
    assertEquals(Verdict.Status.MISMATCH, v.get(3).status(), "p = 0.001 is not < 0.001");
    assertEquals(Verdict.Status.MISMATCH, v.get(4).status(), "0.0009 would have been printed <0.001");
    assertTrue(v.get(4).reason().contains("below"));
  }

  @Test
  void reproducedButNotSafelyNearABoundary() throws IOException {
    Verdict v = ClaimChecker.check(claims(), results(61.97051, 1e-4, 0.00125)).get(2);
    assertEquals(Verdict.Status.REPRODUCED, v.status());
    assertFalse(v.safelyReproduced());
  }

  @Test
  void missingOrNullResultsAreNotCheckable() throws IOException {
    List<Verdict> v = ClaimChecker.check(claims(), new ObjectMapper().createObjectNode());
    assertTrue(v.stream().allMatch(x -> x.status() == Verdict.Status.NOT_CHECKABLE));
    assertTrue(v.get(0).reason().contains("cohort.total"));
  }

  @Test
  void consistencyChecksUseThePrintedValues() throws IOException {
    List<ConsistencyVerdict> c = ClaimChecker.consistency(claims());
    assertTrue(c.get(0).consistent());
    assertEquals(30.985915492957748, c.get(0).computed(), 1e-12);
    assertTrue(c.get(1).consistent());
    assertEquals(322, c.get(1).computed(), 0);
  }

  @Test
  void inconsistentPrintedValuesAreFlagged() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, """
        id,text,printed,kind,result,compare,note
        a,44,44,count,x.a,,
        b,142,142,count,x.b,,
        pct,30.0%,30.0,percentage,x.p,,
        s,186,186,count,x.s,,
        c1,x,,consistency,"percent(a, b) = pct",,
        c2,x,,consistency,"sum(a, b) = s",,
        """);
    List<ConsistencyVerdict> c = ClaimChecker.consistency(ClaimsReader.read(f));
    assertFalse(c.get(0).consistent());
    assertTrue(c.get(1).consistent());
  }

  @Test
  void pathsFindDottedFieldsAndArrayIndices() throws IOException {
    var m = new ObjectMapper();
    JsonNode root = m.readTree("{\"a\": {\"b.c\": [10, {\"name\": \"x\", \"v\": 2}]}}");
    assertEquals(10, ResultPath.resolve(root, "a.b.c.0").orElseThrow().intValue());
    assertEquals(2, ResultPath.resolve(root, "a.b.c.x.v").orElseThrow().intValue());
    assertTrue(ResultPath.resolve(root, "a.b.c.y.v").isEmpty());
  }
}
