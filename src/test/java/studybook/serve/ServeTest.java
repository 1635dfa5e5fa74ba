package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.kernel.StudyLock;

/** {@code studybook serve} on a copy of the mini study: token, Host check, loopback, live updates, errors, slow cells. */
class ServeTest {
  private static final long WAIT_SECONDS = 120;

  @TempDir Path tmp;

  @Test
  void servesALivePageOnlyToTheTokenOnLoopback() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try {
      URI url = URI.create(server.url());
      int port = server.address().getPort();
      String token = url.getQuery().substring("token=".length());
      HttpClient http = HttpClient.newHttpClient();

      // Loopback only.
      assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(n.getInetAddresses())) {
          if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            assertThrows(IOException.class, () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), 2000);
              }
            }, "reachable on " + a);
          }
        }
      }

      // No token, a wrong token, a foreign Host header: 403; no CORS header anywhere.
      HttpResponse<String> noToken = get(http, "http://127.0.0.1:" + port + "/");
      assertEquals(403, noToken.statusCode());
      assertEquals(403, get(http, "http://127.0.0.1:" + port + "/?token=" + token + "x").statusCode());
      assertEquals(403, get(http, "http://127.0.0.1:" + port + "/events").statusCode());
      assertEquals(404, get(http, "http://127.0.0.1:" + port + "/../../study.properties?token=" + token).statusCode());
      assertEquals(404, get(http, "http://127.0.0.1:" + port + "/data/mini.csv?token=" + token).statusCode());
      assertTrue(rawStatus(port, "evil.example:" + port, "/?token=" + token).startsWith("HTTP/1.1 403"));
      assertTrue(rawStatus(port, "127.0.0.1:" + port, "/?token=" + token).startsWith("HTTP/1.1 200"));

      // The event stream announces versions.
      BlockingQueue<Long> versions = new LinkedBlockingQueue<>();
      HttpRequest sse = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events?token=" + token)).build();
      http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
        assertEquals(200, r.statusCode());
        r.body().filter(l -> l.startsWith("data: ") && l.strip().contains(" "))
            .forEach(l -> versions.offer(Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).strip())));
      });

      HttpResponse<String> first = get(http, server.url());
      assertEquals(200, first.statusCode());
      assertFalse(first.headers().firstValue("Access-Control-Allow-Origin").isPresent());
      String csp = first.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertTrue(csp.contains("script-src 'nonce-"), csp);
      assertTrue(first.body().contains("Mini study: age and outcome by treatment group"), first.body());
      assertTrue(first.body().contains("id=\"sb-cells\""));
      assertFalse(first.body().contains("id=\"sb-stale\""));
      assertFalse(first.body().contains("Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'"));
      // Each figure names the cell that made it (the page's click-to-cell), and that cell has a panel row.
      assertTrue(first.body().contains("<span class=\"sb-figure\" data-sb-cell=\"flow\"><svg"), first.body());
      assertTrue(first.body().contains("<span class=\"sb-figure\" data-sb-cell=\"eventOdds\"><svg"), first.body());
      assertTrue(first.body().contains("<tr id=\"sb-cell-flow\">"), first.body());
      long v = live.current().version();

      // A template edit: a new version is announced and the page shows the new text.
      Path template = dir.resolve("templates/report.md.ftl");
      append(template, "\nLive edit marker one.\n");
      v = awaitNewer(versions, v);
      String page = get(http, server.url()).body();
      assertTrue(page.contains("Live edit marker one."), page);
      assertFalse(page.contains("id=\"sb-problem\""), page);

      // A cell edit: its numbers change, it is recomputed, the cells it does not feed come from the cache.
      Path script = dir.resolve("analysis/Cohort.java");
      String code = Files.readString(script);
      String edited = code.replace("@Cell(\"Mean age\")", "@Cell(\"Mean age, edited\")")
          .replace("return new AgeSummary(n, data.rowCount() - n, sum / n);",
              "return new AgeSummary(n, data.rowCount() - n, sum / n + 100);");
      assertNotEquals(code, edited);
      Files.writeString(script, edited);
      v = awaitNewer(versions, v);
      String afterCell = get(http, server.url()).body();
      assertNotEquals(text(page), text(afterCell));
      assertTrue(afterCell.contains("Mean age, edited"), afterCell);
      assertTrue(afterCell.contains("Live edit marker one."));

      // A compile error: located with file, line and column and the source line; the old output stays, marked stale.
      Files.writeString(script, edited.replace("double sum = 0;", "double sum = 0 +;"));
      int line = lineOf(edited, "double sum = 0;");
      v = awaitNewer(versions, v);
      String broken = get(http, server.url()).body();
      assertTrue(broken.contains("analysis/Cohort.java:" + line + ":"), broken);
      assertTrue(broken.contains("double sum = 0 +;"), broken);
      assertTrue(broken.contains("id=\"sb-stale\""), broken);
      assertTrue(broken.contains("Live edit marker one."), broken);
      assertTrue(broken.contains("class=\"sb-is-stale\""), broken);

      // Fixed: current again.
      Files.writeString(script, edited);
      v = awaitNewer(versions, v);
      String fixed = get(http, server.url()).body();
      assertFalse(fixed.contains("id=\"sb-stale\""), fixed);
      assertFalse(fixed.contains("id=\"sb-problem\""), fixed);
      assertEquals(text(report(afterCell)), text(report(fixed)));

      // A slow cell: a change does not rerun it; it is stale until asked for.
      String slow = edited.replace("@Cell(\"A seeded resample of the mean age, showing the per-cell seed\")",
          "@Cell(value = \"A seeded resample of the mean age, showing the per-cell seed\", slow = true)")
          .replace("return sum / ages.length;", "return sum / ages.length + 1;");
      assertNotEquals(edited, slow);
      Files.writeString(script, slow);
      v = awaitNewer(versions, v);
      String stale = get(http, server.url()).body();
      assertTrue(stale.contains("id=\"sb-run-slow\""), stale);
      assertTrue(stale.contains("stale (slow)"), stale);
      HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/run-slow?token=" + token)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(204, run.statusCode());
      v = awaitNewer(versions, v);
      String ran = get(http, server.url()).body();
      assertFalse(ran.contains("id=\"sb-stale\""), ran);
      assertFalse(ran.contains("stale (slow)"), ran);

      // serve never writes reports/.
      assertFalse(Files.exists(dir.resolve("reports")));
    } finally {
      studybook.cli.ServeCommand.stop(server, live);
    }
    // Stopped: no lock held, no temporary file left.
    try (StudyLock lock = StudyLock.acquire(MiniStudy.open(dir))) {
      assertTrue(lock != null);
    }
    try (Stream<Path> s = Files.walk(dir.resolve(".studybook"))) {
      List<Path> left = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(".tmp-") || n.endsWith(".tmp") || n.startsWith("compiling-") || n.startsWith("stale-");
      }).toList();
      assertEquals(List.of(), left);
    }
  }

  /**
   * The rectal NET study (this repository's own) under serve: every table a template places with
   * {@code <@table/>} and every figure carries the cell that made it, each such cell has its panel row, and
   * the page is report.html's page plus those marks only; the committed reports/ never carry them.
   */
  @Test
  void marksEveryPlacedTableAndFigureWithItsCellOnTheRectalNetStudy() throws Exception {
    Path dir = tmp.resolve("rectal");
    for (String part : List.of("analysis", "data", "templates", "study.properties")) {
      MiniStudy.copyTree(Path.of(part), dir.resolve(part));
    }
    try (LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {})) {
      Snapshot first = live.awaitVersion(1, TimeUnit.SECONDS.toMillis(WAIT_SECONDS * 2));
      assertEquals(Optional.empty(), first.problem());
      String page = PreviewPage.of(first, "n", false);
      java.util.Set<String> marked = new java.util.TreeSet<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-sb-cell=\"([^\"]+)\"").matcher(page);
      while (m.find()) {
        marked.add(m.group(1));
      }
      assertEquals(java.util.Set.of("flow", "oddsRatios", "recurrenceCurve", "recurrenceFreeSurvival", "reproducibility",
          "table1", "table2",
          "table3"), marked);
      for (String cell : marked) {
        assertTrue(page.contains("<tr id=\"sb-cell-" + cell + "\">"), cell);
      }
      assertTrue(page.contains("<div class=\"table-wrap\" data-sb-cell=\"table1\"><table>"), page);
      assertTrue(page.contains("<span class=\"sb-figure\" data-sb-cell=\"oddsRatios\"><svg"), page);
      // Without its marks the report is report.html's page, byte for byte (the committed one has none).
      studybook.kernel.KernelRun run = studybook.kernel.Kernel.run(studybook.kernel.Study.open(dir, Optional.empty()),
          RunOptions.defaults().quiet());
      String plain = studybook.report.ReportWriter.page(run);
      assertFalse(plain.contains("data-sb-cell"));
      assertFalse(Files.readString(Path.of("reports/report.html")).contains("data-sb-cell"));
      String withCells = studybook.report.ReportWriter.pageWithCells(run);
      assertEquals(plain, withCells.replaceAll(" data-sb-cell=\"[^\"]+\"", "")
          .replaceAll("(?s)<span class=\"sb-figure\">(<svg.*?</svg><span class=\"figure-caption\">.*?</span>)</span>", "$1"));
      assertFalse(Files.exists(dir.resolve("reports")));
    }
  }

  private static String text(String html) {
    return html.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  private static String report(String page) {
    int a = page.indexOf("<main class=\"sb-report\">");
    return page.substring(a, page.indexOf("</main>", a));
  }

  private static int lineOf(String code, String needle) {
    String before = code.substring(0, code.indexOf(needle));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  private static long awaitNewer(BlockingQueue<Long> versions, long than) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < end) {
      Long v = versions.poll(1, TimeUnit.SECONDS);
      if (v != null && v > than) {
        return v;
      }
    }
    throw new AssertionError("no version after " + than + " within " + WAIT_SECONDS + " s");
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, Files.readString(file) + text);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status line of a GET with a chosen Host header (the JDK's client does not let one set it). */
  private static String rawStatus(int port, String host, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(120_000);
      OutputStream o = s.getOutputStream();
      o.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        b.append((char) c);
      }
      return b.toString();
    }
  }
}
