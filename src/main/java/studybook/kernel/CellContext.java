package studybook.kernel;

import java.util.Map;
import java.util.random.RandomGenerator;

/** What the kernel hands a cell that declares a parameter named {@code context}. */
public interface CellContext {
  /** The cell's name. */
  String cellName();

  /** The cell's seed, derived from the study seed and the cell name, so it does not move when other cells change. */
  long seed();

  /** A generator seeded with {@link #seed()}; a new one on each call. */
  RandomGenerator random();

  /** The study's settings (study.properties), read-only. */
  Map<String, String> settings();
}
