package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Recomputes the study and checks every published claim.")
public final class VerifyCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'verify' is not available yet in this version of studybook");
  }
}
