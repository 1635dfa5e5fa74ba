package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "twin", mixinStandardHelpOptions = true, description = "Builds the synthetic twin cohort from the claims file.")
public final class TwinCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'twin' is not available yet in this version of studybook");
  }
}
