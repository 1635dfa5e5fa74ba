package studybook.claims;

/**
 * The outcome of one consistency check on the printed values.
 *
 * @param check the check
 * @param consistent whether the printed values satisfy it
 * @param computed the left-hand side computed from the printed operands (e.g. 30.985915... for 44/142)
 * @param expected the printed right-hand side
 */
public record ConsistencyVerdict(ConsistencyCheck check, boolean consistent, double computed, String expected) {}
