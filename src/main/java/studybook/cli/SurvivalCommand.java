package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "survival", mixinStandardHelpOptions = true, description = "Kaplan-Meier and log-rank on any CSV file.")
public final class SurvivalCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'survival' is not available yet in this version of studybook");
  }
}
