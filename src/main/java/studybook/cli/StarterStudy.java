package studybook.cli;

import java.util.List;
import java.util.stream.Collectors;
import studybook.data.readers.CodebookInference;

/** The files {@code studybook new} writes besides the data and the codebook: the starter analysis and its templates. */
final class StarterStudy {
  private StarterStudy() {}

  /** The starter analysis: one cell, Table 1 of {@code variables}, by {@code by} or over all patients. */
  static String analysis(List<String> variables, String by, CodebookInference.Inferred group, List<String> left) {
    String list = variables.stream().map(StarterStudy::javaString).collect(Collectors.joining(", "));
    StringBuilder s = new StringBuilder();
    s.append(by == null ? "import java.util.Arrays;\n" : "")
        .append("import java.util.List;\n")
        .append(by == null ? "import studybook.data.Codebook;\n" : "")
        .append("import studybook.data.Frame;\n")
        .append("import studybook.kernel.Cell;\n")
        .append("import studybook.tables.GroupTable;\n")
        .append(by != null ? "import studybook.tables.Table1;\n" : "").append("\n")
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
          .append("  public GroupTable table1(Frame data, Codebook codebook) {\n")
          .append("    String[] everyone = new String[data.rowCount()];\n")
          .append("    Arrays.fill(everyone, \"all\");\n")
          .append("    Frame all = data.withCategorical(\"all_patients\", everyone, List.of(\"all\"));\n")
          .append("    return GroupTable.of(\"table1\", all, codebook, \"all_patients\", VARIABLES, List.of(\"All patients\"));\n")
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

  static final String REPORT = """
      <#macro cell style c><#if style == "mean_sd">${fmt.num(c.first)} ± ${fmt.num(c.second)}<#elseif style == "median_iqr">${fmt.num(c.first)} (${fmt.num(c.second)}–${fmt.num(c.third)})<#elseif style == "level">${fmt.countPct(c.first, c.second)}</#if></#macro>
      <#assign grouped = table1.groups?size gt 1>
      # ${fmt.md(study.title)}

      ## Table 1

      | Characteristic | Overall (n = ${fmt.count(table1.n)}) |<#if grouped><#list table1.groupLabels as g> ${fmt.md(g)} (n = ${fmt.count(table1.groupSizes[g?index])}) |</#list> P |</#if>
      |---|---:|<#if grouped><#list table1.groups as g>---:|</#list>---:|</#if>
      <#list table1.entries as r>
      | <#if r.style == "level">${fmt.md(r.levelLabel)}<#else>**${fmt.md(r.label)}**<#if r.style == "mean_sd">, mean ± SD<#elseif r.style == "median_iqr">, median (IQR)<#else>, n (%)</#if><#if r.missing gt 0> (${fmt.count(r.missing)} missing)</#if></#if> | <@cell r.style r.overall/> |<#if grouped><#list r.groups as c> <@cell r.style c/> |</#list> <#if r.style != "level">${fmt.p(r.p)}</#if> |</#if>
      </#list>

      <#if grouped>
      <#list table1.tests as test>
      ${test?index + 1}. ${fmt.md(test.footnote)}; as R's `${test.rCall}`.

      </#list>
      </#if>
      <#if table1.excluded gt 0>
      ${fmt.count(table1.excluded)} patients without a group were left out.
      </#if>
      """;


}
