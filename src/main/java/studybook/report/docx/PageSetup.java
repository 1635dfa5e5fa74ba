package studybook.report.docx;

/**
 * The page the Word file is set on, in twips (1/1440 inch): the paper's short and long sides and the
 * margins of a portrait page (a landscape section keeps the same left and right, top and bottom
 * margins). {@link #A4} by default; a journal's reference .docx gives its own ({@link ReferenceDocx#page}).
 */
public record PageSetup(int shortSide, int longSide, int top, int bottom, int left, int right, int header, int footer) {
  /** A4 with 2.54 cm margins. */
  public static final PageSetup A4 = new PageSetup(11906, 16838, 1440, 1440, 1440, 1440, 708, 708);

  public PageSetup {
    if (shortSide <= 0 || longSide < shortSide) {
      throw new IllegalArgumentException("a page of " + shortSide + " by " + longSide + " twips");
    }
    if (left + right >= shortSide - 1440 || top + bottom >= longSide - 1440 || Math.min(Math.min(top, bottom),
        Math.min(left, right)) < 0) {
      throw new IllegalArgumentException("margins " + top + "/" + right + "/" + bottom + "/" + left
          + " leave less than an inch of text on a " + shortSide + " by " + longSide + " twip page");
    }
  }

  /** The text width of a portrait page. */
  public int portraitText() {
    return shortSide - left - right;
  }

  /** The text width of a landscape page. */
  public int landscapeText() {
    return longSide - left - right;
  }

  /** The tallest a figure may be: about 60% of a portrait page's text height. */
  public double maxFigureHeight() {
    return 0.6 * (longSide - top - bottom);
  }
}
