package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Lists which numbers changed between two results.json files.")
public final class DiffCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'diff' is not available yet in this version of studybook");
  }
}
