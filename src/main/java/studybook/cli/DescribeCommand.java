package studybook.cli;

import picocli.CommandLine.Command;
import studybook.StudybookException;

/** Placeholder until this command is built; it says so instead of pretending to work. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Table-1 summary and group comparison of any CSV file.")
public final class DescribeCommand implements Runnable {
  @Override
  public void run() {
    throw new StudybookException("'describe' is not available yet in this version of studybook");
  }
}
