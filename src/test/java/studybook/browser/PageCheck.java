package studybook.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opens one local HTML file in a fresh tab and reports what a reader's browser would complain about:
 * console errors, uncaught exceptions, error log entries, failed loads, and any request for anything
 * but file: or data: (a report must be self-contained). Then takes a full-page screenshot.
 */
final class PageCheck {
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final int VIEWPORT_WIDTH = 1200;
  private static final int VIEWPORT_HEIGHT = 900;

  /** What the page did: every problem as one line, and where its screenshot went. */
  record Outcome(List<String> problems, Path screenshot, int width, int height) {}

  private PageCheck() {}

  /** A new blank tab attached in flat mode, with the given DevTools domains enabled. */
  record Tab(String targetId, String session) {
    static Tab open(DevTools cdp, String... domains) {
      ObjectNode target = DevTools.params();
      target.put("url", "about:blank");
      String targetId = cdp.send(null, "Target.createTarget", target).path("targetId").asText();
      ObjectNode attach = DevTools.params();
      attach.put("targetId", targetId);
      attach.put("flatten", true);
      String session = cdp.send(null, "Target.attachToTarget", attach).path("sessionId").asText();
      for (String domain : domains) {
        cdp.send(session, domain + ".enable", null);
      }
      return new Tab(targetId, session);
    }

    /** As above, with the viewport {@code width} CSS pixels wide (a phone's below 600). */
    static Tab open(DevTools cdp, int width, String... domains) {
      Tab tab = open(cdp, domains);
      ObjectNode metrics = DevTools.params();
      metrics.put("width", width);
      metrics.put("height", VIEWPORT_HEIGHT);
      metrics.put("deviceScaleFactor", 1);
      metrics.put("mobile", width < 600);
      cdp.send(tab.session(), "Emulation.setDeviceMetricsOverride", metrics);
      return tab;
    }
  }

  static Outcome open(HeadlessChromium chromium, Path html, Path screenshot) throws IOException {
    DevTools cdp = chromium.devTools;
    Tab tab = Tab.open(cdp, VIEWPORT_WIDTH, "Runtime", "Log", "Network", "Page");
    String session = tab.session();
    String targetId = tab.targetId();

    List<String> problems = new ArrayList<>();
    ObjectNode navigate = DevTools.params();
    navigate.put("url", html.toAbsolutePath().toUri().toString());
    JsonNode navigation = cdp.send(session, "Page.navigate", navigate);
    if (navigation.hasNonNull("errorText")) {
      problems.add("navigation failed: " + navigation.get("errorText").asText());
    } else {
      cdp.await(e -> session.equals(e.path("sessionId").asText())
          && "Page.loadEventFired".equals(e.path("method").asText()), LOAD_TIMEOUT, "the page's load event");
      // Late work (timers, lazy requests) shows up as further events; wait for them to stop.
      cdp.settle(Duration.ofMillis(750), Duration.ofSeconds(10));
    }
    for (JsonNode event : cdp.events()) {
      if (session.equals(event.path("sessionId").asText())) {
        describe(event).ifPresent(problems::add);
      }
    }

    JsonNode layout = cdp.send(session, "Page.getLayoutMetrics", null);
    JsonNode size = layout.path("cssContentSize");
    int width = (int) Math.ceil(size.path("width").asDouble(VIEWPORT_WIDTH));
    int height = (int) Math.ceil(size.path("height").asDouble(VIEWPORT_HEIGHT));
    ObjectNode capture = DevTools.params();
    capture.put("format", "png");
    capture.put("captureBeyondViewport", true);
    ObjectNode clip = capture.putObject("clip");
    clip.put("x", 0);
    clip.put("y", 0);
    clip.put("width", width);
    clip.put("height", height);
    clip.put("scale", 1);
    byte[] png = Base64.getDecoder().decode(cdp.send(session, "Page.captureScreenshot", capture).path("data").asText());
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Files.write(screenshot, png);

    ObjectNode closeTarget = DevTools.params();
    closeTarget.put("targetId", targetId);
    cdp.send(null, "Target.closeTarget", closeTarget);
    return new Outcome(List.copyOf(problems), screenshot, width, height);
  }

  /** The page at {@code width} CSS pixels, loaded; returns the session, for {@link #evaluate} and {@link #print}. */
  static String load(HeadlessChromium chromium, Path html, int width) throws IOException {
    DevTools cdp = chromium.devTools;
    String session = Tab.open(cdp, width, "Page").session();
    ObjectNode navigate = DevTools.params();
    navigate.put("url", html.toAbsolutePath().toUri().toString());
    cdp.send(session, "Page.navigate", navigate);
    cdp.await(e -> session.equals(e.path("sessionId").asText())
        && "Page.loadEventFired".equals(e.path("method").asText()), LOAD_TIMEOUT, "the page's load event");
    return session;
  }

  /** The value of a JavaScript expression in the page (DevTools evaluates it; the page itself runs no script). */
  static JsonNode evaluate(HeadlessChromium chromium, String session, String expression) {
    ObjectNode eval = DevTools.params();
    eval.put("expression", expression);
    eval.put("returnByValue", true);
    return chromium.devTools.send(session, "Runtime.evaluate", eval).path("result").path("value");
  }

  /** The page printed as a reader's "Save as PDF" would, with the page size its stylesheet asks for. */
  static void print(HeadlessChromium chromium, String session, Path pdf) throws IOException {
    ObjectNode print = DevTools.params();
    print.put("preferCSSPageSize", true);
    print.put("printBackground", true);
    print.put("displayHeaderFooter", false);
    byte[] bytes = Base64.getDecoder().decode(chromium.devTools.send(session, "Page.printToPDF", print)
        .path("data").asText());
    Files.createDirectories(pdf.toAbsolutePath().getParent());
    Files.write(pdf, bytes);
  }

  /** One line for an event that means the page is broken or not self-contained; empty otherwise. */
  static java.util.Optional<String> describe(JsonNode event) {
    JsonNode p = event.path("params");
    switch (event.path("method").asText()) {
      case "Runtime.exceptionThrown": {
        JsonNode d = p.path("exceptionDetails");
        String description = d.path("exception").path("description").asText(d.path("text").asText());
        return java.util.Optional.of("uncaught exception: " + description + where(d.path("url").asText(),
            d.path("lineNumber").asInt(-1)));
      }
      case "Runtime.consoleAPICalled": {
        String type = p.path("type").asText();
        if (!type.equals("error") && !type.equals("assert")) {
          return java.util.Optional.empty();
        }
        List<String> args = new ArrayList<>();
        for (JsonNode arg : p.path("args")) {
          args.add(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText());
        }
        return java.util.Optional.of("console." + type + ": " + String.join(" ", args));
      }
      case "Log.entryAdded": {
        JsonNode entry = p.path("entry");
        if (!entry.path("level").asText().equals("error")) {
          return java.util.Optional.empty();
        }
        return java.util.Optional.of("browser log error (" + entry.path("source").asText() + "): "
            + entry.path("text").asText() + where(entry.path("url").asText(), entry.path("lineNumber").asInt(-1)));
      }
      case "Network.requestWillBeSent": {
        String url = p.path("request").path("url").asText();
        if (url.startsWith("file:") || url.startsWith("data:")) {
          return java.util.Optional.empty();
        }
        return java.util.Optional.of("network request to " + url + " (a report must not load anything from outside)");
      }
      case "Network.loadingFailed": {
        if (p.path("canceled").asBoolean(false)) {
          return java.util.Optional.empty();
        }
        return java.util.Optional.of("failed to load a resource: " + p.path("errorText").asText()
            + " (" + p.path("type").asText() + ")");
      }
      default:
        return java.util.Optional.empty();
    }
  }

  private static String where(String url, int line) {
    if (url.isEmpty()) {
      return "";
    }
    return " at " + url + (line >= 0 ? ":" + (line + 1) : "");
  }
}
