package studybook.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studybook.data.AdhocLoader;
import studybook.data.Frame;
import studybook.tables.HazardRatioTable.CoxOutcome;
import studybook.tables.SubgroupTable;

/** The subgroup table as the one renderer writes it: the overall row, a heading per subgroup with its interaction P. */
class SubgroupTableRenderTest {
  @Test
  void headingRowsCarryTheInteractionP() {
    Frame vet = AdhocLoader.load(Path.of("src/test/resources/reference/cox/veteran.csv"), Set.of("trt", "prior"),
        Map.of());
    SubgroupTable t = SubgroupTable.cox("subgroups", vet, null, CoxOutcome.of("time", "status"), "trt",
        List.of("karno"), List.of("celltype", "prior"));
    String md = ModelTablesRenderTest.markdown(t);
    // reference/subgroups/veteran-trt.json: interaction P 0.0839 (celltype) and 0.0983 (prior); HR 1.19 overall
    assertTrue(md.contains("P for interaction"), md);
    assertTrue(md.lines().anyMatch(l -> l.contains("celltype") && l.contains("0.084")), md);
    assertTrue(md.lines().anyMatch(l -> l.contains("All patients") && l.contains("1.19")), md);
    assertTrue(md.contains("anova(fit0, fit1)"), md);
  }
}
