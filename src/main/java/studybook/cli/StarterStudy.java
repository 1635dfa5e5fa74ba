package studybook.cli;

import java.util.List;
import java.util.stream.Collectors;
import studybook.data.readers.CodebookInference;

/** The files {@code studybook new} writes besides the data and the codebook: the starter analysis. */
final class StarterStudy {
  private StarterStudy() {}

  /** The starter analysis: one cell, Table 1 of {@code variables}, by {@code by} or over all patients. */
  static String analysis(List<String> variables, String by, CodebookInference.Inferred group, List<String> left) {
    String list = variables.stream().map(StarterStudy::javaString).collect(Collectors.joining(", "));
    StringBuilder s = new StringBuilder();
    s.append("import java.util.List;\n")
        .append("import studybook.data.Frame;\n")
        .append("import studybook.kernel.Cell;\n")
        .append("import studybook.tables.GroupTable;\n")
        .append("import studybook.tables.Table1;\n\n")
        .append("/** The starter analysis written by studybook new: Table 1 of every variable. Edit it freely. */\n")
        .append("public class Characteristics {\n")
        .append("  /** The rows of Table 1, in codebook order")
        .append(left.isEmpty() ? "" : " (left out: " + String.join(", ", left).replace("*/", "* /") + ")")
        .append(". */\n")
        .append("  static final List<String> VARIABLES = List.of(").append(list).append(");\n\n");
    if (by != null) {
      s.append("  @Cell(\"Patient characteristics by ").append(escape(group.label().isEmpty() ? by : group.label()))
          .append("\")\n")
          .append("  public GroupTable table1(Frame data) {\n")
          .append("    return Table1.of(data).by(").append(javaString(by)).append(").variables(VARIABLES).build();\n")
          .append("  }\n");
    } else {
      s.append("  @Cell(\"Patient characteristics\")\n")
          .append("  public GroupTable table1(Frame data) {\n")
          .append("    return Table1.of(data).variables(VARIABLES).build();\n")
          .append("  }\n");
    }
    return s.append("}\n").toString();
  }

  private static String javaString(String s) {
    return "\"" + escape(s) + "\"";
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        b.append('\\').appendCodePoint(cp);
      } else if (cp < 0x20 || cp > 0x7e) {
        for (char ch : Character.toChars(cp)) {
          b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
        }
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

}
