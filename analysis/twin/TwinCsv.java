import java.util.List;

/** Writes the twin as CSV: LF line ends, fixed decimals, so the same seed gives the same bytes. */
final class TwinCsv {
  private TwinCsv() {}

  static String render(List<TwinPatient> patients) {
    StringBuilder s = new StringBuilder(TwinPatient.HEADER).append('\n');
    for (TwinPatient p : patients) {
      s.append(p.csvLine()).append('\n');
    }
    return s.toString();
  }
}
