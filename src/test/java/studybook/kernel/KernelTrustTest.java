package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;

/** Issue 16: cached results never stale, compiled classes never trusted by check, cells that cannot hang or end a run. */
class KernelTrustTest {
  @TempDir Path tmp;

  private record Logged(KernelRun run, String log) {}

  private static Logged run(Path study, CacheMode mode) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    KernelRun run = Kernel.run(MiniStudy.open(study),
        RunOptions.defaults().with(mode).withLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    return new Logged(run, log.toString(StandardCharsets.UTF_8));
  }

  private static Path study(Path dir, String... scripts) {
    Path study = MiniStudy.copy(dir);
    try {
      Files.delete(study.resolve("analysis/Cohort.java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    for (int i = 0; i < scripts.length; i += 2) {
      MiniStudy.write(study.resolve("analysis/" + scripts[i]), scripts[i + 1]);
    }
    return study;
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), text);
    MiniStudy.write(file, text.replace(from, to));
  }

  @Test
  void aCellCallingAHelperOrRecordMethodInAnotherScriptIsNotServedStale() throws IOException {
    Path study = study(tmp,
        "Helpers.java", """
            import studybook.kernel.Cell;
            public class Helpers {
              public static int base() { return 1; }
              public record Box(int v) { public int twice() { return 2 * v; } }
              @Cell public int unrelated() { return 5; }
            }
            """,
        "User.java", """
            import studybook.kernel.Cell;
            public class User {
              @Cell public int viaHelper() { return Helpers.base() + 10; }
              @Cell public int viaRecord() { return new Helpers.Box(3).twice(); }
            }
            """,
        "Alone.java", """
            import studybook.kernel.Cell;
            public class Alone {
              @Cell public int alone() { return 7; }
            }
            """);
    Logged first = run(study, CacheMode.USE);
    assertEquals(11, first.run().result("viaHelper"));
    assertEquals(6, first.run().result("viaRecord"));
    edit(study.resolve("analysis/Helpers.java"), "return 1;", "return 2;");
    edit(study.resolve("analysis/Helpers.java"), "2 * v", "3 * v");
    Logged second = run(study, CacheMode.USE);
    assertEquals(12, second.run().result("viaHelper"), second.log());
    assertEquals(9, second.run().result("viaRecord"), second.log());
    assertTrue(second.log().contains("computed viaHelper"), second.log());
    // A cell that reaches nothing in the edited script stays cached.
    assertTrue(second.log().contains("cached   alone"), second.log());
  }

  @Test
  void checkAndVerifyCompileTheSourcesTheyHashNotSwappedClassFiles() throws IOException {
    String answer = """
        import studybook.kernel.Cell;
        public class Answer {
          @Cell public int answer() { return 42; }
        }
        """;
    Path honest = study(tmp.resolve("honest"), "Answer.java", answer);
    Path forged = study(tmp.resolve("forged"), "Answer.java", answer.replace("42", "7"));
    run(honest, CacheMode.USE);
    run(forged, CacheMode.USE);
    // Put the other program's class file and a matching index where the honest study's classes are kept.
    Path honestClasses = classFolder(honest);
    Path forgedClasses = classFolder(forged);
    Files.copy(forgedClasses.resolve("Answer.class"), honestClasses.resolve("Answer.class"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(forgedClasses.resolve("index.properties"), honestClasses.resolve("index.properties"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(42, run(honest, CacheMode.OFF).run().result("answer"));
    assertEquals(42, run(honest, CacheMode.REFRESH).run().result("answer"));
    // ... and the entry they compiled replaced the swapped one.
    assertEquals(42, run(honest, CacheMode.USE).run().result("answer"));
  }

  @Test
  void aCorruptClassEntryIsReplacedNotDetectedForever() throws IOException {
    Path study = study(tmp, "Answer.java", """
        import studybook.kernel.Cell;
        public class Answer {
          @Cell public int answer() { return 42; }
        }
        """);
    run(study, CacheMode.USE);
    Path classFile = classFolder(study).resolve("Answer.class");
    byte[] bytes = Files.readAllBytes(classFile);
    bytes[bytes.length - 1] ^= 1;
    Files.write(classFile, bytes);
    Logged repaired = run(study, CacheMode.USE);
    assertFalse(repaired.log().contains("classes from cache"), repaired.log());
    Logged next = run(study, CacheMode.USE);
    assertTrue(next.log().contains("classes from cache"), next.log());
  }

  private static Path classFolder(Path study) throws IOException {
    try (Stream<Path> files = Files.walk(study.resolve(".studybook/classes"))) {
      return files.filter(f -> f.getFileName().toString().equals("Answer.class")).findFirst().orElseThrow().getParent();
    }
  }

  @Test
  void aScriptThatEndsTheProcessDoesNotCompile() {
    int n = 0;
    for (String call : new String[] {"System.exit(0)", "Runtime.getRuntime().halt(0)", "Runtime.getRuntime().exit(0)"}) {
      Path study = study(tmp.resolve(Integer.toString(n++)), "Quit.java", """
          import studybook.kernel.Cell;
          public class Quit {
            @Cell public int quit() {
              %s;
              return 1;
            }
          }
          """.formatted(call));
      StudybookException e = assertThrows(StudybookException.class, () -> run(study, CacheMode.OFF));
      assertTrue(e.getMessage().startsWith("analysis/Quit.java:4:"), e.getMessage());
      assertTrue(e.getMessage().contains("would end the process"), e.getMessage());
    }
    Path reference = study(tmp.resolve("ref"), "Quit.java", """
        import studybook.kernel.Cell;
        import java.util.function.IntConsumer;
        public class Quit {
          @Cell public int quit() {
            IntConsumer q = System::exit;
            return 1;
          }
        }
        """);
    StudybookException e = assertThrows(StudybookException.class, () -> run(reference, CacheMode.OFF));
    assertTrue(e.getMessage().startsWith("analysis/Quit.java:5:"), e.getMessage());
  }

  @Test
  void aCellThatNeverReturnsFailsTheRunNamingIt() {
    Path own = study(tmp.resolve("own"), "Slow.java", """
        import studybook.kernel.Cell;
        public class Slow {
          @Cell(value = "hangs", timeoutSeconds = 1) public int slow() throws InterruptedException {
            Thread.sleep(600_000);
            return 1;
          }
        }
        """);
    long t = System.nanoTime();
    StudybookException e = assertThrows(StudybookException.class, () -> run(own, CacheMode.OFF));
    assertTrue((System.nanoTime() - t) / 1e9 < 30, "stopped at the limit");
    assertTrue(e.getMessage().contains("cell 'slow' did not finish within 1 s"), e.getMessage());

    Path bySetting = study(tmp.resolve("setting"), "Slow.java", """
        import studybook.kernel.Cell;
        public class Slow {
          @Cell public int slow() throws InterruptedException {
            Thread.sleep(600_000);
            return 1;
          }
        }
        """);
    MiniStudy.write(bySetting.resolve("study.properties"),
        "data=data/mini.csv\nseed=1\ndata.categorical=event\ncell.timeout_seconds=1\n");
    e = assertThrows(StudybookException.class, () -> run(bySetting, CacheMode.OFF));
    assertTrue(e.getMessage().contains("cell 'slow' did not finish within 1 s"), e.getMessage());
  }

  @Test
  void aDataFileReplacedWhileTheRunReadsItIsNotRecordedWithTheOldHash() throws IOException {
    Path study = MiniStudy.copy(tmp);
    Path data = study.resolve("data/mini.csv");
    String original = Files.readString(data);
    String originalHash = Hashes.ofFile(data);
    // The run parses the very bytes it hashed: a file replaced after they were read changes nothing in this run.
    BuiltIns replacing = BuiltIns.standard().with(new BuiltIns.BuiltIn("data", studybook.data.Frame.class,
        in -> BuiltIns.standard().get("data").hash().apply(in), in -> {
          MiniStudy.write(data, original.replace("\n", "\r\n"));
          return BuiltIns.loadData(in);
        }));
    KernelRun held = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet().with(replacing).with(CacheMode.OFF));
    assertEquals(originalHash, held.inputHashes().get("data/mini.csv"));
    // When the run no longer holds the bytes (serve let them go, or a file over 2 GiB), the loader reads the
    // file itself, and a file replaced in between fails the run rather than be recorded with the old hash.
    MiniStudy.write(data, original);
    BuiltIns released = BuiltIns.standard().with(new BuiltIns.BuiltIn("data", studybook.data.Frame.class,
        in -> BuiltIns.standard().get("data").hash().apply(in), in -> {
          in.releaseData();
          MiniStudy.write(data, original.replace("\n", "\r\n"));
          return BuiltIns.loadData(in);
        }));
    StudybookException e = assertThrows(StudybookException.class, () -> Kernel.run(MiniStudy.open(study),
        RunOptions.defaults().quiet().with(released).with(CacheMode.OFF)));
    assertTrue(e.getMessage().startsWith("data/mini.csv changed while the run was reading it"), e.getMessage());
    // Unchanged, the hash recorded is that of the bytes read.
    KernelRun run = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet().with(CacheMode.OFF));
    assertEquals(Hashes.ofFile(data), run.inputHashes().get("data/mini.csv"));
  }

  @Test
  void aDataFileOver2GiBIsOneClearLine() throws IOException {
    Path big = tmp.resolve("big.csv");
    try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength((1L << 31) + (100L << 20));
    }
    studybook.data.DataException e = assertThrows(studybook.data.DataException.class,
        () -> studybook.data.AdhocLoader.load(big, java.util.Set.of(), java.util.Map.of()));
    assertTrue(e.getMessage().contains("is 2.10 GiB; a data file is read whole and may be at most 2 GiB"), e.getMessage());
    Files.delete(big);
  }
}
