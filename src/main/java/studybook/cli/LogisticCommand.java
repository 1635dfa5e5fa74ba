package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "logistic", mixinStandardHelpOptions = true, description = "Binary logistic regression on any CSV file.")
public final class LogisticCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'logistic' is not available yet in this version of studybook");
  }
}
