package studybook.data;

/**
 * One branch of a derived factor, as a formula of {@code dplyr::case_when}: where the condition is
 * TRUE the row gets the level, unless an earlier case already matched; a row no case matches (FALSE
 * or NA everywhere) is missing. See {@link Frame#withFactor(CodebookVariable, Case...)}.
 *
 * <pre>{@code
 * studyData.withFactor(CodebookVariable.categorical("group").withLabel("Resection"),
 *     when(CURATIVE, "curative", "Curative resection"),
 *     when(not(CURATIVE), "non_curative", "Non-curative resection"));
 * }</pre>
 *
 * @param condition where the case applies; null for {@link #otherwise} (every row not yet matched)
 * @param level the level it gives
 * @param levelLabel the level's display label (the level itself when none is given)
 */
public record Case(Condition condition, String level, String levelLabel) {
  public Case {
    if (level == null || level.isEmpty()) {
      throw new IllegalArgumentException("a case needs a level");
    }
    levelLabel = levelLabel == null || levelLabel.isEmpty() ? level : levelLabel;
  }

  /** {@code condition ~ level}. */
  public static Case when(Condition condition, String level) {
    return new Case(condition, level, level);
  }

  /** {@code condition ~ level}, with the label tables show for the level. */
  public static Case when(Condition condition, String level, String levelLabel) {
    return new Case(condition, level, levelLabel);
  }

  /** {@code .default = level}: every row no earlier case matched, including rows where they were NA. */
  public static Case otherwise(String level) {
    return new Case(null, level, level);
  }

  /** {@code .default = level}, with a label. */
  public static Case otherwise(String level, String levelLabel) {
    return new Case(null, level, levelLabel);
  }
}
