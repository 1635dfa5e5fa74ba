package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the study and writes the report into reports/.")
public final class RunCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'run' is not available yet in this version of studybook");
  }
}
