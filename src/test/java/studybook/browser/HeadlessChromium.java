package studybook.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, started with a fresh profile and a DevTools port of its own choosing
 * (port 0; the port is read back from the profile's DevToolsActivePort file, so parallel runs never
 * collide). Closing it ends the browser and deletes the profile.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
  /** The flags the project agreed on: no sandbox (root in a container), no GPU, and no traffic of its own. */
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--remote-debugging-port=0");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final Path log;
  final DevTools devTools;

  private HeadlessChromium(Process process, Path profile, Path log, DevTools devTools) {
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.devTools = devTools;
  }

  static HeadlessChromium launch(Path executable) throws IOException {
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException("no Chromium at " + executable
          + ": install it (apt-get install -y chromium) or run .ci/browser-check.sh, which does");
    }
    Path profile = Files.createTempDirectory("studybook-chromium-");
    Path log = Files.createTempFile("studybook-chromium-", ".log");
    List<String> command = new java.util.ArrayList<>();
    command.add(executable.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("about:blank");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      URI endpoint = awaitEndpoint(process, profile, log);
      return new HeadlessChromium(process, profile, log, DevTools.connect(endpoint));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  private static URI awaitEndpoint(Process process, Path profile, Path log) throws IOException {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Chromium exited with " + process.exitValue() + ":\n" + tail(log));
      }
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        // The file is written in two steps; wait until both lines are there.
        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Chromium started", e);
      }
    }
    throw new IllegalStateException("Chromium wrote no DevToolsActivePort within "
        + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      devTools.send(null, "Browser.close", null);
    } catch (RuntimeException e) {
      // Already gone or not answering: fall through to ending the process.
    }
    devTools.close();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(profile);
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A stray log file in the temp folder is harmless.
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the profile lives in the temp folder.
    }
  }
}
