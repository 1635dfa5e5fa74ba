package studybook.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of an analysis script as a cell. As in Hamilton, the method's name is the
 * name of what it produces and its parameter names are the cells (or built-in inputs: {@code data},
 * {@code codebook}, {@code context}) it needs; the kernel resolves the order from them.
 *
 * <pre>{@code
 * @Cell("Patients per curative-resection group")
 * public Counts cohort(Frame data) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cell {
  /** What the cell computes, in a few words, for the run log and the manifest. */
  String value() default "";

  /**
   * The most seconds the cell may take before the run fails naming it; 0 (the default) means the
   * study's {@code cell.timeout_seconds}, else 1800.
   */
  long timeoutSeconds() default 0;

  /**
   * A slow cell (e.g. a profile-likelihood fit): under {@code studybook serve} a change does not rerun
   * it; its last result is shown marked stale until it is asked for from the page or by {@code run}.
   */
  boolean slow() default false;
}
