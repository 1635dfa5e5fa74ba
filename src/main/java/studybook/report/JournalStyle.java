package studybook.report;

import java.util.List;
import java.util.Locale;
import studybook.Names;
import studybook.StudybookException;

/**
 * A journal's number conventions, chosen with {@code style.journal} in study.properties:
 * <ul>
 *   <li>{@code vancouver-default} (no setting): {@code 0.041}, {@code <0.001}, {@code 1.01–1.55};</li>
 *   <li>{@code ama} (JAMA and the AMA Manual of Style): no leading zero for a p-value, which cannot
 *       exceed 1 ({@code .041}, {@code <.001}), limits joined by a hyphen ({@code 1.01-1.55});</li>
 *   <li>{@code nejm}: {@code 0.041}, {@code <0.001}, limits joined by "to" ({@code 1.01 to 1.55});</li>
 *   <li>{@code lancet}: the mid-line decimal point ({@code 0·041}, {@code 1·01–1·55}).</li>
 * </ul>
 * Under every style, limits of which one is negative are joined by "to" ({@code −0·52 to 1·10}), since a
 * dash before a minus sign reads as a range of negatives, and a negative number prints with the minus
 * sign (U+2212), not a hyphen. {@code style.ci_separator} still overrides the journal's separator for
 * limits that are both positive. AMA and NEJM set the P of a p-value in italics.
 *
 * @param name the setting's value
 * @param pLeadingZero whether a p-value below 1 keeps its leading zero
 * @param decimalMark the decimal mark
 * @param ciSeparator what joins two limits
 * @param toForNegatives whether limits of which one is negative are joined by " to " (every style: a
 *     dash between a minus sign and a number reads as a range of negatives)
 * @param pItalic whether the letter P of a p-value is set in italics (AMA and NEJM: <i>P</i> = .041)
 */
public record JournalStyle(String name, boolean pLeadingZero, char decimalMark, String ciSeparator, boolean toForNegatives,
    boolean pItalic) {
  public static final JournalStyle VANCOUVER_DEFAULT = new JournalStyle("vancouver-default", true, '.', "\u2013", true,
      false);
  public static final JournalStyle AMA = new JournalStyle("ama", false, '.', "-", true, true);
  public static final JournalStyle NEJM = new JournalStyle("nejm", true, '.', " to ", true, true);
  public static final JournalStyle LANCET = new JournalStyle("lancet", true, '\u00B7', "\u2013", true, false);
  static final List<JournalStyle> ALL = List.of(VANCOUVER_DEFAULT, AMA, NEJM, LANCET);

  /** The journal named by {@code style.journal}; null or empty: the default; anything else an error naming the nearest. */
  public static JournalStyle of(String name) {
    if (name == null || name.isBlank()) {
      return VANCOUVER_DEFAULT;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(j -> j.name.equals(n)).findFirst().orElseThrow(() -> new StudybookException(
        "study.properties: style.journal must be one of " + String.join(", ", ALL.stream().map(JournalStyle::name).toList())
            + ", not '" + name + "'" + Names.didYouMean(n, ALL.stream().map(JournalStyle::name).toList())));
  }

  /** A plain decimal ({@code 0.041}) in this journal's decimal mark. */
  String mark(String plain) {
    String s = plain.startsWith("-") ? MINUS + plain.substring(1) : plain;
    return decimalMark == '.' ? s : s.replace('.', decimalMark);
  }

  /** The minus sign a negative number prints with (U+2212), as typesetters set it; never a hyphen. */
  public static final String MINUS = "\u2212";

  /** A p-value's plain decimal in this journal's form: leading zero or not, decimal mark. */
  String p(String plain) {
    String s = !pLeadingZero && plain.startsWith("0.") ? plain.substring(1) : plain;
    return mark(s);
  }
}
