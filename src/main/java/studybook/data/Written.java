package studybook.data;

import java.util.List;
import java.util.Locale;
import studybook.StudybookException;

/** Where an author wrote a name, and how names become words. Not part of the API. */
final class Written {
  private Written() {}

  /**
   * "Cohort.java:21": the line that called the vocabulary, when it is an author's script (or a test);
   * null when studybook itself called (a table, a command), whose line would mislead.
   */
  static String at() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().startsWith("studybook.data.") || isTest(f.getClassName()))
        .findFirst()
        .filter(f -> !f.getClassName().startsWith("studybook.") || isTest(f.getClassName()))
        .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk."))
        .map(f -> (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
        .orElse(null));
  }

  private static boolean isTest(String className) {
    return className.endsWith("Test") || className.contains("Test$");
  }

  static String where(String writtenAt) {
    return writtenAt == null ? "" : writtenAt + ": ";
  }

  static void requireColumn(Frame frame, String column, String writtenAt) {
    if (!frame.has(column)) {
      throw new UnknownNameException(UnknownNameException.Kind.COLUMN, column, null, frame.columnNames(), writtenAt);
    }
  }

  static void requireKind(Frame frame, String column, VariableKind kind, String verb, String writtenAt) {
    requireColumn(frame, column, writtenAt);
    if (frame.kind(column) != kind) {
      throw new StudybookException(where(writtenAt) + "column '" + column + "' is "
          + frame.kind(column).name().toLowerCase(Locale.ROOT) + " but " + verb + "(...) needs a "
          + kind.name().toLowerCase(Locale.ROOT) + " column"
          + (kind == VariableKind.CATEGORICAL ? "; compare numbers with below, above, atMost, atLeast or between"
              : "; test levels with is or isNot"));
    }
  }

  static String label(Frame frame, String column) {
    return frame == null || !frame.has(column) ? column : inSentence(frame.variable(column).label());
  }

  static String levelLabel(Frame frame, String column, String level) {
    return frame == null || !frame.has(column) ? level : inSentence(frame.variable(column).levelLabel(level));
  }

  /** "Tumour size" inside a sentence is "tumour size"; "WHO grade" and "G1" keep their capitals. */
  static String inSentence(String label) {
    if (label.length() > 1 && Character.isUpperCase(label.charAt(0)) && Character.isLowerCase(label.charAt(1))) {
      return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
    return label;
  }

  static String list(List<String> items, String conjunction) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " " + items.get(items.size() - 1);
  }

  static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
