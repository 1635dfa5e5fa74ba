package studybook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.report.ReportWriter;

/** The README's examples are the mini study's real code, and its documented output is what a run gives. */
class ReadmeTest {
  private static final Pattern BLOCK = Pattern.compile("<!-- (example|output): (\\S+) -->\\n```\\w*\\n(.*?)```",
      Pattern.DOTALL);

  @TempDir Path tmp;

  private record Block(String kind, String target, String text) {}

  private static List<Block> blocks() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2), m.group(3)));
    }
    return blocks;
  }

  @Test
  void firstTwoCommandsAreRunAndTest() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("```sh\n./studybook run\nmvn -B test\n```"), "the README's first commands");
  }

  @Test
  void examplesAreTheMiniStudysCode() throws IOException {
    List<Block> examples = blocks().stream().filter(b -> b.kind().equals("example")).toList();
    assertEquals(2, examples.size());
    for (Block b : examples) {
      String file = Files.readString(Path.of(b.target()));
      assertTrue(file.contains(b.text()), b.target() + " no longer contains the README's example:\n" + b.text());
    }
  }

  @Test
  void documentedOutputIsWhatTheMiniStudyGives() throws IOException {
    Path study = MiniStudy.copy(tmp);
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    ReportWriter.write(run, Path.of("reports"), new PrintStream(java.io.OutputStream.nullOutputStream()));
    List<Block> outputs = blocks().stream().filter(b -> b.kind().equals("output")).toList();
    assertEquals(1, outputs.size());
    for (Block b : outputs) {
      String produced = Files.readString(study.resolve("reports").resolve(b.target()));
      assertTrue(produced.contains(b.text()), "reports/" + b.target() + " does not contain:\n" + b.text());
    }
  }
}
