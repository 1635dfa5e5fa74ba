package studybook.report.doc;

import java.util.List;
import java.util.Objects;

/** A run of text inside a paragraph, heading or table cell. */
public sealed interface Inline {
  /** Plain text, as a reader sees it (Markdown escapes removed). */
  record Text(String text) implements Inline {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Code, set in a monospaced font. */
  record Code(String text) implements Inline {}

  /** Emphasised runs (italic). */
  record Emphasis(List<Inline> content) implements Inline {
    public Emphasis {
      content = List.copyOf(content);
    }
  }

  /** Strong runs (bold). */
  record Strong(List<Inline> content) implements Inline {
    public Strong {
      content = List.copyOf(content);
    }
  }

  /** A link: its text and target; Word shows the text only. */
  record Link(List<Inline> content, String url, String title) implements Inline {
    public Link {
      content = List.copyOf(content);
    }
  }

  /** A line break: hard (a new line in every output) or soft (a space where the text flows). */
  record Break(boolean hard) implements Inline {}

  /** Markup the author wrote (raw HTML), shown as the literal text it is: the page runs none of it. */
  record Literal(String text) implements Inline {}

  /** An image that is not a figure of the run: shown as its alternative text. */
  record MissingImage(String alt, String url) implements Inline {}

  /**
   * A number a template printed through a number helper, with what it is and the result it came from.
   *
   * @param kind what the number is
   * @param text the number as printed (in the study's number style, masked when suppressed)
   * @param source the result path (e.g. {@code cohort.total}), or empty when the template did not say
   * @param value the value printed, NaN when it is not one number (an interval, a masked count)
   */
  record NumberMark(Kind kind, String text, String source, double value) implements Inline {
    /** What a number mark is. */
    public enum Kind { COUNT, PERCENT, COUNT_PERCENT, ESTIMATE, INTERVAL, P_VALUE, NUMBER }
  }

  /**
   * A cross-reference a template wrote ({@code ${ref("table3")}}): the numbered caption of the table or
   * figure a cell placed, as the document numbers it ("Table 3"), and the anchor of that caption on the page.
   */
  record Ref(String cell, String label, int number, String anchor) implements Inline {
    public Ref {
      Objects.requireNonNull(cell, "cell");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(anchor, "anchor");
    }

    /** "Table 3", as a reader sees it. */
    public String text() {
      return label + " " + number;
    }
  }

  /** The runs' text as a reader sees it, soft breaks as {@code softBreak}, hard breaks as new lines. */
  static String plain(List<Inline> runs, String softBreak) {
    StringBuilder b = new StringBuilder();
    plain(runs, softBreak, b);
    return b.toString();
  }

  private static void plain(List<Inline> runs, String softBreak, StringBuilder b) {
    for (Inline i : runs) {
      if (i instanceof Text t) {
        b.append(t.text());
      } else if (i instanceof Code c) {
        b.append(c.text());
      } else if (i instanceof Emphasis e) {
        plain(e.content(), softBreak, b);
      } else if (i instanceof Strong s) {
        plain(s.content(), softBreak, b);
      } else if (i instanceof Link l) {
        plain(l.content(), softBreak, b);
      } else if (i instanceof Break br) {
        b.append(br.hard() ? "\n" : softBreak);
      } else if (i instanceof Literal l) {
        b.append(l.text());
      } else if (i instanceof MissingImage m) {
        b.append(m.alt());
      } else if (i instanceof NumberMark n) {
        b.append(n.text());
      } else if (i instanceof Ref r) {
        b.append(r.text());
      }
    }
  }

  /** {@link #plain} with soft breaks as spaces, stripped: a heading's or a cell's text. */
  static String text(List<Inline> runs) {
    return plain(runs, " ").strip();
  }
}
