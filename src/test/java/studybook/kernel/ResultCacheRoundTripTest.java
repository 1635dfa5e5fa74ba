package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.stats.survival.LogRank;
import studybook.tables.CompetingRisks;
import studybook.tables.HazardRatioTable;
import studybook.tables.LinearModelTable;
import studybook.tables.RegressionTable;

/**
 * Every table and model result a study returns round-trips through the cell cache, so a rerun (and a
 * serve save) recomputes only what changed: stored, read back, and the same output hash.
 */
class ResultCacheRoundTripTest {
  @TempDir Path dir;

  static Object result(String kind) {
    Path ref = Path.of("src/test/resources/reference");
    switch (kind) {
      case "hazardRatioTable": {
        Frame vet = AdhocLoader.load(ref.resolve("cox/veteran.csv"), Set.of(), Map.of());
        return HazardRatioTable.of("hr", vet, null, HazardRatioTable.CoxOutcome.of("time", "status"),
            List.of("celltype", "karno"), List.of("celltype", "karno"));
      }
      case "logRankTest":
        return LogRank.test(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new boolean[] {true, false, true, true, false,
            true, true, false}, new int[] {0, 1, 0, 1, 0, 1, 0, 1}, List.of("a", "b"));
      case "competingRisks": {
        Frame mgus = AdhocLoader.load(ref.resolve("cuminc/mgus2.csv"), Set.of(), Map.of());
        return CompetingRisks.of(mgus, "etime", "status", "pcm", "censored", "sex");
      }
      case "linearModelTable": {
        Frame air = AdhocLoader.load(ref.resolve("linear/airquality.csv"), Set.of(), Map.of());
        return LinearModelTable.of("lm", air, null, "Ozone", List.of("Wind", "Temp"));
      }
      case "regressionTable": {
        Frame bw = AdhocLoader.load(ref.resolve("logistic/birthwt.csv"), Set.of(), Map.of("ptl",
            List.of("0", "1", "2", "3")));
        return RegressionTable.of("t", bw, null, "low", "1", List.of("age"), List.of("age", "ptl"));
      }
      case "kmTable": {
        Frame vet = AdhocLoader.load(ref.resolve("cox/veteran.csv"), Set.of("trt"), Map.of());
        return studybook.tables.KmTable.of("km", vet, studybook.data.Surv.of("time", "status").by("trt"), 90, 365);
      }
      case "cumulativeIncidenceTable": {
        Frame mgus = AdhocLoader.load(ref.resolve("cuminc/mgus2.csv"), Set.of(), Map.of());
        return studybook.tables.CumulativeIncidenceTable.of("ci", mgus, "etime", "status", "pcm", "censored", "sex", 60);
      }
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hazardRatioTable", "logRankTest", "competingRisks", "linearModelTable", "regressionTable",
      "kmTable", "cumulativeIncidenceTable"})
  void roundTrips(String kind) {
    Object value = result(kind);
    String hash = ResultJson.hash(value);
    ResultCache cache = new ResultCache(dir);
    Map<String, String> inputs = Map.of("data", "abc");
    assertTrue(cache.store(kind, "k1", "v1", inputs, 7, value, hash), kind + " is not cacheable");
    ResultCache.Lookup hit = cache.lookup(kind, "k1", "v1", inputs, 7, getClass().getClassLoader());
    assertTrue(hit.hit(), hit.reason());
    assertEquals(value.getClass(), hit.value().getClass());
    assertEquals(hash, ResultJson.hash(hit.value()));
  }
}
