package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.cli.ServeCommand;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/** Issue 20's red-team findings on {@code serve}: what ends its run thread, blocks it, or misleads a tab. */
class ServeHardeningTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path tmp;

  /**
   * A render that runs out of memory (a template writing without end, in a serve with a small heap) is a
   * failed run: the page says so under the STALE banner, and the next save runs again. Before, the
   * error ended serve's run thread and every later save was ignored, with the old page shown as current.
   */
  @Test
  void aRenderThatRunsOutOfMemoryLeavesServeAliveStaleAndRerunningOnTheNextSave() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    Path template = dir.resolve("templates/report.md.ftl");
    String good = Files.readString(template);
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), "studybook.cli.Main", "serve", "--study",
        dir.toString(), "--port", "0")).redirectError(tmp.resolve("serve.err").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = out.readLine();
      assertTrue(url != null && url.startsWith("http://127.0.0.1:"), url + "\n" + Files.readString(tmp.resolve("serve.err")));
      HttpClient http = HttpClient.newHttpClient();
      String first = awaitPage(http, url, page -> page.contains("Mini study: age and outcome by treatment group"));
      long v1 = version(first);

      Files.writeString(template, good + "\n<#list 1..2000000000 as i>Filling the heap with text, line ${i}.\n</#list>\n");
      String oom = awaitPage(http, url, page -> version(page) > v1, tmp);
      assertTrue(oom.contains("id=\"sb-stale\"") && oom.contains("the latest run failed"), oom);
      assertTrue(oom.contains("ran out of memory"), oom);
      assertTrue(oom.contains("Mini study: age and outcome by treatment group"), "the last good page stays: " + oom);
      long v2 = version(oom);

      Files.writeString(template, good + "\nBack to a small page.\n");
      String again = awaitPage(http, url, page -> version(page) > v2 && page.contains("Back to a small page."), tmp);
      assertFalse(again.contains("id=\"sb-stale\""), again);
      assertFalse(again.contains("id=\"sb-problem\""), again);
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    String err = Files.readString(tmp.resolve("serve.err"));
    assertFalse(err.contains("Exception in thread") || err.contains("\tat "), "no stack trace: " + err);
  }

  /**
   * A cell that never ends (and ignores interrupts) is stopped after serve's own limit, which the page
   * states; the batch default (half an hour) does not apply to serve.
   */
  @Test
  void aLoopingCellIsStoppedAfterServesLimitAndThePageSaysSo() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    Files.writeString(dir.resolve("analysis/Loop.java"), LOOPING);
    try (LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet().withCellSecondsCap(2),
        s -> {})) {
      long t = System.nanoTime();
      Snapshot first = live.awaitVersion(1, WAIT.toMillis());
      assertEquals(1, first.version());
      assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(90), "stopped after the limit, not the default");
      String message = first.problem().orElseThrow().message();
      assertTrue(message.contains("cell 'forever' did not finish within 2 s") && message.contains("--cell-timeout"),
          message);
      String page = PreviewPage.of(first, "n", false, "i", live.cellSecondsCap());
      assertTrue(page.contains("A cell that runs longer than 2 s is stopped here"), page);
      assertTrue(page.contains("id=\"sb-stale\""), page);
    }
  }

  /** A save while a cell loops cancels that run: the new inputs' page comes at once, not after the limit. */
  @Test
  void aSaveCancelsTheRunUnderWay() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    Path loop = dir.resolve("analysis/Loop.java");
    Files.writeString(loop, LOOPING);
    try (LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet().withCellSecondsCap(1200),
        s -> {})) {
      long end = System.nanoTime() + WAIT.toNanos();
      while (!studybook.kernel.Kernel.runningCell().equals(Optional.of("forever"))) {
        assertTrue(System.nanoTime() < end, "the looping cell never started");
        Thread.sleep(50);
      }
      Files.writeString(loop, LOOPING.replace("for (;;) {", "for (int k = 0; k < 1; k++) {").replace("// end", "return 7;"));
      long t = System.nanoTime();
      Snapshot s = live.awaitVersion(1, WAIT.toMillis());
      assertEquals(1, s.version(), "the cancelled run published nothing; the next one is version 1");
      assertEquals(Optional.empty(), s.problem());
      assertTrue(System.nanoTime() - t < WAIT.toNanos(), "not after the limit");
      assertTrue(s.cells().stream().anyMatch(c -> c.name().equals("forever")), s.cells().toString());
    }
  }

  /**
   * Each start of the server has its own identity, in the page and in every event, which the page
   * never sends: a program that takes the port after serve stops cannot produce events or pages the
   * open tab accepts (ServeBrowserTest shows the tab refusing them in a real browser).
   */
  @Test
  void everyEventAndPageNamesTheServerStartThatServedThePage() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {});
    List<String> instances = new ArrayList<>();
    try {
      for (int start = 0; start < 2; start++) {
        PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
        try {
          HttpClient http = HttpClient.newHttpClient();
          String page = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          Matcher m = Pattern.compile("data-sb-instance=\"([A-Za-z0-9_-]{32})\"").matcher(page);
          assertTrue(m.find(), page);
          String instance = m.group(1);
          assertFalse(server.url().contains(instance), "the tab must never send its server's identity");
          URI events = URI.create(server.url().replace("/?token=", "/events?token="));
          String line = http.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofLines()).body()
              .filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
          assertEquals("data: " + instance + " " + live.current().version(), line);
          instances.add(instance);
        } finally {
          server.close();
        }
      }
    } finally {
      live.close();
    }
    assertNotEquals(instances.get(0), instances.get(1));
    assertTrue(PreviewPage.SCRIPT.contains("data-sb-instance") && PreviewPage.SCRIPT.contains("replaced()"));
  }

  /** Connections that never finish their request hold no more threads than the server's fixed number. */
  @Test
  void slowConnectionsHoldABoundedNumberOfThreads() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {});
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    List<Socket> open = new ArrayList<>();
    try {
      int port = server.address().getPort();
      for (int i = 0; i < 120; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream o = s.getOutputStream();
        o.write(("GET /?token=x HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
        o.flush();
        open.add(s);
      }
      Thread.sleep(2000);
      long threads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("studybook-serve-http")).count();
      assertTrue(threads <= PreviewServer.THREADS, threads + " threads for 120 connections (some beyond the queue: closed)");
      for (Socket s : open) {
        s.close();
      }
      open.clear();
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()
          .send(HttpRequest.newBuilder(URI.create(server.url())).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), "still answers");
    } finally {
      for (Socket s : open) {
        s.close();
      }
      ServeCommand.stop(server, live);
    }
  }

  /**
   * {@code --host 0.0.0.0}: the printed URL is one a browser on this machine opens (not 0.0.0.0), and the
   * machine's own addresses are accepted as the Host, so the URLs printed for other machines work too.
   */
  @Test
  void aWildcardBindPrintsAUsableUrlAndAnswersOnTheMachinesAddresses() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {});
    PreviewServer server = PreviewServer.start(InetAddress.getByName("0.0.0.0"), 0, live, Optional.of("0.0.0.0"));
    try {
      String url = server.url();
      assertTrue(url.startsWith("http://127.0.0.1:" + server.address().getPort() + "/?token="), url);
      HttpClient http = HttpClient.newHttpClient();
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      List<String> network = server.networkUrls();
      for (String u : network) {
        assertFalse(u.contains("0.0.0.0"), u);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(u)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode(), u);
      }
      for (InetAddress a : PreviewServer.machineAddresses()) {
        if (a instanceof java.net.Inet4Address) {
          assertTrue(network.contains("http://" + a.getHostAddress() + ":" + server.address().getPort()
              + url.substring(url.indexOf("/?token="))), network + " lacks " + a);
        }
      }
    } finally {
      ServeCommand.stop(server, live);
    }
  }

  /** IPv6 addresses are written as browsers write them in the Host header (RFC 5952's short form). */
  @Test
  void ipv6AddressesAreWrittenInTheirShortForm() throws Exception {
    assertEquals("[fd00::2]", PreviewServer.literal(InetAddress.getByName("fd00:0:0:0:0:0:0:2")));
    assertEquals("[::1]", PreviewServer.literal(InetAddress.getByName("::1")));
    assertEquals("[::]", PreviewServer.literal(InetAddress.getByName("::")));
    assertEquals("[2001:db8::1:0:0:1]", PreviewServer.literal(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
    assertEquals("[2001:db8:0:1:1:1:1:1]", PreviewServer.literal(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
    assertEquals("192.0.2.2", PreviewServer.literal(InetAddress.getByName("192.0.2.2")));
  }

  private static final String LOOPING = """
      import studybook.kernel.Cell;
      public class Loop {
        /** Never returns (and ignores interrupts) unless edited. */
        @Cell public int forever() {
          for (;;) {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              // carries on
            }
          }
          // end
        }
      }
      """;

  private static long version(String page) {
    Matcher m = Pattern.compile("data-sb-version=\"(\\d+)\"").matcher(page);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String awaitPage(HttpClient http, String url, Predicate<String> ok) throws Exception {
    return awaitPage(http, url, ok, null);
  }

  private static String awaitPage(HttpClient http, String url, Predicate<String> ok, Path logs) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (ok.test(last)) {
          return last;
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out; last page: " + last
        + (logs == null ? "" : "\nserve's stderr: " + Files.readString(logs.resolve("serve.err"))));
  }
}
