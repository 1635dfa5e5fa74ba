package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.Hashes;
import studybook.kernel.MiniStudy;

/**
 * {@code run --no-cache} recomputes every cell and renders every output, taking only the compiled scripts
 * and the Word file's figure PNGs from the work folder; {@code --recompile} takes nothing; all give the same
 * bytes, and {@code check} (which never trusts the work folder) agrees.
 */
class RunNoCacheTest {
  @TempDir Path tmp;

  @Test
  void noCacheRecomputesEveryCellButKeepsCompiledScriptsAndRasters() throws IOException {
    Path study = MiniStudy.copy(tmp);
    CliRun first = CliRun.of("run", "--study", study.toString());
    assertEquals(0, first.code(), first.err());
    Map<String, String> reports = hashes(study.resolve("reports"));
    assertTrue(Files.isDirectory(study.resolve(".studybook/rasters")), "the figures' PNGs are kept");

    CliRun noCache = CliRun.of("run", "--study", study.toString(), "--no-cache");
    assertEquals(0, noCache.code(), noCache.err());
    assertTrue(noCache.err().contains("classes from cache"), noCache.err());
    assertFalse(noCache.err().contains("cached  "), "every cell is computed: " + noCache.err());
    assertTrue(noCache.err().contains("computed flow"), noCache.err());
    assertFalse(noCache.err().contains("carried over"), "every output is rendered: " + noCache.err());
    assertEquals(reports, hashes(study.resolve("reports")));

    // A kept PNG that is not what its figure draws would show in report.docx; --recompile draws anew.
    try (Stream<Path> kept = Files.list(study.resolve(".studybook/rasters"))) {
      for (Path png : kept.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.write(png, new byte[] {1, 2, 3});
        Files.writeString(png.resolveSibling(png.getFileName().toString().replace(".png", ".sha256")),
            Hashes.of(new byte[] {1, 2, 3}));
      }
    }
    CliRun recompile = CliRun.of("run", "--study", study.toString(), "--recompile");
    assertEquals(0, recompile.code(), recompile.err());
    assertFalse(recompile.err().contains("classes from cache"), recompile.err());
    assertFalse(recompile.err().contains("cached  "), recompile.err());
    assertEquals(reports, hashes(study.resolve("reports")));
    CliRun check = CliRun.of("check", "--study", study.toString(), "--quiet");
    assertEquals(0, check.code(), check.out() + check.err());
  }

  @Test
  void helpSaysWhatNoCacheStillReuses() {
    CliRun help = CliRun.of("run", "--help");
    String text = help.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("--no-cache Recompute every cell and render every output"), text);
    assertTrue(text.contains("--recompile"), text);
  }

  private static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> h = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(f).toString();
        if (!name.equals("manifest.json")) {
          h.put(name, Hashes.of(Files.readAllBytes(f)));
        }
      }
    }
    assertTrue(h.containsKey("report.docx"), h.toString());
    return h;
  }
}
