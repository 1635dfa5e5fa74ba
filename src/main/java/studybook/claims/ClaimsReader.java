package studybook.claims;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studybook.Names;
import studybook.data.CsvReader;
import studybook.data.DataException;
import studybook.data.DataProblem;

/**
 * Reads a claims file: a CSV with the header {@code id,text,printed,kind,result,compare[,note]}.
 *
 * <p>A row of kind {@code consistency} states a relation among other claims in its {@code result}
 * column ({@code sum(a, b) = c} or {@code percent(a, b) = c}) and leaves {@code printed} empty. An
 * empty {@code compare} defaults to {@code exact} for counts, {@code below} for a printed "&lt;x" and
 * {@code half_up} otherwise. Every problem is reported with file, line and column.
 */
public final class ClaimsReader {
  static final List<String> REQUIRED = List.of("id", "text", "printed", "kind", "result", "compare");
  static final List<String> OPTIONAL = List.of("note");
  private static final Pattern EXPRESSION =
      Pattern.compile("\\s*(sum|percent)\\s*\\(([^)]*)\\)\\s*=\\s*([A-Za-z0-9_.-]+)\\s*");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private ClaimsReader() {}

  /** Reads and validates {@code file}; throws a {@link DataException} listing every problem. */
  public static ClaimsFile read(Path file) {
    List<DataProblem> problems = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    List<ConsistencyCheck> checks = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    Map<String, Integer> index = new LinkedHashMap<>();

    studybook.data.readers.DataReaders.readRecords(file, new CsvReader.RecordHandler() {
      @Override
      public void header(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
          String n = names.get(i);
          if (!REQUIRED.contains(n) && !OPTIONAL.contains(n)) {
            List<String> known = new ArrayList<>(REQUIRED);
            known.addAll(OPTIONAL);
            problems.add(new DataProblem(file, 1, n, null, "unknown column in a claims file",
                Names.nearest(n, known).map(k -> "did you mean '" + k + "'?")
                    .orElse("the columns are " + String.join(",", known))));
          }
          index.put(n, i);
        }
        for (String r : REQUIRED) {
          if (!index.containsKey(r)) {
            problems.add(new DataProblem(file, 1, r, null, "required column missing from the header",
                "the header is " + String.join(",", REQUIRED) + ",note"));
          }
        }
      }

      @Override
      public void record(int line, String[] fields) {
        if (!problems.isEmpty() && problems.get(0).line() == 1) {
          return;
        }
        String id = field(fields, "id");
        String text = field(fields, "text");
        String printedText = field(fields, "printed");
        String kindText = field(fields, "kind");
        String result = field(fields, "result");
        String compareText = field(fields, "compare");
        String note = index.containsKey("note") ? field(fields, "note") : "";
        int before = problems.size();
        if (!ID.matcher(id).matches()) {
          problems.add(new DataProblem(file, line, "id", id,
              id.isEmpty() ? "missing claim id" : "a claim id is a letter followed by letters, digits, '_', '.' or '-'",
              null));
        } else if (firstLine.containsKey(id)) {
          problems.add(new DataProblem(file, line, "id", id, "duplicate claim id",
              "first declared on line " + firstLine.get(id)));
        } else {
          firstLine.put(id, line);
        }
        ClaimKind kind = ClaimKind.fromToken(kindText).orElse(null);
        if (kind == null) {
          problems.add(new DataProblem(file, line, "kind", kindText, "unknown kind",
              Names.nearest(kindText, ClaimKind.tokens()).map(k -> "did you mean '" + k + "'?")
                  .orElse("one of " + String.join(", ", ClaimKind.tokens()))));
          return;
        }
        if (kind == ClaimKind.CONSISTENCY) {
          Matcher m = EXPRESSION.matcher(result);
          if (!m.matches()) {
            problems.add(new DataProblem(file, line, "result", result, "not a consistency expression",
                "write 'sum(a, b) = c' or 'percent(a, b) = c' with claim ids"));
            return;
          }
          List<String> operands = new ArrayList<>();
          for (String o : m.group(2).split(",")) {
            operands.add(o.strip());
          }
          ConsistencyCheck.Operation op = m.group(1).equals("sum")
              ? ConsistencyCheck.Operation.SUM : ConsistencyCheck.Operation.PERCENT;
          if (op == ConsistencyCheck.Operation.PERCENT && operands.size() != 2) {
            problems.add(new DataProblem(file, line, "result", result, "percent takes two claims: part and whole",
                null));
            return;
          }
          if (problems.size() == before) {
            checks.add(new ConsistencyCheck(id, text, op, operands, m.group(3), line));
          }
          return;
        }
        PrintedValue printed = null;
        try {
          printed = PrintedValue.parse(printedText);
        } catch (IllegalArgumentException e) {
          problems.add(new DataProblem(file, line, "printed", printedText,
              printedText.isEmpty() ? "missing printed value" : e.getMessage(), null));
        }
        if (result.isEmpty()) {
          problems.add(new DataProblem(file, line, "result", result, "missing result path",
              "give the dotted path of the recomputed value in results.json, e.g. cohort.total"));
        }
        Comparison comparison;
        if (compareText.isEmpty()) {
          comparison = printed != null && printed.below() ? Comparison.BELOW
              : kind == ClaimKind.COUNT ? Comparison.EXACT : Comparison.HALF_UP;
        } else {
          comparison = Comparison.fromToken(compareText).orElse(null);
          if (comparison == null) {
            problems.add(new DataProblem(file, line, "compare", compareText, "unknown comparison",
                Names.nearest(compareText, Comparison.tokens()).map(k -> "did you mean '" + k + "'?")
                    .orElse("one of " + String.join(", ", Comparison.tokens()))));
            return;
          }
        }
        if (printed != null && printed.below() != (comparison == Comparison.BELOW)) {
          problems.add(new DataProblem(file, line, "compare", compareText,
              printed.below() ? "a printed '<' value needs compare 'below'"
                  : "compare 'below' needs a printed value starting with '<'", null));
        }
        if (printed != null && comparison == Comparison.EXACT && printed.decimals() > 0) {
          problems.add(new DataProblem(file, line, "compare", compareText,
              "an exact comparison needs a whole printed number", "use half_up for a rounded value"));
        }
        if (problems.size() == before) {
          claims.add(new Claim(id, text, printed, kind, result, comparison, note, line));
        }
      }

      private String field(String[] fields, String name) {
        Integer i = index.get(name);
        return i == null ? "" : fields[i].strip();
      }
    });

    for (ConsistencyCheck c : checks) {
      List<String> ids = new ArrayList<>(c.operands());
      ids.add(c.target());
      for (String ref : ids) {
        if (claims.stream().noneMatch(x -> x.id().equals(ref))) {
          problems.add(new DataProblem(file, c.line(), "result", ref, "refers to no claim in this file",
              Names.nearest(ref, claims.stream().map(Claim::id).toList())
                  .map(k -> "did you mean '" + k + "'?").orElse(null)));
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparingInt(DataProblem::line));
      throw new DataException(problems.size() > DataException.MAX_PROBLEMS
          ? problems.subList(0, DataException.MAX_PROBLEMS) : problems);
    }
    return new ClaimsFile(file, claims, checks);
  }
}
