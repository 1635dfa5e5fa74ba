package studybook.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studybook.RowLevel;
import studybook.data.DataException;
import studybook.data.DataProblem;
import studybook.data.CodebookVariable;
import studybook.data.Frame;
import studybook.data.Numbers;
import studybook.data.VariableKind;
import studybook.stats.survival.CumulativeIncidence;
import studybook.stats.survival.CumulativeIncidenceCurve;
import studybook.stats.survival.CumulativeIncidenceFit;

/**
 * A competing-risks analysis read from a frame: follow-up time, a status column holding a censoring
 * value, the event of interest and any number of competing events, and an optional group; fitted as
 * {@link CumulativeIncidence} (Aalen-Johansen per group, Gray's test). The {@code cuminc} command and
 * study cells read a status the same way:
 * <pre>{@code
 * CompetingRisks recurrence = CompetingRisks.of(data, "followup_months", "outcome", "recurrence", "censored",
 *     "additional_treatment");
 * }</pre>
 *
 * <p>The censoring value defaults to "censored" (0 for a numeric status). When it is not given and the
 * default is absent, the reading refuses rather than take the censoring for a competing event; an event of
 * interest with no rows must be a declared level of the status (a codebook level, or --levels). A row
 * whose time, status or group is missing is left out and counted; a negative time is an error at its line.
 *
 * <p>The per-row arrays ({@link RowLevel}) reach results.json as their size and hash only.
 *
 * @param time the analysed times
 * @param status 0 censored, 1 event of interest, 2 competing, per analysed row
 * @param group the group index per analysed row
 * @param levels the group names ("all" without a group)
 * @param eventValue the status value of the event of interest
 * @param competing the status values counted as competing events, in level order
 * @param excluded rows left out for a missing time, status or group
 * @param fit the curves and Gray's test
 * @param labels the groups, the event and the competing events as the frame's codebook names them
 */
public record CompetingRisks(@RowLevel double[] time, @RowLevel int[] status, @RowLevel int[] group, List<String> levels, String eventValue,
    List<String> competing, int excluded, CumulativeIncidenceFit fit, Labels labels) implements Displayable {

  public CompetingRisks {
    time = time.clone();
    status = status.clone();
    group = group.clone();
    levels = List.copyOf(levels);
    competing = List.copyOf(competing);
    labels = labels == null ? new Labels("Groups", levels, eventValue, competing) : labels;
  }

  /** With the raw values as their own labels. */
  public CompetingRisks(double[] time, int[] status, int[] group, List<String> levels, String eventValue,
      List<String> competing, int excluded, CumulativeIncidenceFit fit) {
    this(time, status, group, levels, eventValue, competing, excluded, fit, null);
  }

  /**
   * What the table prints for the raw values: the codebook's level labels (as R prints a factor's labels).
   *
   * @param groupVariable the grouping variable's label ("Sex"), or "Groups" when it has none
   * @param groups one per group level, in level order
   * @param event the event of interest
   * @param competing one per competing event value, in order
   */
  public record Labels(String groupVariable, List<String> groups, String event, List<String> competing) {
    public Labels {
      groups = List.copyOf(groups);
      competing = List.copyOf(competing);
    }
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public int[] status() {
    return status.clone();
  }

  @Override
  public int[] group() {
    return group.clone();
  }

  /** The curves, one per group. */
  public List<CumulativeIncidenceCurve> curves() {
    return fit.curves();
  }

  /** The follow-up times of a column that must hold numbers; a word in it is an error at its line. */
  public static double[] survivalTimes(Frame frame, String time) {
    return studybook.data.SurvivalColumns.times(frame, time);
  }

  public static CompetingRisks of(Frame frame, String time, String status, String event, String censor, String by) {
    frame.requireColumn(time);
    frame.requireColumn(status);
    double[] times = survivalTimes(frame, time);
    boolean numeric = frame.kind(status) == VariableKind.CONTINUOUS;
    // distinct non-missing status values in level order (numbers numerically), as keys for comparison
    Map<Object, String> values = new LinkedHashMap<>();
    List<String> levels = numeric ? null : frame.levels(status);
    double[] numbers = numeric ? frame.values(status) : null;
    if (numeric) {
      java.util.TreeMap<Double, String> sorted = new java.util.TreeMap<>();
      for (int r = 0; r < frame.rowCount(); r++) {
        if (!Double.isNaN(numbers[r])) {
          sorted.putIfAbsent(numbers[r], frame.text(status, r));
        }
      }
      sorted.forEach(values::put);
    } else {
      levels.forEach(l -> values.put(l, l));
    }
    StatusCoding coding = StatusCoding.of(frame.source(), status, numeric, values, event, censor);
    List<String> competing = coding.competing();
    int[] codes = by == null ? new int[frame.rowCount()] : frame.codes(by);
    List<String> groups = by == null ? List.of("all") : frame.levels(by);
    int[] statusCodes = numeric ? null : frame.codes(status);
    List<DataProblem> negative = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    List<Integer> code = new ArrayList<>();
    int excluded = 0;
    for (int r = 0; r < frame.rowCount(); r++) {
      boolean missingStatus = numeric ? Double.isNaN(numbers[r]) : statusCodes[r] < 0;
      if (Double.isNaN(times[r]) || missingStatus || codes[r] < 0) {
        excluded++;
      } else if (times[r] < 0) {
        if (negative.size() < DataException.MAX_PROBLEMS) {
          negative.add(new DataProblem(frame.source(), frame.line(r), time, frame.text(time, r),
              "negative time", "a follow-up time counts from the start of observation; fix or remove the row"));
        }
      } else {
        Object k = numeric ? (Object) numbers[r] : levels.get(statusCodes[r]);
        kept.add(r);
        code.add(coding.code(k));
      }
    }
    if (!negative.isEmpty()) {
      throw new DataException(negative);
    }
    if (kept.isEmpty()) {
      throw new DataException(new DataProblem(frame.source(), 0, null, null,
          "no row has a time, a status" + (by == null ? "" : " and a group") + " to analyse", null));
    }
    int n = kept.size();
    double[] t = new double[n];
    int[] s = new int[n];
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      int r = kept.get(i);
      t[i] = times[r];
      s[i] = code.get(i);
      g[i] = codes[r];
    }
    // labels from the frame's own codebook: "Female", "Plasma-cell malignancy", not "F", "pcm"
    CodebookVariable statusVariable = frame.variable(status);
    CodebookVariable groupVariable = by == null ? null : frame.variable(by);
    Labels labels = new Labels(groupVariable == null || groupVariable.label().equals(by) ? "Groups" : groupVariable.label(),
        groupVariable == null ? groups : groups.stream().map(groupVariable::levelLabel).toList(),
        statusVariable.levelLabel(coding.eventValue()), competing.stream().map(statusVariable::levelLabel).toList());
    return new CompetingRisks(t, s, g, groups, coding.eventValue(), competing, excluded,
        CumulativeIncidence.fit(t, s, g, groups), labels);
  }

  /**
   * The analysis as a table: per group its patients, events of interest, competing events and the
   * cumulative incidence at its last observed time, with Gray's test of equal incidence across the groups;
   * footnotes name the methods with their R calls and the rows left out. The figure is a
   * {@code CumulativeIncidencePlot} of {@link #curves()}.
   */
  @Override
  public List<TableModel> display() {
    List<TableModel.Column> columns = List.of(TableModel.Column.label("Group"), TableModel.Column.number("Patients"),
        TableModel.Column.number("Events (" + labels.event() + ")"), TableModel.Column.number("Competing events"),
        TableModel.Column.number("Cumulative incidence at last follow-up"), TableModel.Column.number("P"));
    List<TableModel.Row> rows = new ArrayList<>();
    java.util.Optional<CumulativeIncidenceFit.GrayTest> gray = fit.gray();
    boolean grouped = curves().size() > 1;
    if (grouped) {
      TableValue p = gray.filter(CumulativeIncidenceFit.GrayTest::computed)
          .<TableValue>map(g -> new TableValue.PValue(g.p().getAsDouble(), "gray", g.chisq().getAsDouble(),
              g.df().getAsInt()))
          .orElse(TableValue.text("not computable"));
      List<TableValue> cells = new ArrayList<>(java.util.Collections.nCopies(4, TableValue.empty()));
      cells.add(p);
      rows.add(new TableModel.Row(TableModel.RowKind.HEADING, labels.groupVariable(), "", "", cells));
    }
    for (CumulativeIncidenceCurve c : curves()) {
      List<Double> inc = c.incidence();
      int at = levels.indexOf(c.group());
      String name = at >= 0 && at < labels.groups().size() ? labels.groups().get(at) : c.group();
      rows.add(new TableModel.Row(grouped ? TableModel.RowKind.LEVEL : TableModel.RowKind.PLAIN,
          grouped ? name : "All patients", "", "", List.of(TableValue.Count.of(c.n()), TableValue.Count.of(c.events()),
              TableValue.Count.of(c.competingEvents()),
              inc.isEmpty() ? TableValue.empty() : new TableValue.Percent(100 * inc.get(inc.size() - 1)),
              TableValue.empty())));
    }
    List<String> notes = new ArrayList<>();
    notes.add(CumulativeIncidenceCurve.METHOD + "; competing events: " + String.join(", ", labels.competing()) + ".");
    gray.flatMap(CumulativeIncidenceFit.GrayTest::notComputable)
        .ifPresent(why -> notes.add("Gray's test is not computable: " + why + "."));
    if (excluded > 0) {
      notes.add(TableValue.countInText(excluded) + " patients with a missing time, status or group were left out.");
    }
    List<TableModel.Test> tests = grouped && gray.map(CumulativeIncidenceFit.GrayTest::computed).orElse(false)
        ? List.of(new TableModel.Test("gray", "Gray's test of equal cumulative incidence", "cmprsk::cuminc(time, "
            + "status, group)$Tests", "χ²"))
        : List.of();
    return List.of(new TableModel("", "", columns, rows, tests, notes));
  }

  /**
   * How a status column's values code a competing-risks analysis: which value is the event of interest, which the
   * censoring, and the competing events (every other value, in order). The local frame and the Spark engine (which
   * finds a status column's values on the cluster) read a status by this one rule, with the same errors.
   *
   * @param eventKey the event's value as compared: the level, or the number for a numeric status
   * @param censorKey the censoring's value as compared
   * @param eventValue the event of interest as the data write it
   * @param competing the competing values as the data write them, in order
   */
  public record StatusCoding(Object eventKey, Object censorKey, String eventValue, List<String> competing) {
    public StatusCoding {
      competing = List.copyOf(competing);
    }

    /**
     * Reads --event and --censor against the status column's values.
     *
     * @param source the data file, for errors
     * @param numeric whether the status column holds numbers (keys are then Doubles)
     * @param values the distinct non-missing values in order (levels in level order, numbers ascending), each key
     *     to the text the data write it with
     * @param censor the censoring value, or null for the default ("censored", or 0 for a numeric status)
     */
    public static StatusCoding of(java.nio.file.Path source, String status, boolean numeric, Map<Object, String> values,
        String event, String censor) {
      String censorValue = censor != null ? censor.trim() : numeric ? "0" : "censored";
      String eventValue = event.trim();
      Object eventKey = key(source, status, numeric, eventValue, "--event");
      Object censorKey = key(source, status, numeric, censorValue, "--censor");
      if (eventKey.equals(censorKey)) {
        throw new DataException(new DataProblem(source, 1, status, eventValue,
            "the event of interest and the censoring value are the same",
            "give the censoring value (CompetingRisks.of's censor argument; cuminc's --censor)"));
      }
      if (!values.containsKey(eventKey)) {
        throw new DataException(new DataProblem(source, 1, status, eventValue,
            "the event of interest is not a value of the status column " + values.values(),
            // never the censoring value: a typo must not silently swap events and censorings
            studybook.Names.nearest(eventValue, values.entrySet().stream().filter(e -> !e.getKey().equals(censorKey))
                .map(Map.Entry::getValue).toList()).map(n -> "did you mean '" + n + "'?")
                .orElse("use one of them, or declare an event with no rows yet as a level of " + status
                    + " (in the codebook, or cuminc's --levels " + status + "=...)")));
      }
      if (censor != null && !numeric && !values.containsKey(censorKey)) {
        // a censoring value that is no level is a typo: read on, every censored patient would count as a
        // competing event (cmprsk's cencode does that silently)
        throw new DataException(new DataProblem(source, 1, status, censorValue,
            "the censoring value is not a value of the status column " + values.values(),
            studybook.Names.nearest(censorValue, values.entrySet().stream().filter(e -> !e.getKey().equals(eventKey))
                .map(Map.Entry::getValue).toList()).map(n -> "did you mean '" + n + "'?")
                .orElse("use one of them, or declare a censoring value with no rows as a level of " + status)));
      }
      if (censor == null && !values.containsKey(censorKey)) {
        throw new DataException(new DataProblem(source, 1, status, null,
            "has no value '" + censorValue + "' (the default censoring value); its values are " + values.values(),
            "name the censoring value with --censor, so that it is not taken for a competing event"));
      }
      List<String> competing = new ArrayList<>();
      values.forEach((k, v) -> {
        if (!k.equals(eventKey) && !k.equals(censorKey)) {
          competing.add(v);
        }
      });
      return new StatusCoding(eventKey, censorKey, values.get(eventKey), competing);
    }

    /** The code of a status value's key: {@link CumulativeIncidence#CENSORED}, {@code EVENT} or {@code COMPETING}. */
    public int code(Object key) {
      return key.equals(censorKey) ? CumulativeIncidence.CENSORED
          : key.equals(eventKey) ? CumulativeIncidence.EVENT : CumulativeIncidence.COMPETING;
    }

    private static Object key(java.nio.file.Path source, String status, boolean numeric, String value, String option) {
      if (!numeric) {
        return value;
      }
      if (!Numbers.looksNumeric(value)) {
        throw new DataException(new DataProblem(source, 1, status, null,
            "holds numbers but " + option + " is '" + value + "'", "give the number that codes it"));
      }
      return Numbers.parse(value);
    }
  }

}
