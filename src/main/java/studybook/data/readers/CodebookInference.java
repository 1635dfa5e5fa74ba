package studybook.data.readers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import studybook.data.AdhocLoader;
import studybook.data.CodebookLoader;
import studybook.data.DatePattern;
import studybook.data.Numbers;

/**
 * Infers a codebook from a source file, one row per column, never leaving a column out. The rules, in
 * the order they are tried (README "Codebook inference" says the same):
 * <ol>
 *   <li>Missing: an empty cell, {@code NA} and {@code .}, and what the file declares missing (SPSS
 *       user-missing values, Stata {@code .a}-{@code .z}, SAS {@code .A}-{@code .Z}); a numeric column
 *       with at most 3 distinct words among at least 90% numbers takes those words as missing tokens, said.</li>
 *   <li>Date: the file stores the column as dates, or every value is an ISO date ({@code yyyy-MM-dd}) or
 *       a {@code dd.MM.yyyy} date.</li>
 *   <li>Id: named like an id ({@code id}, {@code pid}, {@code *_id}, {@code record_id}, {@code patient},
 *       {@code subject}, ...), no value missing, every value distinct.</li>
 *   <li>Value labels in the file (SPSS, Stata, REDCap choices) of values that are not missing codes: categorical (binary with two levels); the
 *       labelled values are the levels in the file's order, then unlabelled observed values; the labels
 *       are the level labels.</li>
 *   <li>Two distinct values: binary. Numbers: whole numbers with at most 5 distinct values and at most
 *       half as many distinct values as rows are categorical; other whole numbers integer, the rest
 *       continuous, with the observed range as min and max. Text with at most 20 distinct values:
 *       categorical; more: categorical with a note to review it (free text?).</li>
 * </ol>
 * Levels of numbers sort numerically, text levels by Unicode code point (as R's C locale).
 */
public final class CodebookInference {
  private CodebookInference() {}

  /** Text that means missing in any file. */
  public static final Set<String> MISSING_TOKENS = Set.of("NA", ".");
  private static final Pattern ID_NAME = Pattern.compile(
      "(?i)(id|pid|sid|mrn|patient|subject|record|case|study_?id|.*[_.]id|id[_.].*|(patient|subject|case|record)_?(no|nr|num|number))");
  private static final int MAX_CODED_LEVELS = 5;
  private static final int MAX_TEXT_LEVELS = 20;

  /**
   * One inferred variable.
   *
   * @param name the column
   * @param label the file's label, or ""
   * @param type the codebook type token
   * @param levels levels in order (categorical, binary)
   * @param levelLabels their labels
   * @param unit the date pattern of a date written otherwise than ISO, else ""
   * @param min the smallest value seen (numbers), or ""
   * @param max the largest value seen, or ""
   * @param missingTokens tokens to declare missing
   * @param missingSeen how many cells held each missing token ("" for an empty cell)
   * @param why the rule that decided the type
   */
  public record Inferred(String name, String label, String type, List<String> levels, List<String> levelLabels,
      String unit, String min, String max, List<String> missingTokens, Map<String, Integer> missingSeen, String why) {

    /** One line for the author: type, levels or range, missing tokens seen, why. */
    public String describe() {
      StringBuilder s = new StringBuilder(name).append(": ").append(type);
      if (!levels.isEmpty()) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < levels.size() && i < 8; i++) {
          shown.add(levels.get(i).equals(levelLabels.get(i)) ? levels.get(i) : levels.get(i) + "=" + levelLabels.get(i));
        }
        s.append(", levels ").append(String.join("|", shown)).append(levels.size() > 8 ? "|... (" + levels.size() + ")" : "");
      }
      if (!min.isEmpty()) {
        s.append(", range ").append(min).append(" to ").append(max);
      }
      if (!unit.isEmpty()) {
        s.append(", written ").append(unit);
      }
      if (missingSeen.isEmpty()) {
        s.append(", no missing values");
      } else {
        List<String> m = new ArrayList<>();
        missingSeen.forEach((k, v) -> m.add((k.isEmpty() ? "empty" : "'" + k + "'") + " x" + v));
        s.append(", missing ").append(String.join(", ", m));
      }
      // Printed to a terminal: nothing from the file may move the cursor, recolour or write the clipboard.
      return studybook.TerminalText.safe(s.append(" (").append(why).append(")").toString());
    }
  }

  public static List<Inferred> infer(SourceTable t) {
    List<Inferred> out = new ArrayList<>();
    for (int c = 0; c < t.columns().size(); c++) {
      Inferred v = infer(t.columns().get(c), t.cells()[c]);
      refuseUnsafe(t, c, v);
      out.add(neutralised(v));
    }
    return out;
  }

  /**
   * A name, level or missing token with a control, bidirectional or zero-width character is refused at
   * the first cell that holds it: the codebook must repeat the data's values, and such a character makes
   * what a reader sees differ from what is there (U+202E reverses the text after it, U+200B is invisible).
   */
  private static void refuseUnsafe(SourceTable t, int c, Inferred v) {
    String hint = "remove it where the file was made (it reorders or hides text on screen and in reports)";
    String name = t.columns().get(c).name();
    String bad = studybook.TerminalText.firstUnsafe(name);
    if (bad != null) {
      throw new studybook.data.DataException(new studybook.data.DataProblem(t.file(), t.rowWord().equals("case")
          || t.rowWord().equals("observation") ? 0 : 1, name, null, "the column name holds the invisible or control character " + bad, hint));
    }
    List<String> values = new ArrayList<>(v.levels());
    values.addAll(v.missingTokens());
    for (String value : values) {
      bad = studybook.TerminalText.firstUnsafe(value);
      String what = "the invisible or control character ";
      String way = hint;
      if (bad == null && value.indexOf(CodebookLoader.LIST_SEPARATOR) >= 0) {
        bad = "'|'";
        what = "the level separator of a codebook, ";
        way = "replace the '|' where the file was made (a level cannot hold it)";
      }
      if (bad == null) {
        continue;
      }
      String[] cells = t.cells()[c];
      int r = 0;
      while (r < cells.length - 1 && !cells[r].equals(value)) {
        r++;
      }
      boolean lines = t.rowWord().equals("line") || t.rowWord().equals("row");
      throw new studybook.data.DataException(new studybook.data.DataProblem(t.file(), lines ? t.rows()[r] : 0, name, value,
          (lines ? "" : t.where(r) + ": ") + "the value holds " + what + bad, way));
    }
  }

  /**
   * Labels are for reading: their control and invisible characters are shown as escapes, and a '|' in a
   * level label, which would split it in two in the codebook's list, is written as the broken bar U+00A6.
   */
  private static Inferred neutralised(Inferred v) {
    return new Inferred(v.name(), studybook.TerminalText.safe(v.label()), v.type(), v.levels(),
        v.levelLabels().stream().map(l -> studybook.TerminalText.safe(l).replace('|', '\u00a6')).toList(), v.unit(), v.min(),
        v.max(), v.missingTokens(),
        v.missingSeen(), v.why());
  }

  static Inferred infer(SourceColumn col, String[] cells) {
    Set<String> declared = new LinkedHashSet<>(col.missingTokens());
    Map<String, Integer> seen = new TreeMap<>(AdhocLoader::compareCodePoints);
    List<String> values = new ArrayList<>();
    // Blanks around a text value are dropped, as the codebook drops them around its levels (the loader
    // reads ' a' as the level 'a' and says so); values keyed by value labels are kept as the file has them.
    int padded = 0;
    String firstPadded = null;
    for (String cell : cells) {
      if (cell.isBlank() || MISSING_TOKENS.contains(cell.trim()) || declared.contains(cell)) {
        seen.merge(cell.isBlank() ? "" : cell, 1, Integer::sum);
      } else if (col.valueLabels().isEmpty() && !cell.strip().equals(cell)) {
        padded++;
        firstPadded = firstPadded == null ? cell : firstPadded;
        values.add(cell.strip());
      } else {
        values.add(cell);
      }
    }
    String blanks = padded == 0 ? "" : "; " + padded + " value" + (padded == 1 ? " has" : "s have")
        + " blanks around them (e.g. '" + firstPadded + "'), dropped";
    Set<String> tokens = new LinkedHashSet<>();
    tokens.addAll(declared);
    seen.keySet().stream().filter(k -> !k.isEmpty()).forEach(tokens::add);
    String label = col.label();
    Set<String> distinct = new LinkedHashSet<>(values);
    if (values.isEmpty()) {
      return new Inferred(col.name(), label, "continuous", List.of(), List.of(), "", "", "", List.copyOf(tokens), seen,
          "every value is missing; kept as continuous: review it");
    }
    // dates
    if (col.kind() == CellKind.DATE || col.kind() == CellKind.DATETIME) {
      String unit = col.kind() == CellKind.DATETIME ? "yyyy-MM-dd'T'HH:mm:ss" : "";
      return new Inferred(col.name(), label, "date", List.of(), List.of(), unit, "", "", List.copyOf(tokens), seen,
          col.kind() == CellKind.DATE ? "the file stores dates" : "the file stores date-times; the time of day is dropped");
    }
    for (String pattern : new String[] {"", "dd.MM.yyyy"}) {
      DatePattern p = DatePattern.of(pattern);
      if (values.stream().allMatch(v -> p.epochDay(v).isPresent())) {
        return new Inferred(col.name(), label, "date", List.of(), List.of(), pattern, "", "", List.copyOf(tokens), seen,
            "every value is a date " + p.pattern());
      }
    }
    boolean idName = ID_NAME.matcher(col.name().trim()).matches();
    if (idName && seen.isEmpty() && distinct.size() == values.size()) {
      return new Inferred(col.name(), label, "id", List.of(), List.of(), "", "", "", List.of(), seen,
          "named like an id, every value distinct");
    }
    // numbers, allowing a few words that must mean missing
    Set<String> words = new LinkedHashSet<>();
    int numbers = 0;
    for (String v : values) {
      if (Numbers.looksNumeric(v.trim())) {
        numbers++;
      } else {
        words.add(v);
      }
    }
    String wordNote = "";
    if (!words.isEmpty() && words.size() <= 3 && numbers >= 0.9 * values.size() && col.valueLabels().keySet().stream().noneMatch(words::contains)) {
      for (String w : words) {
        int count = (int) values.stream().filter(w::equals).count();
        seen.merge(w, count, Integer::sum);
        tokens.add(w);
      }
      values.removeIf(words::contains);
      distinct.removeAll(words);
      wordNote = "; " + String.join(", ", words.stream().map(w -> "'" + w + "'").toList()) + " in a numeric column taken as missing: review";
      words.clear();
    }
    boolean numeric = words.isEmpty();
    // Labels of missing codes alone (SPSS "-9 Refused") do not make a measurement categorical.
    boolean labelsValues = col.valueLabels().keySet().stream().anyMatch(k -> !tokens.contains(k) && !MISSING_TOKENS.contains(k));
    if (labelsValues) {
      List<String> levels = new ArrayList<>();
      List<String> levelLabels = new ArrayList<>();
      col.valueLabels().forEach((value, text) -> {
        if (!tokens.contains(value) && !MISSING_TOKENS.contains(value)) {
          levels.add(value);
          levelLabels.add(text.isBlank() ? value : text);
        }
      });
      for (String v : order(distinct, numeric)) {
        if (!levels.contains(v)) {
          levels.add(v);
          levelLabels.add(v);
        }
      }
      String why = "value labels in the file" + (levels.size() > col.valueLabels().size() ? "; some values have no label" : "");
      return levelled(col, label, levels, levelLabels, tokens, seen, why + wordNote);
    }
    if (distinct.size() <= 2) {
      List<String> levels = order(distinct, numeric);
      return levelled(col, label, levels, levels, tokens, seen, distinct.size() + " distinct value" + (distinct.size() == 1 ? "" : "s") + wordNote + blanks);
    }
    if (numeric) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean whole = true;
      for (String v : values) {
        double d = Numbers.parse(v.trim());
        min = Math.min(min, d);
        max = Math.max(max, d);
        whole &= d == Math.rint(d);
      }
      if (whole && distinct.size() <= MAX_CODED_LEVELS && distinct.size() * 2 <= values.size()) {
        List<String> levels = order(distinct, true);
        return levelled(col, label, levels, levels, tokens, seen,
            distinct.size() + " distinct whole numbers among " + values.size() + " values" + wordNote);
      }
      if (idName && seen.isEmpty() && distinct.size() == values.size()) {
        return new Inferred(col.name(), label, "id", List.of(), List.of(), "", "", "", List.of(), seen,
            "named like an id, every value distinct");
      }
      return new Inferred(col.name(), label, whole ? "integer" : "continuous", List.of(), List.of(), "", show(min),
          show(max), List.copyOf(tokens), seen, (whole ? "whole numbers" : "numbers") + ", " + distinct.size()
          + " distinct; min and max are the observed range" + wordNote);
    }
    List<String> levels = order(distinct, false);
    String why = distinct.size() <= MAX_TEXT_LEVELS ? distinct.size() + " distinct texts"
        : distinct.size() + " distinct texts: review (free text, or an id?)";
    if (idName && distinct.size() == values.size()) {
      why = "named like an id but " + (seen.isEmpty() ? "" : "some values are missing") + ": review";
    }
    return levelled(col, label, levels, levels, tokens, seen, why + wordNote + blanks);
  }

  private static Inferred levelled(SourceColumn col, String label, List<String> levels, List<String> levelLabels,
      Set<String> tokens, Map<String, Integer> seen, String why) {
    String type = levels.size() == 2 ? "binary" : "categorical";
    return new Inferred(col.name(), label, type, levels, levelLabels, "", "", "", List.copyOf(tokens), seen, why);
  }

  private static List<String> order(Set<String> distinct, boolean numeric) {
    return AdhocLoader.naturalOrder(distinct.toArray(new String[0]));
  }

  private static String show(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** The inferred codebook as the CSV {@link CodebookLoader} reads (all its columns, in their order). */
  public static String toCsv(List<Inferred> variables) {
    StringBuilder s = new StringBuilder(String.join(",", CodebookLoader.COLUMNS)).append('\n');
    for (Inferred v : variables) {
      List<String> row = List.of(v.name(), v.label(), v.type(), String.join("|", v.levels()),
          v.levels().equals(v.levelLabels()) ? "" : String.join("|", v.levelLabels()), v.unit(), v.min(), v.max(),
          String.join("|", v.missingTokens()), "no", "", "inferred: " + v.why());
      List<String> quoted = row.stream().map(CodebookLoader::protect).map(CodebookInference::csv).toList();
      s.append(String.join(",", quoted)).append('\n');
    }
    return s.toString();
  }

  private static String csv(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
