package studybook.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import studybook.ApiReference;
import studybook.Names;
import studybook.StudybookException;

/**
 * {@code studybook api [CLASS]}: the author's reference (the signatures of every class the README's
 * "Statistics a cell can call" names), generated from the classes of this build as docs/API.md is, so
 * an author need not list the jar or run javap. With a class name, that class only.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "Print the signatures a cell can call (all documented classes, or the one named).")
public final class ApiCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS",
      description = "A class name, e.g. KmTable or tables.KmTable (default: every documented class).")
  String name;

  @Override
  public Integer call() {
    List<String> classes = ApiReference.documentedClasses();
    if (name != null) {
      List<String> found = ApiReference.find(name);
      if (found.isEmpty()) {
        List<String> simple = classes.stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList();
        throw new StudybookException("no documented class is named '" + name + "'" + Names.didYouMean(name, simple)
            + "; 'studybook api' lists them all");
      }
      classes = found;
    }
    System.out.print(ApiReference.markdown(classes));
    System.out.flush();
    return 0;
  }
}
