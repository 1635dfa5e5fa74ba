package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studybook.kernel.MiniStudy;

/** The sandbox tests' study: a run copy of the mini study, cells added to it, and {@code check --sandbox} on it. */
final class HostileStudy {
  private HostileStudy() {}

  /** A copy of the mini study in {@code tmp}, run once, so its reports are committed. */
  static Path committed(Path tmp) {
    Path study = MiniStudy.copy(tmp);
    assertEquals(0, CliRun.of("run", "--study", study.toString(), "--quiet").code());
    return study;
  }

  /** Adds a cell {@code name} (the method name its lower-case start) whose body is {@code body}. */
  static void cell(Path study, String name, String body) {
    MiniStudy.write(study.resolve("analysis/" + name + ".java"), """
        import studybook.kernel.Cell;
        public class %s {
          @Cell public Object %s() throws Exception {
            %s
          }
        }
        """.formatted(name, Character.toLowerCase(name.charAt(0)) + name.substring(1), body));
  }

  /** {@code check --sandbox --quiet} on the study, with {@code more} options. */
  static CliRun sandboxed(Path study, String... more) {
    List<String> args = new ArrayList<>(List.of("check", "--sandbox", "--study", study.toString(), "--quiet"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }
}
