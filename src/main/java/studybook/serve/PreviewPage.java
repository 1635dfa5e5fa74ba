package studybook.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The served page: the report with, above it, a status line, the problem of a failed run (file and
 * line, source line, message) and a "stale" banner when the report shown is not the current inputs'
 * output, and below it the cell panel. Its one script (allowed by a per-response nonce) listens to
 * the event stream and swaps in each new version keeping the scroll position: only the blocks whose cells'
 * results (or text) changed when the page's blocks stay in place ({@link #patch}), else the whole page; the committed
 * report.html stays script-free.
 */
final class PreviewPage {
  private static final Pattern BODY = Pattern.compile("<body(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEAD_END = Pattern.compile("</head\\s*>", Pattern.CASE_INSENSITIVE);

  private PreviewPage() {}

  static final String CSS = String.join("\n",
      "#studybook-serve { font-family: system-ui, sans-serif; font-size: 0.9rem; }",
      "#studybook-serve .sb-status { color: #555; }",
      "#studybook-serve .sb-status.sb-gone { color: #fff; background: #c0392b; padding: 0.5rem 1rem; font-weight: 600; }",
      "#studybook-serve .sb-stale { background: #fde2e1; border: 2px solid #c0392b; padding: 0.5rem 1rem;"
          + " font-weight: 600; margin: 0.5rem 0; }",
      "#studybook-serve .sb-problem { background: #fff; border: 1px solid #c0392b; padding: 0.5rem 1rem; }",
      "#studybook-serve .sb-problem pre { background: #f6f6f6; padding: 0.3rem; overflow-x: auto; }",
      "body.sb-is-stale main.sb-report { opacity: 0.55; }",
      "aside.sb-cells table { font-size: 0.85rem; } aside.sb-cells .sb-state-failed { color: #c0392b; font-weight: 600; }",
      "aside.sb-cells .sb-state-stale { color: #b35900; font-weight: 600; }",
      "aside.sb-cells .sb-state-recomputed { color: #1a6e2e; }",
      "main.sb-report [data-sb-cell] { cursor: pointer; } main.sb-report [data-sb-cell]:hover,"
          + " main.sb-report [data-sb-cell]:focus { outline: 2px dashed #2b6cb0; outline-offset: 2px; }",
      "aside.sb-cells tr.sb-selected { background: #fff3bf; outline: 2px solid #2b6cb0; }",
      "#sb-cell-shown { border: 2px solid #2b6cb0; padding: 0.5rem 1rem; margin: 0.5rem 0; background: #f4f8fd; }");

  /** What the tab says once another program answers on its port (or the server restarted): it stops updating. */
  static final String GONE = "studybook serve is gone or was replaced by another program on this port: this tab"
      + " no longer updates. Start studybook serve again and open the URL it prints.";

  /** The script: reload the page's content on each new version, keeping the scroll position. */
  static final String SCRIPT = String.join("\n",
      "(function () {",
      "  var token = new URLSearchParams(location.search).get('token');",
      "  var q = '?token=' + encodeURIComponent(token);",
      // The server that served this page; only its events and pages are applied (the tab never sends it).
      "  var mine = document.body.getAttribute('data-sb-instance');",
      "  var gone = false;",
      "  var es = null;",
      "  function status(t) { var s = document.getElementById('sb-status'); if (s) { s.textContent = t; } }",
      "  function replaced() {",
      "    gone = true;",
      "    if (es) { es.close(); }",
      "    document.body.classList.add('sb-is-stale');",
      "    var s = document.getElementById('sb-status');",
      "    if (s) { s.className = 'sb-status sb-gone'; }",
      "    status('" + GONE + "');",
      "  }",
      "  var loading = false, again = false;",
      // Asks for the blocks changed since this tab's version; a page whose blocks moved comes whole.
      "  function load(whole) {",
      "    if (gone) { return; }",
      "    if (loading) { again = true; return; }",
      "    loading = true;",
      "    var have = document.body.getAttribute('data-sb-version');",
      "    fetch('/' + q + (whole ? '' : '&from=' + encodeURIComponent(have)), {cache: 'no-store'})",
      "        .then(function (r) { return r.text(); }).then(function (html) {",
      "      var doc = new DOMParser().parseFromString(html, 'text/html');",
      "      if (gone) { return; }",
      "      if (!mine || doc.body.getAttribute('data-sb-instance') !== mine) { replaced(); return; }",
      "      var x = window.scrollX, y = window.scrollY;",
      "      if (doc.body.hasAttribute('data-sb-patch')) {",
      "        if (doc.body.getAttribute('data-sb-patch') !== have || !patch(doc)) { again = true; whole = true; return; }",
      "      } else {",
      "        document.body.innerHTML = doc.body.innerHTML;",
      "        document.title = doc.title;",
      "      }",
      "      document.body.className = doc.body.className;",
      "      document.body.setAttribute('data-sb-version', doc.body.getAttribute('data-sb-version'));",
      "      window.scrollTo(x, y);",
      "      wire();",
      "    }).finally(function () {",
      "      loading = false;",
      "      if (again) { var w = whole; again = false; load(w); }",
      "    });",
      "  }",
      // The comments around block i on the page, or null.
      "  function marks(i) {",
      "    var w = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT), n, a = null;",
      "    while ((n = w.nextNode())) {",
      "      if (n.data === 'sb-block ' + i) { a = n; } else if (a && n.data === '/sb-block ' + i) { return [a, n]; }",
      "    }",
      "    return null;",
      "  }",
      // Swaps in the status, the panel and each changed block; the other blocks stay the same nodes.
      "  function patch(doc) {",
      "    var ts = doc.querySelectorAll('template[data-sb-block]');",
      "    var found = [];",
      "    for (var i = 0; i < ts.length; i++) {",
      "      var m = marks(ts[i].getAttribute('data-sb-block'));",
      "      if (!m) { return false; }",
      "      found.push(m);",
      "    }",
      "    for (var j = 0; j < ts.length; j++) {",
      "      var a = found[j][0], b = found[j][1];",
      "      while (a.nextSibling && a.nextSibling !== b) { a.parentNode.removeChild(a.nextSibling); }",
      "      b.parentNode.insertBefore(document.importNode(ts[j].content, true), b);",
      "    }",
      "    var ids = ['studybook-serve', 'sb-cells'];",
      "    for (var k = 0; k < ids.length; k++) {",
      "      var old = document.getElementById(ids[k]), now = doc.getElementById(ids[k]);",
      "      if (old && now) { old.replaceWith(document.importNode(now, true)); }",
      "    }",
      "    return true;",
      "  }",
      "  var shown = null;",
      "  function show(name, scroll) {",
      "    var old = document.querySelectorAll('tr.sb-selected');",
      "    for (var i = 0; i < old.length; i++) { old[i].classList.remove('sb-selected'); }",
      "    var box = document.getElementById('sb-cell-shown');",
      "    var row = document.getElementById('sb-cell-' + name);",
      "    if (!row || !box) { return; }",
      "    shown = name;",
      "    row.classList.add('sb-selected');",
      "    var c = row.cells;",
      "    box.textContent = '';",
      "    var h = document.createElement('strong');",
      "    h.textContent = 'Cell ' + name;",
      "    box.appendChild(h);",
      "    var parts = [['state', c[1]], ['time', c[2]], ['why', c[3]], ['inputs', c[4]], ['script', c[5]]];",
      "    for (var j = 0; j < parts.length; j++) {",
      "      var p = document.createElement('div');",
      "      p.className = 'sb-shown-' + parts[j][0];",
      "      p.textContent = parts[j][0] + ': ' + parts[j][1].textContent;",
      "      box.appendChild(p);",
      "    }",
      "    box.hidden = false;",
      "    if (scroll) { row.scrollIntoView({block: 'center'}); }",
      "  }",
      "  function wire() {",
      "    var b = document.getElementById('sb-run-slow');",
      "    if (b) { b.addEventListener('click', function () {",
      "      if (gone) { return; }",
      "      status('running slow cells...'); fetch('/run-slow' + q, {method: 'POST'}); }); }",
      "    var made = document.querySelectorAll('main.sb-report [data-sb-cell]');",
      "    for (var i = 0; i < made.length; i++) {",
      "      made[i].tabIndex = 0;",
      "      made[i].title = 'made by cell ' + made[i].getAttribute('data-sb-cell') + ' (click to show it)';",
      "    }",
      "    if (shown !== null) { show(shown, false); }",
      "  }",
      "  function pick(e) {",
      "    var t = e.target.closest ? e.target.closest('main.sb-report [data-sb-cell]') : null;",
      "    if (t && (e.type === 'click' || e.key === 'Enter')) { show(t.getAttribute('data-sb-cell'), true); }",
      "  }",
      "  document.addEventListener('click', pick);",
      "  document.addEventListener('keydown', pick);",
      "  wire();",
      "  es = new EventSource('/events' + q);",
      "  function ours(data) { var w = String(data).split(' '); if (!mine || w[0] !== mine) { replaced(); return null; } return w; }",
      "  es.addEventListener('running', function (e) { if (!gone && ours(e.data)) { status('running...'); } });",
      "  es.addEventListener('version', function (e) {",
      "    if (gone) { return; }",
      "    var w = ours(e.data);",
      "    if (w && w[1] !== document.body.getAttribute('data-sb-version')) { load(false); }",
      "  });",
      "  es.onmessage = function () { replaced(); };",
      "  es.onerror = function () { if (!gone) { status('disconnected from studybook serve (reconnecting...)'); } };",
      "})();");

  /** The page for {@code snapshot}, its script carrying {@code nonce} (no server identity, no cell limit: tests). */
  static String of(Snapshot snapshot, String nonce, boolean running) {
    return of(snapshot, nonce, running, "", 0);
  }

  /**
   * The page for {@code snapshot}, its script carrying {@code nonce}; {@code instance} names the server
   * start that served it (the page applies only events and pages carrying it), {@code cellSeconds} is
   * the limit of a cell's time under serve (0: none said).
   */
  static String of(Snapshot snapshot, String nonce, boolean running, String instance, long cellSeconds) {
    String top = top(snapshot, running, cellSeconds);
    String report = snapshot.reportHtml().orElse(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>studybook serve</title></head><body>"
            + (snapshot.version() == 0 ? "<p>The study is running for the first time...</p>" : "<p>No good run yet.</p>")
            + "</body></html>");
    String bodyAttrs = bodyAttributes(snapshot, instance);
    Matcher b = BODY.matcher(report);
    String page;
    if (b.find()) {
      page = report.substring(0, b.start()) + "<body" + bodyAttrs + ">" + top + "<main class=\"sb-report\">"
          + report.substring(b.end());
    } else {
      page = report;
    }
    String tail = "</main>" + panel(snapshot) + "<script nonce=\"" + nonce + "\">" + SCRIPT + "</script>";
    Matcher e = BODY_END.matcher(page);
    int end = -1;
    while (e.find()) {
      end = e.start();
    }
    page = end >= 0 ? page.substring(0, end) + tail + page.substring(end) : page + tail;
    Matcher h = HEAD_END.matcher(page);
    if (h.find()) {
      page = page.substring(0, h.start()) + "<style>" + CSS + "</style>" + page.substring(h.start());
    }
    return page;
  }

  /**
   * What a tab at version {@code from} needs to show {@code snapshot} (whose {@link Snapshot#blocks} it
   * shares from {@code from} on): the status and problem, the cell panel, and only the blocks changed since,
   * each in a {@code <template data-sb-block="i">} that the page's script swaps in place of block i (between
   * its {@code <!--sb-block i-->} markers); no block when no result a block shows changed. No script.
   */
  static String patch(Snapshot snapshot, long from, boolean running, String instance, long cellSeconds) {
    PageBlocks blocks = snapshot.blocks().orElseThrow();
    StringBuilder p = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>patch</title>"
        + "</head><body").append(bodyAttributes(snapshot, instance)).append(" data-sb-patch=\"").append(from)
        .append("\">").append(top(snapshot, running, cellSeconds)).append("<main class=\"sb-report\">");
    for (int i : blocks.changedAfter(from)) {
      p.append("<template data-sb-block=\"").append(i).append("\">").append(blocks.html().get(i)).append("</template>");
    }
    return p.append("</main>").append(panel(snapshot)).append("</body></html>").toString();
  }

  private static String bodyAttributes(Snapshot snapshot, String instance) {
    return " data-sb-version=\"" + snapshot.version() + "\" data-sb-instance=\"" + escape(instance) + "\""
        + (snapshot.stale() ? " class=\"sb-is-stale\"" : "");
  }

  private static String top(Snapshot snapshot, boolean running, long cellSeconds) {
    StringBuilder top = new StringBuilder("<div id=\"studybook-serve\">");
    top.append("<p class=\"sb-status\" id=\"sb-status\">studybook serve: version ").append(snapshot.version())
        .append(snapshot.version() == 0 ? " (first run under way)" : ", run took " + snapshot.runMillis() + " ms")
        .append(running ? "; running..." : "").append("</p>");
    if (cellSeconds > 0) {
      top.append("<p class=\"sb-status\" id=\"sb-limits\">A cell that runs longer than ").append(cellSeconds)
          .append(" s is stopped here (<code>studybook serve --cell-timeout N</code> changes it); a save while a run"
              + " is under way cancels that run and starts one with the new inputs.</p>");
    }
    if (snapshot.stale() && snapshot.version() > 0) {
      top.append("<div class=\"sb-stale\" id=\"sb-stale\">STALE: ");
      if (snapshot.problem().isPresent()) {
        top.append("the latest run failed; the report below is the last good output, not the current inputs'.");
      } else {
        top.append("slow cells were not rerun; the parts that use them are out of date.")
            .append(" <button type=\"button\" id=\"sb-run-slow\">Run slow cells</button>");
      }
      top.append("</div>");
    }
    snapshot.problem().ifPresent(p -> {
      top.append("<div class=\"sb-problem\" id=\"sb-problem\"><p><strong>Error");
      if (!p.location().isEmpty()) {
        top.append(" at <code>").append(escape(p.location())).append("</code>");
      }
      top.append("</strong></p>");
      p.sourceLine().ifPresent(l -> top.append("<pre>").append(escape(l)).append("</pre>"));
      top.append("<p>").append(escape(p.message())).append("</p></div>");
    });
    top.append("</div>");
    return top.toString();
  }

  private static String panel(Snapshot snapshot) {
    StringBuilder p = new StringBuilder("<aside class=\"sb-cells\" id=\"sb-cells\"><h2>Cells</h2>"
        + "<p>Click a table or figure of the report to see the cell that made it.</p>"
        + "<div id=\"sb-cell-shown\" role=\"status\" hidden></div><div class=\"table-wrap\">"
        + "<table><thead><tr><th>Cell</th><th>State</th><th>Time</th><th>Why</th><th>Inputs</th><th>Script</th>"
        + "</tr></thead><tbody>");
    for (Snapshot.CellRow r : snapshot.cells()) {
      String state = r.state().name().toLowerCase(Locale.ROOT);
      p.append("<tr id=\"sb-cell-").append(escape(r.name())).append("\"><td><code>").append(escape(r.name()))
          .append("</code>").append(r.description().isEmpty() ? "" : "<br>" + escape(r.description()))
          .append("</td><td class=\"sb-state-").append(state).append("\">").append(state)
          .append(r.slow() ? " (slow)" : "").append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f ms", r.millis())).append("</td><td>").append(escape(r.reason()))
          .append("</td><td>").append(escape(String.join(", ", r.inputs()))).append("</td><td><code>")
          .append(escape(r.script())).append("</code></td></tr>");
    }
    return p.append("</tbody></table></div></aside>").toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }
}
