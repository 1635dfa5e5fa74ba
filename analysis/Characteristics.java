import java.util.List;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.tables.GroupTable;

/** Tables 1 and 2: patient and lesion characteristics by group, each compared by the default test. */
public class Characteristics {
  static final List<String> VARIABLES = List.of("age", "sex", "tumor_size_mm", "distance_av_cm", "initial_diagnosis",
      "suspected_net", "er_method", "grade", "ki67_percent", "depth", "lvi", "resection_margin");

  @Cell("Table 1: characteristics of all patients by curative resection")
  public GroupTable table1(Frame studyData) {
    return GroupTable.of("table1", studyData, studyData.codebook(), "curative_resection", VARIABLES);
  }

  @Cell("Table 2: characteristics of the non-curative patients by additional treatment")
  public GroupTable table2(Frame nonCurative) {
    return GroupTable.of("table2", nonCurative, nonCurative.codebook(), "additional", VARIABLES);
  }
}
