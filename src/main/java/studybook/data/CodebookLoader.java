package studybook.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import studybook.Names;

/**
 * Reads {@code data/codebook.csv} (header
 * {@code variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description};
 * only {@code variable} and {@code type} are compulsory, the columns may come in any order) and
 * checks that it does not contradict itself. Every contradiction found is reported at once, each
 * with the codebook's file, line, column and value.
 */
public final class CodebookLoader {
  private CodebookLoader() {}

  /** The codebook's columns, in their pinned order. */
  public static final List<String> COLUMNS = List.of("variable", "label", "type", "levels", "level_labels", "unit",
      "min", "max", "missing", "required", "summary", "description");

  /** Separates the items of the list-valued columns (levels, level_labels, missing). */
  public static final char LIST_SEPARATOR = '|';

  private static final int VARIABLE = 0;
  private static final int LABEL = 1;
  private static final int TYPE = 2;
  private static final int LEVELS = 3;
  private static final int LEVEL_LABELS = 4;
  private static final int UNIT = 5;
  private static final int MIN = 6;
  private static final int MAX = 7;
  private static final int MISSING = 8;
  private static final int REQUIRED = 9;
  private static final int SUMMARY = 10;
  private static final int DESCRIPTION = 11;

  public static Codebook load(Path file) {
    Rows rows = new Rows();
    studybook.data.readers.DataReaders.readRecords(file, rows);
    return new Reading(file, rows).codebook();
  }

  /** What starts a cell that a spreadsheet would run as a formula (OWASP, "CSV Injection"). */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  /**
   * A codebook cell as written to a CSV file: one a spreadsheet would run as a formula (it starts with
   * = + - @, a tab or a carriage return, and is not a plain number) gets a leading apostrophe, which
   * spreadsheets show as text and {@link #load} removes again, so the codebook reads back unchanged.
   */
  public static String protect(String cell) {
    if (cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0 && cell.charAt(0) != '\'') {
      return cell;
    }
    if (cell.charAt(0) != '\'' && Numbers.looksNumeric(cell)) {
      return cell;
    }
    return "'" + cell;
  }

  /** {@link #protect} undone: a leading apostrophe before a formula start (or before another apostrophe) goes. */
  static String unprotected(String cell) {
    return cell.length() >= 2 && cell.charAt(0) == '\'' && (FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0 || cell.charAt(1) == '\'')
        ? cell.substring(1) : cell;
  }

  /** Splits a list cell on '|', trimming each item; an empty cell is an empty list. */
  static List<String> splitList(String cell) {
    List<String> out = new ArrayList<>();
    if (cell.isBlank()) {
      return out;
    }
    int start = 0;
    for (int i = 0; i <= cell.length(); i++) {
      if (i == cell.length() || cell.charAt(i) == LIST_SEPARATOR) {
        out.add(cell.substring(start, i).trim());
        start = i + 1;
      }
    }
    return out;
  }

  private static final class Rows implements CsvReader.RecordHandler {
    List<String> header;
    final List<String[]> records = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();

    @Override
    public void header(List<String> names) {
      header = names;
    }

    @Override
    public void record(int line, String[] fields) {
      records.add(fields.clone());
      lines.add(line);
    }
  }

  /** One pass over the rows that collects every problem before deciding. */
  private static final class Reading {
    private final Path file;
    private final Rows rows;
    private final List<DataProblem> problems = new ArrayList<>();
    /** Index in the file's header of each of {@link #COLUMNS}, or -1 when the file leaves it out. */
    private final int[] at = new int[COLUMNS.size()];

    Reading(Path file, Rows rows) {
      this.file = file;
      this.rows = rows;
    }

    Codebook codebook() {
      mapHeader();
      if (problems.isEmpty() && rows.records.isEmpty()) {
        problems.add(new DataProblem(file, 0, null, null, "the codebook declares no variables",
            "add one row per column of the data"));
      }
      List<CodebookVariable> variables = new ArrayList<>();
      if (problems.isEmpty()) {
        Set<String> names = new HashSet<>();
        for (int r = 0; r < rows.records.size() && problems.size() < DataException.MAX_PROBLEMS; r++) {
          CodebookVariable v = variable(rows.lines.get(r), rows.records.get(r), names);
          if (v != null) {
            variables.add(v);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new DataException(problems.subList(0, Math.min(problems.size(), DataException.MAX_PROBLEMS)));
      }
      return new Codebook(file, variables);
    }

    private void mapHeader() {
      java.util.Arrays.fill(at, -1);
      List<String> header = rows.header;
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).trim();
        int known = COLUMNS.indexOf(name.toLowerCase(Locale.ROOT));
        if (known < 0) {
          problems.add(new DataProblem(file, 1, header.get(i), null, "is not a codebook column",
              Names.nearest(name, COLUMNS).map(n -> "did you mean '" + n + "'?")
                  .orElse("the codebook columns are " + String.join(",", COLUMNS))));
        } else {
          at[known] = i;
        }
      }
      for (int required : new int[] {VARIABLE, TYPE}) {
        if (at[required] < 0) {
          problems.add(new DataProblem(file, 1, COLUMNS.get(required), null, "the codebook has no such column",
              "the header must be " + String.join(",", COLUMNS)));
        }
      }
    }

    private String cell(String[] record, int column) {
      return at[column] < 0 ? "" : unprotected(record[at[column]]);
    }

    private void problem(int line, int column, String value, String message, String hint) {
      problems.add(new DataProblem(file, line, COLUMNS.get(column), value, message, hint));
    }

    /** The variable on one codebook row, or null when the row contradicts itself (the problems are recorded). */
    private CodebookVariable variable(int line, String[] record, Set<String> names) {
      int before = problems.size();
      String name = cell(record, VARIABLE).trim();
      if (name.isEmpty()) {
        problem(line, VARIABLE, cell(record, VARIABLE), "the variable has no name", "write the column name of the data");
      } else if (!names.add(name)) {
        problem(line, VARIABLE, name, "the variable is declared twice", "keep one row per variable");
      }
      String who = "'" + name + "': ";

      String typeCell = cell(record, TYPE);
      VariableType type = VariableType.fromToken(typeCell).orElse(null);
      if (type == null) {
        problem(line, TYPE, typeCell, who + "unknown type", Names.nearest(typeCell.trim(), VariableType.tokens())
            .map(n -> "did you mean '" + n + "'? ").orElse("") + "the types are " + String.join(", ", VariableType.tokens()));
      }

      List<String> levels = splitList(cell(record, LEVELS));
      List<String> levelLabels = splitList(cell(record, LEVEL_LABELS));
      List<String> missing = splitList(cell(record, MISSING));
      missing.removeIf(String::isEmpty);
      checkLevels(line, who, type, levels, levelLabels, missing, cell(record, LEVELS));
      // Invisible and control characters are refused, not removed: a level must equal the data's value,
      // and a character that reorders (U+202E) or hides (U+200B) text makes what a reader sees differ from it.
      unsafe(line, VARIABLE, who, List.of(name), "name");
      unsafe(line, LEVELS, who, levels, "level");
      unsafe(line, LEVEL_LABELS, who, levelLabels, "level label");
      unsafe(line, MISSING, who, missing, "missing token");
      unsafe(line, LABEL, who, List.of(cell(record, LABEL)), "label");

      OptionalDouble min = bound(line, MIN, who, type, cell(record, MIN));
      OptionalDouble max = bound(line, MAX, who, type, cell(record, MAX));
      if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
        problem(line, MIN, cell(record, MIN), who + "min is greater than max (" + cell(record, MAX).trim() + ")",
            "swap them");
      }

      if (type == VariableType.DATE && !cell(record, UNIT).isBlank()) {
        try {
          DatePattern.of(cell(record, UNIT));
        } catch (IllegalArgumentException e) {
          problem(line, UNIT, cell(record, UNIT), who + "not a date pattern (" + e.getMessage() + ")",
              "write a pattern such as dd.MM.yyyy or MM/dd/yyyy, or leave it empty for yyyy-MM-dd");
        }
      }

      String requiredCell = cell(record, REQUIRED).trim().toLowerCase(Locale.ROOT);
      boolean required = requiredCell.equals("yes");
      if (!requiredCell.isEmpty() && !required && !requiredCell.equals("no")) {
        problem(line, REQUIRED, cell(record, REQUIRED), who + "required must be yes or no", "write yes or no");
      }

      String summaryCell = cell(record, SUMMARY);
      SummaryStyle summary = SummaryStyle.MEDIAN_IQR;
      if (!summaryCell.isBlank()) {
        summary = SummaryStyle.fromToken(summaryCell).orElse(null);
        if (summary == null) {
          problem(line, SUMMARY, summaryCell, who + "unknown summary", "write mean_sd or median_iqr (the default)");
        } else if (type != null && type != VariableType.CONTINUOUS && type != VariableType.INTEGER) {
          // A mean of a 0/1 or category code would print as a number nobody asked for.
          problem(line, SUMMARY, summaryCell, who + "a " + summaryCell.trim() + " summary applies to numbers, and the"
              + " variable is " + type.name().toLowerCase(Locale.ROOT), "leave summary empty: it is counted by level");
        }
      }

      if (problems.size() > before) {
        return null;
      }
      if (levelLabels.isEmpty()) {
        levelLabels = levels;
      }
      return new CodebookVariable(name, cell(record, LABEL).trim(), type, levels, levelLabels, cell(record, UNIT).trim(),
          min, max, missing, required, summary, cell(record, DESCRIPTION).trim(), line);
    }

    private void unsafe(int line, int column, String who, List<String> items, String what) {
      for (String item : items) {
        String c = studybook.TerminalText.firstUnsafe(item);
        if (c != null) {
          problem(line, column, item, who + "the " + what + " holds the invisible or control character " + c,
              "delete it (it reorders or hides text on screen and in reports); if the data hold it too, clean them first");
          return;
        }
      }
    }

    private void checkLevels(int line, String who, VariableType type, List<String> levels, List<String> levelLabels,
        List<String> missing, String levelsCell) {
      if (type != null && !type.hasLevels()) {
        if (!levels.isEmpty()) {
          problem(line, LEVELS, levelsCell, who + "a " + type.token() + " variable has no levels",
              "empty the cell, or make the type categorical");
        }
        if (!levelLabels.isEmpty()) {
          problem(line, LEVEL_LABELS, String.join("|", levelLabels), who + "a " + type.token()
              + " variable has no levels to label", "empty the cell, or make the type categorical");
        }
        return;
      }
      Set<String> seen = new HashSet<>();
      for (String level : levels) {
        if (level.isEmpty()) {
          problem(line, LEVELS, levelsCell, who + "an empty level", "remove the extra '|'");
        } else if (!seen.add(level)) {
          problem(line, LEVELS, level, who + "the level is listed twice", "list each level once");
        } else if (missing.contains(level)) {
          problem(line, LEVELS, level, who + "the level is also declared a missing token",
              "remove it from levels or from missing");
        }
      }
      if (type == VariableType.CATEGORICAL && levels.isEmpty()) {
        problem(line, LEVELS, levelsCell, who + "a categorical variable needs its levels",
            "list them separated by '|', reference level first");
      }
      if (type == VariableType.BINARY && levels.size() != 2) {
        problem(line, LEVELS, levelsCell, who + "a binary variable needs exactly 2 levels, not " + levels.size(),
            "list two levels, or make the type categorical");
      }
      if (!levelLabels.isEmpty() && levelLabels.size() != levels.size()) {
        problem(line, LEVEL_LABELS, String.join("|", levelLabels), who + levelLabels.size() + " level labels for "
            + levels.size() + " levels", "give one label per level, in the order of levels");
      }
    }

    private OptionalDouble bound(int line, int column, String who, VariableType type, String cell) {
      String s = cell.trim();
      if (s.isEmpty()) {
        return OptionalDouble.empty();
      }
      if (type != null && !type.isNumeric()) {
        problem(line, column, cell, who + COLUMNS.get(column) + " applies only to continuous and integer variables",
            "empty the cell");
        return OptionalDouble.empty();
      }
      if (!Numbers.looksNumeric(s)) {
        problem(line, column, cell, who + COLUMNS.get(column) + " is not a number",
            "write a plain number such as 0 or 12.5");
        return OptionalDouble.empty();
      }
      double v = Numbers.parse(s);
      if (Double.isInfinite(v)) {
        problem(line, column, cell, who + COLUMNS.get(column) + " is beyond the range of a double",
            "leave it empty for no bound");
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(v);
    }
  }
}
