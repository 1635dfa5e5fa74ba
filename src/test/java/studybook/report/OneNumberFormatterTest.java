package studybook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 4: one number formatter for the commands and the report. Every number {@code cli/} and
 * {@code report/} print goes through {@link NumberStyle} (a study's style) or {@link NumberStyle.Plain}
 * (the commands' readable output); a format string for a number ({@code %.3f}, {@code %10.4f},
 * {@code %.6g}, {@code "%." + n + "f"}) or a {@code DecimalFormat}/{@code NumberFormat} anywhere else in
 * those packages is a second formatter, and fails here. Read from the sources (comments left out), as
 * {@code LayeringTest} reads imports.
 */
class OneNumberFormatterTest {
  private static final Path SOURCES = Path.of("src/main/java/studybook");
  private static final Path THE_FORMATTER = SOURCES.resolve("report/NumberStyle.java");
  /** A floating-point conversion of java.util.Formatter, or the start of one built by concatenation. */
  private static final Pattern FLOAT_CONVERSION = Pattern.compile("%[-#+ 0,(]*[0-9]*(\\.[0-9]+)?[eEfgGaA]|%[-#+ 0,(]*[0-9]*\\.$");
  private static final Pattern FORMATTER_CLASS = Pattern.compile("\\b(DecimalFormat|NumberFormat\\s*\\.\\s*get\\w*Instance)\\b");

  @Test
  void noNumberFormatOutsideTheOneFormatterInCliAndReport() throws IOException {
    List<String> found = new ArrayList<>();
    for (String pkg : new String[] {"cli", "report"}) {
      try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          if (f.equals(THE_FORMATTER)) {
            continue;
          }
          found.addAll(secondFormatters(SOURCES.relativize(f).toString(), Files.readString(f)));
        }
      }
    }
    assertEquals(List.of(), found, "format numbers through NumberStyle (a study's style) or NumberStyle.Plain"
        + " (the commands'), not with a format of their own");
  }

  @Test
  void theScanFindsASecondFormatter() {
    String code = """
        class X {
          // String.format("%.3f", x) in a comment is no formatter
          String a(double x) { return String.format(Locale.ROOT, "p = %.3f", x); }
          String b(double x, int n) { return String.format("%." + n + "f", x); }
          void c(double x) { System.out.printf("%10.4f%n", x); }
          String d(double x) { return new java.text.DecimalFormat("0.00").format(x); }
          String e(int i) { return String.format("%d of %s, 100%%", i, "all"); }
          String f() { return "/* not a comment %.2f"; }
        }
        """;
    List<String> found = secondFormatters("X.java", code);
    assertEquals(List.of("X.java:3: \"p = %.3f\"", "X.java:4: \"%.\"", "X.java:5: \"%10.4f%n\"",
        "X.java:6: DecimalFormat", "X.java:8: \"/* not a comment %.2f\""), found);
    assertTrue(secondFormatters("Y.java", "class Y { String s = \"%-12s %6d\"; }").isEmpty());
  }

  /** Each string literal with a floating-point conversion, and each formatter class, as "file:line: what". */
  static List<String> secondFormatters(String name, String source) {
    List<String> out = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    int line = 1;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '\n') {
        line++;
        code.append(c);
        i++;
      } else if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int k = i; k < end; k++) {
          if (source.charAt(k) == '\n') {
            line++;
            code.append('\n');
          }
        }
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end;
        String literal = source.substring(i + 3, end);
        check(name, line, literal, out);
        line += (int) literal.chars().filter(ch -> ch == '\n').count();
        i = Math.min(n, end + 3);
      } else if (c == '"' || c == '\'') {
        StringBuilder literal = new StringBuilder();
        i++;
        while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
          if (source.charAt(i) == '\\' && i + 1 < n) {
            literal.append(source.charAt(i)).append(source.charAt(i + 1));
            i += 2;
          } else {
            literal.append(source.charAt(i++));
          }
        }
        i++;
        if (c == '"') {
          check(name, line, literal.toString(), out);
        }
      } else {
        code.append(c);
        i++;
      }
    }
    String[] lines = code.toString().split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      java.util.regex.Matcher m = FORMATTER_CLASS.matcher(lines[k]);
      if (m.find()) {
        out.add(name + ":" + (k + 1) + ": " + m.group(1).replaceAll("\\s+", ""));
      }
    }
    out.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.split(":")[1])));
    return out;
  }

  private static void check(String name, int line, String literal, List<String> out) {
    if (FLOAT_CONVERSION.matcher(literal.replace("%%", "")).find()) {
      out.add(name + ":" + line + ": \"" + literal + "\"");
    }
  }
}
