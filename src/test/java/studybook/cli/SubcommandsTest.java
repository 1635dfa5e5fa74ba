package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link Main#execute} builds only the subcommand a command line names (a cold process paid for the model of
 * all of them): what a user sees must not change. Each command line below gives the same exit code, stdout
 * and stderr as with every subcommand built, and the top-level help and `help` list every one.
 */
class SubcommandsTest {
  private static synchronized CliRun run(boolean all, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.commandLine(all, args).execute(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void everyCommandLineSaysWhatItSaidWithEverySubcommandBuilt() {
    String[][] lines = {
      {}, {"--help"}, {"--version"}, {"help"}, {"help", "describe"}, {"describe", "--help"}, {"describe"},
      {"describe", "--databse", "x.csv"}, {"descibe", "--data", "x.csv"}, {"logistic", "--version"},
      {"survival", "--data", "/nonexistent/file.csv", "--time", "t", "--event", "e"}, {"data", "--help"},
      {"manuscript", "--help"}, {"cox", "--help"}, {"run", "--help"},
    };
    for (String[] args : lines) {
      assertEquals(run(true, args), run(false, args), "studybook " + String.join(" ", args));
    }
    assertTrue(run(false, "describe", "--help").out().startsWith("Usage: studybook describe "));
  }

  @Test
  void theTopLevelHelpAndTheHelpCommandListEverySubcommandInOrder() {
    for (String[] args : new String[][] {{"--help"}, {"help"}}) {
      String text = run(false, args).out();
      int at = -1;
      for (Class<?> c : Main.SUBCOMMANDS) {
        String name = c.getAnnotation(CommandLine.Command.class).name();
        int i = text.indexOf("\n  " + name + " ");
        assertTrue(i > at, "'" + name + "' listed after the one before it in: " + String.join(" ", args) + "\n" + text);
        at = i;
      }
    }
  }
}
