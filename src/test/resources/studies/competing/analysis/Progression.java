import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.tables.CumulativeIncidenceTable;

/** Progression of MGUS to a plasma-cell malignancy, with death before progression as a competing risk. */
public class Progression {
  @Cell("Cumulative incidence of a plasma-cell malignancy by sex, at 5, 10 and 20 years")
  public CumulativeIncidenceTable progression(Frame data) {
    return CumulativeIncidenceTable.of(data, "etime", "status", "pcm", "censored", "sex", 60, 120, 240);
  }
}
