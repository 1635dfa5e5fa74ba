package studybook.kernel;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * One cell found in the analysis scripts: its name (the method's), what it computes (the
 * annotation's text), the script it is in, and the names of its inputs in parameter order.
 */
public record CellSpec(String name, String description, Path script, String scriptDisplay, List<String> inputs,
    Method method) {
  public CellSpec {
    inputs = List.copyOf(inputs);
  }
}
