package studybook.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import studybook.tools.Needs;
import studybook.tools.OptionalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.cli.ServeCommand;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;
import studybook.serve.LiveStudy;
import studybook.serve.PreviewServer;

/**
 * {@code studybook serve} in a real browser ({@code mvn -B test -Pbrowser}): the open tab shows a
 * template edit, a cell edit, a compile error (located, the old output marked stale) and the recovery,
 * without a reload (a value set on the window survives) and at the same scroll position; its one script
 * runs under the served page's policy without a console error.
 */
@Tag("browser")
@Needs(OptionalTool.CHROMIUM)
class ServeBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path tmp;

  @Test
  void theOpenTabFollowsEditsWithoutAReload() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try (HeadlessChromium chromium = HeadlessChromium.launch(Path.of(System.getProperty("studybook.browser.chromium",
        HeadlessChromium.DEFAULT_EXECUTABLE.toString())))) {
      DevTools cdp = chromium.devTools;
      String session = PageCheck.Tab.open(cdp, "Runtime", "Log", "Page").session();
      ObjectNode metrics = DevTools.params();
      metrics.put("width", 1000);
      metrics.put("height", 500);
      metrics.put("deviceScaleFactor", 1);
      metrics.put("mobile", false);
      cdp.send(session, "Emulation.setDeviceMetricsOverride", metrics);
      ObjectNode navigate = DevTools.params();
      navigate.put("url", server.url());
      cdp.send(session, "Page.navigate", navigate);
      await(cdp, session, "document.getElementById('sb-cells') !== null", "the first page");
      // Give the event stream time to connect, then mark the window and scroll.
      await(cdp, session, "document.body.getAttribute('data-sb-version') === '1'", "version 1");
      Thread.sleep(1000);
      eval(cdp, session, "window.sbMark = 42; window.scrollTo(0, 400); window.scrollY");
      int scrolled = eval(cdp, session, "window.scrollY").asInt();
      assertTrue(scrolled > 0, "the page scrolls: " + scrolled);

      Path template = dir.resolve("templates/report.md.ftl");
      Files.writeString(template, Files.readString(template) + "\nLive browser marker.\n");
      await(cdp, session, "document.body.innerText.includes('Live browser marker.')", "the template edit");
      assertEquals(42, eval(cdp, session, "window.sbMark").asInt(), "the tab was reloaded");
      assertEquals(scrolled, eval(cdp, session, "window.scrollY").asInt(), "the scroll position moved");

      Path script = dir.resolve("analysis/Cohort.java");
      String code = Files.readString(script);
      String before = eval(cdp, session, "document.querySelector('main.sb-report').innerText").asText();
      String edited = code.replace("sum / n);", "sum / n + 100);");
      Files.writeString(script, edited);
      await(cdp, session, "document.querySelector('main.sb-report').innerText !== " + quote(before), "the cell edit");

      int line = code.substring(0, code.indexOf("double sum = 0;")).split("\n", -1).length;
      Files.writeString(script, edited.replace("double sum = 0;", "double sum = 0 +;"));
      await(cdp, session, "document.getElementById('sb-problem') !== null", "the compile error");
      String problem = eval(cdp, session, "document.getElementById('sb-problem').innerText").asText();
      assertTrue(problem.contains("analysis/Cohort.java:" + line + ":"), problem);
      assertTrue(eval(cdp, session, "document.getElementById('sb-stale') !== null"
          + " && document.body.innerText.includes('Live browser marker.')").asBoolean());

      Files.writeString(script, edited);
      await(cdp, session, "document.getElementById('sb-problem') === null && document.getElementById('sb-stale') === null",
          "the recovery");
      assertEquals(42, eval(cdp, session, "window.sbMark").asInt(), "the tab was reloaded");

      List<String> problems = new ArrayList<>();
      for (JsonNode e : cdp.events()) {
        if (session.equals(e.path("sessionId").asText())) {
          PageCheck.describe(e).ifPresent(problems::add);
        }
      }
      assertEquals(List.of(), problems, "the browser complained");
    } finally {
      ServeCommand.stop(server, live);
    }
  }

  /**
   * Issue 21: a save that changes one cell's result swaps only that cell's blocks into the open tab. On the
   * first study, a save that drops a row of Table 1 updates Table 1 in place, while the figure and Table 2
   * stay the very same DOM nodes (a property and an attribute the test set on them survive), the tab is not
   * reloaded, and the browser reports no error (the patch runs under the page's policy).
   */
  @Test
  void aSaveSwapsOnlyTheChangedCellsBlocksIntoTheOpenTab() throws Exception {
    Path dir = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), dir);
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try (HeadlessChromium chromium = HeadlessChromium.launch(Path.of(System.getProperty("studybook.browser.chromium",
        HeadlessChromium.DEFAULT_EXECUTABLE.toString())))) {
      DevTools cdp = chromium.devTools;
      String session = PageCheck.Tab.open(cdp, "Runtime", "Log", "Page").session();
      ObjectNode navigate = DevTools.params();
      navigate.put("url", server.url());
      cdp.send(session, "Page.navigate", navigate);
      String table1 = "document.querySelector('main.sb-report div.table-wrap[data-sb-cell=\"table1\"]')";
      String table2 = "document.querySelector('main.sb-report div.table-wrap[data-sb-cell=\"response\"]')";
      String figure = "document.querySelector('main.sb-report [data-sb-cell=\"survival\"]')";
      await(cdp, session, table1 + " !== null && " + figure + " !== null", "the first page");
      Thread.sleep(1000);
      eval(cdp, session, "window.sbMark = 42; " + table1 + ".sbKept = 1; " + table2 + ".setAttribute('data-test-kept', 'x'); "
          + figure + ".sbKept = 3; 0");
      String before = eval(cdp, session, table1 + ".innerText").asText();
      assertTrue(before.contains("sbp") || before.toLowerCase(java.util.Locale.ROOT).contains("blood"), before);

      Path script = dir.resolve("analysis/Trial.java");
      Files.writeString(script, Files.readString(script).replace("\"age\", \"sex\", \"stage\", \"sbp\"",
          "\"age\", \"sex\", \"stage\""));
      await(cdp, session, table1 + " !== null && " + table1 + ".innerText !== " + quote(before), "Table 1 updated");
      assertEquals(42, eval(cdp, session, "window.sbMark").asInt(), "the tab was reloaded");
      assertTrue(eval(cdp, session, table1 + ".sbKept === undefined").asBoolean(), "Table 1 was not replaced");
      assertEquals("x", eval(cdp, session, table2 + ".getAttribute('data-test-kept')").asText(),
          "Table 2 was replaced though its cell did not change");
      assertEquals(3, eval(cdp, session, figure + ".sbKept").asInt(), "the figure was replaced though its cell did not change");
      assertTrue(eval(cdp, session, "document.querySelector('main.sb-report [data-sb-cell=\"table1\"]').tabIndex === 0")
          .asBoolean(), "the new table is wired for clicks");

      List<String> problems = new ArrayList<>();
      for (JsonNode e : cdp.events()) {
        if (session.equals(e.path("sessionId").asText())) {
          PageCheck.describe(e).ifPresent(problems::add);
        }
      }
      assertEquals(List.of(), problems, "the browser complained");
    } finally {
      ServeCommand.stop(server, live);
    }
  }

  /**
   * Issue 20: after serve stops, another program that takes its port cannot change what the open tab
   * shows. The impostor announces a new version and serves its own page; the tab applies neither, says
   * that the server is gone or replaced, and stops updating.
   */
  @Test
  void aProgramThatTakesThePortAfterServeStopsCannotReplaceTheOpenTab() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    com.sun.net.httpserver.HttpServer impostor = null;
    try (HeadlessChromium chromium = HeadlessChromium.launch(Path.of(System.getProperty("studybook.browser.chromium",
        HeadlessChromium.DEFAULT_EXECUTABLE.toString())))) {
      DevTools cdp = chromium.devTools;
      String session = PageCheck.Tab.open(cdp, "Runtime", "Page").session();
      ObjectNode navigate = DevTools.params();
      navigate.put("url", server.url());
      cdp.send(session, "Page.navigate", navigate);
      await(cdp, session, "document.body.getAttribute('data-sb-version') === '1'", "version 1");
      Thread.sleep(1000);
      int port = server.address().getPort();
      server.close();
      impostor = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
          port), 16);
      impostor.createContext("/", x -> {
        boolean events = x.getRequestURI().getPath().equals("/events");
        byte[] body = (events ? "event: version\ndata: 99\n\nevent: version\ndata: x 99\n\ndata: 99\n\n"
            : "<!DOCTYPE html><html><head><title>t</title></head><body data-sb-version=\"99\">IMPOSTOR PAGE</body></html>")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", events ? "text/event-stream" : "text/html; charset=utf-8");
        x.sendResponseHeaders(200, body.length);
        try (var o = x.getResponseBody()) {
          o.write(body);
        }
      });
      impostor.start();
      // Either outcome ends the wait: the tab refusing the impostor, or showing its page (the defect).
      await(cdp, session, "document.body.innerText.includes('IMPOSTOR PAGE') || (document.getElementById('sb-status')"
          + " !== null && document.getElementById('sb-status').textContent.includes('replaced by another program'))",
          "the tab refusing the impostor or showing its page");
      Thread.sleep(4000);
      assertTrue(eval(cdp, session, "!document.body.innerText.includes('IMPOSTOR PAGE')"
          + " && document.body.innerText.includes('Mini study: age and outcome by treatment group')").asBoolean(),
          eval(cdp, session, "document.body.innerText").asText());
      assertEquals("1", eval(cdp, session, "document.body.getAttribute('data-sb-version')").asText());
      assertTrue(eval(cdp, session, "document.getElementById('sb-status').textContent").asText()
          .startsWith("studybook serve is gone or was replaced by another program on this port"));
    } finally {
      if (impostor != null) {
        impostor.stop(0);
      }
      ServeCommand.stop(server, live);
    }
  }

  /**
   * Clicking a table or a figure shows the cell that made it: its panel row is highlighted and scrolled to,
   * and the box above the panel names the cell with its state, time, why it ran and its inputs. On the
   * README's first study, whose default report places its tables and figure without a template.
   */
  @Test
  void clickingATableOrFigureShowsTheCellThatMadeIt() throws Exception {
    Path source = Path.of("src/test/resources/studies/first");
    Path dir = tmp.resolve("first");
    MiniStudy.copyTree(source, dir);
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try (HeadlessChromium chromium = HeadlessChromium.launch(Path.of(System.getProperty("studybook.browser.chromium",
        HeadlessChromium.DEFAULT_EXECUTABLE.toString())))) {
      DevTools cdp = chromium.devTools;
      String session = PageCheck.Tab.open(cdp, "Runtime", "Log", "Page").session();
      ObjectNode navigate = DevTools.params();
      navigate.put("url", server.url());
      cdp.send(session, "Page.navigate", navigate);
      await(cdp, session, "document.querySelector('main.sb-report [data-sb-cell=\"table1\"]') !== null", "the first page");
      assertTrue(eval(cdp, session, "document.getElementById('sb-cell-shown').hidden").asBoolean());

      // A real mouse click in the middle of Table 1 (DevTools input events, not a script's click()).
      clickOn(cdp, session, "main.sb-report table");
      await(cdp, session, "!document.getElementById('sb-cell-shown').hidden", "the shown cell");
      String shown = eval(cdp, session, "document.getElementById('sb-cell-shown').innerText").asText();
      assertTrue(shown.contains("Cell table1"), shown);
      assertTrue(shown.contains("state: recomputed") || shown.contains("state: cached"), shown);
      assertTrue(shown.contains("inputs: data"), shown);
      assertTrue(shown.contains("why: "), shown);
      assertTrue(shown.contains("time: "), shown);
      assertEquals("sb-cell-table1", eval(cdp, session,
          "Array.from(document.querySelectorAll('tr.sb-selected')).map(function (r) { return r.id; }).join()").asText());
      // The row was scrolled into view.
      assertTrue(eval(cdp, session, "(function () { var r = document.getElementById('sb-cell-table1')"
          + ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()").asBoolean());

      // The figure: its cell replaces the table's.
      clickOn(cdp, session, "main.sb-report [data-sb-cell=\"survival\"] svg");
      await(cdp, session, "document.getElementById('sb-cell-shown').innerText.includes('Cell survival')", "the figure's cell");
      assertEquals("sb-cell-survival", eval(cdp, session,
          "Array.from(document.querySelectorAll('tr.sb-selected')).map(function (r) { return r.id; }).join()").asText());

      List<String> problems = new ArrayList<>();
      for (JsonNode e : cdp.events()) {
        if (session.equals(e.path("sessionId").asText())) {
          PageCheck.describe(e).ifPresent(problems::add);
        }
      }
      assertEquals(List.of(), problems, "the browser complained");
    } finally {
      ServeCommand.stop(server, live);
    }
  }

  /** A left click with the mouse at the centre of the first element {@code selector} finds, scrolled into view. */
  private static void clickOn(DevTools cdp, String session, String selector) {
    JsonNode box = eval(cdp, session, "(function () { var e = document.querySelector(" + quote(selector) + ");"
        + " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 40)}; })()");
    for (String type : List.of("mousePressed", "mouseReleased")) {
      ObjectNode p = DevTools.params();
      p.put("type", type);
      p.put("x", box.path("x").asDouble());
      p.put("y", box.path("y").asDouble());
      p.put("button", "left");
      p.put("clickCount", 1);
      cdp.send(session, "Input.dispatchMouseEvent", p);
    }
  }

  private static String quote(String s) {
    return DevTools.JSON.valueToTree(s).toString();
  }

  private static JsonNode eval(DevTools cdp, String session, String expression) {
    ObjectNode p = DevTools.params();
    p.put("expression", expression);
    p.put("returnByValue", true);
    JsonNode r = cdp.send(session, "Runtime.evaluate", p);
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  private static void await(DevTools cdp, String session, String condition, String what) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (eval(cdp, session, condition).asBoolean(false)) {
          return;
        }
      } catch (IllegalStateException e) {
        // the page is being replaced; look again
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
  }
}
