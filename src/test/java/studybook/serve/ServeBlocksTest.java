package studybook.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.kernel.MiniStudy;
import studybook.kernel.RunOptions;

/**
 * Issue 21: a save sends the open tab only the blocks of the cells whose results changed. On the README's first
 * study (two tables and a figure, each from its cell): a save that changes no result sends the status and the
 * panel and no block; a save that changes Table 1's cell sends Table 1's blocks only; a new cell (blocks added,
 * the others renumbered) sends the whole page.
 */
class ServeBlocksTest {
  private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(120);
  private static final Pattern TEMPLATE = Pattern.compile("(?s)<template data-sb-block=\"(\\d+)\">(.*?)</template>");

  @TempDir Path tmp;

  @Test
  void aSaveSendsOnlyTheBlocksOfTheCellsWhoseResultsChanged() throws Exception {
    Path dir = tmp.resolve("first");
    MiniStudy.copyTree(Path.of("src/test/resources/studies/first"), dir);
    BlockingQueue<Snapshot> snapshots = new LinkedBlockingQueue<>();
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      snapshots.offer(s);
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try {
      HttpClient http = HttpClient.newHttpClient();
      Snapshot v1 = live.awaitVersion(1, WAIT_MILLIS);
      assertEquals(Optional.empty(), v1.problem());
      assertTrue(v1.blocks().isPresent(), "the first page is kept as blocks");
      String whole = get(http, server.url());
      assertTrue(whole.contains("<!--sb-block "), "each block sits between its markers");
      assertTrue(whole.contains("<script nonce="), whole);
      // A tab without a version, or at one older than the page's blocks, gets the whole page.
      assertFalse(get(http, server.url() + "&from=0").contains("data-sb-patch=\""), v1.version() + " " + v1.blocks().get().since());

      // A comment: the script recompiles, no result changes, nothing of the report is sent.
      Path script = dir.resolve("analysis/Trial.java");
      String code = Files.readString(script);
      Files.writeString(script, code.replace("public class Trial {", "public class Trial {\n  // a comment\n"));
      Snapshot v2 = next(snapshots, v1.version());
      assertEquals(Optional.empty(), v2.problem());
      String status = get(http, server.url() + "&from=" + v1.version());
      assertTrue(status.contains("data-sb-patch=\"" + v1.version() + "\""), status);
      assertTrue(status.contains("id=\"studybook-serve\"") && status.contains("id=\"sb-cells\""), status);
      assertEquals(List.of(), blocks(status), "an unchanged result sent a block");
      assertFalse(status.contains("<script"), "a patch carries no script");

      // Table 1 loses a row: its blocks, and only they, are sent.
      Files.writeString(script, code.replace("\"age\", \"sex\", \"stage\", \"sbp\"", "\"age\", \"sex\", \"stage\""));
      Snapshot v3 = next(snapshots, v2.version());
      assertEquals(Optional.empty(), v3.problem());
      String patch = get(http, server.url() + "&from=" + v2.version());
      List<String> sent = blocks(patch);
      assertFalse(sent.isEmpty(), patch);
      for (String b : sent) {
        assertTrue(b.contains("data-sb-cell=\"table1\""), b);
        assertFalse(b.contains("data-sb-cell=\"response\"") || b.contains("data-sb-cell=\"survival\""), b);
      }
      assertTrue(String.join("", sent).contains("Age"), patch);
      assertFalse(String.join("", sent).contains("sbp"), patch);
      assertTrue(patch.length() * 3 < whole.length(), patch.length() + " of " + whole.length());
      // A tab two versions back gets the same blocks (changes accumulate), the whole page has the new table.
      assertEquals(sent, blocks(get(http, server.url() + "&from=" + v1.version())));
      assertEquals(outsideBlocks(whole, v1.version()), outsideBlocks(get(http, server.url()), v3.version()),
          "beyond the table's blocks the page did not move");

      // A new cell: blocks are added and the figure renumbered: the whole page.
      Files.writeString(script, Files.readString(script).replace("  @Cell(\"Overall survival", """
            @Cell("Response by treatment")
            public GroupTable table0(Frame data) {
              return Table1.of(data).by("group").variables("response").build();
            }

            @Cell("Overall survival""".indent(2).stripTrailing().substring(2)));
      Snapshot v4 = next(snapshots, v3.version());
      assertEquals(Optional.empty(), v4.problem());
      String after = get(http, server.url() + "&from=" + v3.version());
      assertFalse(after.contains("data-sb-patch=\""), "a structure change sends the whole page");
      assertTrue(after.contains("<script nonce=") && after.contains("data-sb-cell=\"table0\""), after);
    } finally {
      server.close();
      live.close();
    }
  }

  /**
   * On the mini study, whose template prints the cells' numbers in its prose: a save that changes the mean age
   * sends the one paragraph that prints it (no figure, no table); a renamed heading sends the whole page.
   */
  @Test
  void proseThatPrintsAChangedNumberIsSentAndAHeadingChangeSendsTheWholePage() throws Exception {
    Path dir = MiniStudy.copy(tmp);
    BlockingQueue<Snapshot> snapshots = new LinkedBlockingQueue<>();
    AtomicReference<PreviewServer> ref = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.empty(), RunOptions.defaults().quiet(), s -> {
      snapshots.offer(s);
      if (ref.get() != null) {
        ref.get().announce(s);
      }
    });
    PreviewServer server = PreviewServer.start(InetAddress.getLoopbackAddress(), 0, live);
    ref.set(server);
    try {
      HttpClient http = HttpClient.newHttpClient();
      Snapshot v1 = live.awaitVersion(1, WAIT_MILLIS);
      assertEquals(Optional.empty(), v1.problem());
      Path script = dir.resolve("analysis/Cohort.java");
      Files.writeString(script, Files.readString(script).replace("sum / n);", "sum / n + 100);"));
      Snapshot v2 = next(snapshots, v1.version());
      assertEquals(Optional.empty(), v2.problem());
      List<String> sent = blocks(get(http, server.url() + "&from=" + v1.version()));
      assertEquals(1, sent.size(), sent.toString());
      assertTrue(sent.get(0).startsWith("<p>The study has ") && sent.get(0).contains("mean age is"), sent.get(0));
      assertFalse(sent.get(0).contains("data-sb-cell"), sent.get(0));

      Path template = dir.resolve("templates/report.md.ftl");
      Files.writeString(template, Files.readString(template).replace("## Figures", "## Figures of the study"));
      Snapshot v3 = next(snapshots, v2.version());
      assertEquals(Optional.empty(), v3.problem());
      String page = get(http, server.url() + "&from=" + v2.version());
      assertFalse(page.contains("data-sb-patch=\""), "a heading change sends the whole page");
      assertTrue(page.contains("Figures of the study"), page);
    } finally {
      server.close();
      live.close();
    }
  }

  private static Snapshot next(BlockingQueue<Snapshot> snapshots, long than) throws InterruptedException {
    long end = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < end) {
      Snapshot s = snapshots.poll(1, TimeUnit.SECONDS);
      if (s != null && s.version() > than) {
        return s;
      }
    }
    throw new AssertionError("no version after " + than);
  }

  /** The page without its blocks, its version, nonce, run time and cell panel. */
  private static String outsideBlocks(String page, long version) {
    return page.replaceAll("(?s)<!--sb-block (\\d+)-->.*?<!--/sb-block \\1-->", "")
        .replace("version " + version + ",", "version ,").replace("data-sb-version=\"" + version + "\"", "")
        .replaceAll("nonce=\"[^\"]+\"", "").replaceAll("run took \\d+ ms", "")
        .replaceAll("(?s)<aside class=\"sb-cells\".*</aside>", "");
  }

  private static List<String> blocks(String patch) {
    List<String> out = new ArrayList<>();
    Matcher m = TEMPLATE.matcher(patch);
    while (m.find()) {
      out.add(m.group(2));
    }
    return out;
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
