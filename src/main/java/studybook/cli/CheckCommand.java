package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Reruns the study from scratch and compares with the committed reports.")
public final class CheckCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'check' is not available yet in this version of studybook");
  }
}
