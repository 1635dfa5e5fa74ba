package studybook.report;

import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.ArrayList;
import java.util.List;
import studybook.StudybookException;
import studybook.report.doc.Inline;

/**
 * The report template's {@code fmt}: the study's {@link NumberStyle}, whose number helpers ({@code count},
 * {@code pct}, {@code countPct}, {@code p}, {@code or}, {@code ci}, {@code interval}, {@code num},
 * {@code tick}) print a number mark instead of finished text, so the document knows each number the text
 * prints, what kind it is and the result path it came from ({@link PathModels}). Every other member
 * ({@code md}, ...) is the style's own. The text a number shows is exactly what the style prints.
 */
final class TemplateNumbers implements TemplateHashModel {
  private final NumberStyle style;
  private final Marks marks;
  private final TemplateHashModel plain;

  TemplateNumbers(NumberStyle style, Marks marks, ObjectWrapper wrapper) throws TemplateModelException {
    this.style = style;
    this.marks = marks;
    this.plain = (TemplateHashModel) wrapper.wrap(style);
  }

  @Override
  public TemplateModel get(String key) throws TemplateModelException {
    Inline.NumberMark.Kind kind = switch (key) {
      case "count" -> Inline.NumberMark.Kind.COUNT;
      case "pct" -> Inline.NumberMark.Kind.PERCENT;
      case "countPct" -> Inline.NumberMark.Kind.COUNT_PERCENT;
      case "p" -> Inline.NumberMark.Kind.P_VALUE;
      case "or" -> Inline.NumberMark.Kind.ESTIMATE;
      case "ci", "interval" -> Inline.NumberMark.Kind.INTERVAL;
      case "num", "tick" -> Inline.NumberMark.Kind.NUMBER;
      default -> null;
    };
    if (kind == null) {
      return plain.get(key);
    }
    return (TemplateMethodModelEx) args -> {
      List<Object> values = new ArrayList<>();
      String path = "";
      for (Object a : args) {
        TemplateModel m = (TemplateModel) a;
        if (m == null && PathModels.lastMiss().isPresent()) {
          // A name the result does not have is the author's typo, never a silent "NA".
          throw new TemplateModelException("fmt." + key + ": " + PathModels.lastMiss().get().message());
        }
        if (path.isEmpty()) {
          path = PathModels.path(m);
        }
        values.add(m == null ? null : DeepUnwrap.unwrap(PathModels.target(m)));
      }
      String text;
      try {
        text = print(key, values);
      } catch (ClassCastException | IndexOutOfBoundsException e) {
        throw new TemplateModelException("fmt." + key + ": " + values.size() + " argument(s) of these types do not fit;"
            + " it takes numbers");
      } catch (StudybookException e) {
        throw new TemplateModelException(e.getMessage());
      }
      double value = !values.isEmpty() && values.get(0) instanceof Number n ? n.doubleValue() : Double.NaN;
      return new SimpleScalar(marks.number(new Inline.NumberMark(kind, unescape(text), path, value), text));
    };
  }

  private String print(String key, List<Object> v) {
    return switch (key) {
      case "count" -> style.count(n(v, 0));
      case "pct" -> style.pct(n(v, 0));
      case "countPct" -> style.countPct(n(v, 0), n(v, 1));
      case "p" -> style.p(n(v, 0));
      case "or" -> style.or(n(v, 0));
      case "ci" -> style.ci(n(v, 0), n(v, 1));
      case "interval" -> v.size() > 2 ? style.interval(n(v, 0), n(v, 1), n(v, 2).intValue())
          : style.interval(n(v, 0), n(v, 1));
      case "num" -> v.size() > 1 ? style.num(n(v, 0), n(v, 1).intValue()) : style.num(n(v, 0));
      case "tick" -> style.tick(n(v, 0));
      default -> throw new IllegalArgumentException(key);
    };
  }

  private static Number n(List<Object> v, int i) {
    if (v.size() <= i) {
      throw new IndexOutOfBoundsException(i);
    }
    return (Number) v.get(i);
  }

  /** The text a reader sees of what the style printed for Markdown (a masked count's brackets are escaped there). */
  static String unescape(String markdown) {
    StringBuilder b = new StringBuilder(markdown.length());
    for (int i = 0; i < markdown.length(); i++) {
      char c = markdown.charAt(i);
      if (c == '\\' && i + 1 < markdown.length() && "\\`*_[]<>|#~!&{}".indexOf(markdown.charAt(i + 1)) >= 0) {
        c = markdown.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  @Override
  public boolean isEmpty() {
    return false;
  }
}
