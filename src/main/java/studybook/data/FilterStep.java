package studybook.data;

/**
 * One {@link Frame#where(Condition)}: the condition and where its rows went. A row whose condition is
 * NA leaves, as with {@code dplyr::filter}, and is counted apart so the report can say so.
 *
 * @param condition the condition as {@link Condition#describe(Frame)} words it
 * @param before rows before the filter
 * @param kept rows where the condition is TRUE
 * @param droppedFalse rows where it is FALSE
 * @param droppedMissing rows where it is NA (a value it needs is missing)
 */
public record FilterStep(String condition, int before, int kept, int droppedFalse, int droppedMissing) {}
