package studybook.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The tools some checks need and a fresh machine (JDK 17 and Maven only) lacks. A test that needs one
 * says so with {@link Needs}: it runs where the tool works, and is skipped with the reason where it does
 * not, unless {@code STUDYBOOK_REQUIRE_TOOLS} (CI sets it to {@code all}) names the tool, when the
 * absence fails the test instead. Each tool is asked once per test JVM.
 */
public enum OptionalTool {
  /** bubblewrap, for {@code check --sandbox}. */
  BUBBLEWRAP("bubblewrap", "apt-get install bubblewrap (.ci/install-bubblewrap.sh)") {
    @Override
    String absence() {
      String bwrap = "bwrap";
      return run(List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
          "--die-with-parent", "--", "true"), bwrap + " cannot create a sandbox here");
    }
  },
  /** LibreOffice (soffice) and poppler's pdftotext, to render the Word report as a reader sees it. */
  LIBREOFFICE("libreoffice", "apt-get install libreoffice-writer-nogui poppler-utils (.ci/install-libreoffice.sh)") {
    @Override
    String absence() {
      String soffice = run(List.of("soffice", "--version"), "soffice does not start");
      return soffice != null ? soffice : run(List.of("pdftotext", "-v"), "pdftotext does not start");
    }
  },
  /** Debian's Chromium, for the real-browser checks; {@code -Dstudybook.browser.chromium} names another. */
  CHROMIUM("chromium", "apt-get install chromium (.ci/browser-check.sh)") {
    @Override
    String absence() {
      Path exe = Path.of(System.getProperty("studybook.browser.chromium", "/usr/bin/chromium"));
      return Files.isExecutable(exe) && Files.isRegularFile(exe) ? null : "no Chromium at " + exe;
    }
  };

  /** The variable that turns a missing tool from a skip into a failure: {@code all}, or names (comma-separated). */
  public static final String REQUIRE = "STUDYBOOK_REQUIRE_TOOLS";

  private static final ConcurrentHashMap<OptionalTool, String> ABSENCE = new ConcurrentHashMap<>();

  private final String key;
  private final String install;

  OptionalTool(String key, String install) {
    this.key = key;
    this.install = install;
  }

  /** Null when the tool works here, else why not (its own words where it said any). */
  abstract String absence();

  /** Why the tool cannot be used here, with how to get it; empty when it can. */
  public java.util.Optional<String> missing() {
    String why = ABSENCE.computeIfAbsent(this, t -> {
      String a = t.absence();
      return a == null ? "" : a;
    });
    return why.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(key + " is not available (" + why + "); install: " + install);
  }

  /** Whether {@link #REQUIRE} makes this tool's absence a failure. */
  public boolean required() {
    String v = System.getenv().getOrDefault(REQUIRE, "").trim().toLowerCase(Locale.ROOT);
    if (v.equals("all") || v.equals("1") || v.equals("true")) {
      return true;
    }
    return List.of(v.split("[,\\s]+")).contains(key);
  }

  /** Null when the command ran and exited 0 within a minute, else why not. */
  private static String run(List<String> command, String failure) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return command.get(0) + " did not answer within 60 s";
      }
      return p.exitValue() == 0 ? null
          : failure + ": " + out.lines().findFirst().orElse("exit " + p.exitValue());
    } catch (IOException e) {
      return command.get(0) + " cannot be started (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
