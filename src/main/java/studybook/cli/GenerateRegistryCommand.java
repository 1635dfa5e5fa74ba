package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "generate-registry", mixinStandardHelpOptions = true, description = "Writes a seeded synthetic registry for benchmarks.")
public final class GenerateRegistryCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'generate-registry' is not available yet in this version of studybook");
  }
}
