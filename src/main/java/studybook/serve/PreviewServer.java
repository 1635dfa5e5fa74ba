package studybook.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The preview's HTTP server: the JDK's own {@link HttpServer} (no hand-written HTTP parsing, no
 * dependency). Every request must carry the random token of the printed URL ({@code ?token=}, 192
 * bits from {@link SecureRandom}) and a {@code Host} header naming the bound address or
 * {@code localhost} with the port (DNS rebinding), else 403. It answers three paths from memory:
 * {@code /} (the page; with {@code from=N}, when the tab's version N has the same blocks in the same places,
 * only the blocks changed since, see {@link PreviewPage#patch}), {@code /events} (server-sent events: {@code version} and {@code running}) and
 * {@code POST /run-slow}; no request reaches the file system, and no CORS header is ever sent.
 *
 * <p>Each start has a second random value, its identity, which the page carries and every event
 * names but the tab never sends: a program that takes the port after this server stops cannot make
 * an open tab apply its events or pages ({@link PreviewPage}'s script stops and says so). Requests are
 * answered by {@value #THREADS} threads with a queue of {@value #QUEUE} (beyond it the JDK closes the
 * connection), at most {@value #STREAMS} event streams at once, and a request must arrive within the
 * JDK's {@code sun.net.httpserver.maxReqTime} (30 s unless set): no number of connections makes threads.
 */
public final class PreviewServer implements AutoCloseable {
  private static final String NULL_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
      + " font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  /** Threads answering requests: a fixed number, however many connections arrive. */
  static final int THREADS = 16;
  /** Open tabs' event streams at once (each holds a thread); one more is answered 503. */
  static final int STREAMS = 10;
  /** Requests waiting for a thread; beyond this a connection is closed unanswered. */
  static final int QUEUE = 64;

  static {
    // A request's line and headers must arrive within 30 s (a client sending them a byte at a time would hold a
    // thread for ever); unless the user set the JDK's own property. Response time stays unbounded (event streams).
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "30");
    }
  }

  private final HttpServer server;
  private final ExecutorService pool;
  private final LiveStudy study;
  private final String token;
  /** This start's identity, in the page and in every event and never sent by the page: see {@link PreviewPage}. */
  private final String instance;
  private final Set<String> hosts;
  private final java.util.concurrent.Semaphore streams = new java.util.concurrent.Semaphore(STREAMS);
  private final SecureRandom random = new SecureRandom();
  private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private PreviewServer(HttpServer server, ExecutorService pool, LiveStudy study, String token, String instance,
      Set<String> hosts) {
    this.server = server;
    this.pool = pool;
    this.study = study;
    this.token = token;
    this.instance = instance;
    this.hosts = hosts;
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and serves {@code study}; a caller hands every new
   * snapshot to {@link #announce}. The study's listener must call {@link #announce} for tabs to update.
   */
  public static PreviewServer start(InetAddress host, int port, LiveStudy study) throws IOException {
    return start(host, port, study, java.util.Optional.empty());
  }

  /** As {@link #start(InetAddress, int, LiveStudy)}; {@code name} (as given to --host) is also accepted as the Host. */
  public static PreviewServer start(InetAddress host, int port, LiveStudy study, java.util.Optional<String> name)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "studybook-serve-http");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    server.setExecutor(pool);
    SecureRandom random = new SecureRandom();
    String token = randomText(random);
    String instance = randomText(random);
    int bound = server.getAddress().getPort();
    Set<String> hosts = new java.util.HashSet<>(Set.of(literal(host) + ":" + bound, "localhost:" + bound));
    if (host.isAnyLocalAddress()) {
      // Every address: a browser names whichever address it reached this machine by.
      for (InetAddress a : machineAddresses()) {
        hosts.add(literal(a) + ":" + bound);
      }
      hosts.add("127.0.0.1:" + bound);
      hosts.add("[::1]:" + bound);
    }
    name.ifPresent(n -> hosts.add(n.toLowerCase(Locale.ROOT) + ":" + bound));
    PreviewServer s = new PreviewServer(server, pool, study, token, instance, hosts);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  private static String randomText(SecureRandom random) {
    byte[] t = new byte[24];
    random.nextBytes(t);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(t);
  }

  /** The address as a URL's host: IPv6 in brackets and in its short form (RFC 5952), as browsers send it in Host. */
  static String literal(InetAddress a) {
    if (!(a instanceof java.net.Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 1 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.append(']').toString();
  }

  /** This machine's addresses (not loopback, not link-local), as a wildcard bind is reached by. */
  static List<InetAddress> machineAddresses() {
    List<InetAddress> out = new java.util.ArrayList<>();
    try {
      for (java.net.NetworkInterface n : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : java.util.Collections.list(n.getInetAddresses())) {
          if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
            out.add(a);
          }
        }
      }
    } catch (java.net.SocketException | RuntimeException e) {
      // none known: the loopback URL still works
    }
    return out;
  }

  /**
   * The URL to open here: the bound address, the port and the token; for a wildcard bind
   * ({@code 0.0.0.0}, {@code ::}), which no browser can open, the loopback address.
   */
  public String url() {
    InetSocketAddress a = server.getAddress();
    InetAddress h = a.getAddress();
    if (h.isAnyLocalAddress()) {
      h = h instanceof java.net.Inet6Address ? InetAddress.getLoopbackAddress() : loopbackV4();
    }
    return urlFor(h);
  }

  /** The URLs by which other machines reach a wildcard or non-loopback bind (empty on loopback). */
  public List<String> networkUrls() {
    InetAddress h = server.getAddress().getAddress();
    if (h.isLoopbackAddress()) {
      return List.of();
    }
    if (!h.isAnyLocalAddress()) {
      return List.of(urlFor(h));
    }
    List<String> out = new java.util.ArrayList<>();
    for (InetAddress a : machineAddresses()) {
      if (h instanceof java.net.Inet6Address || a instanceof java.net.Inet4Address) {
        out.add(urlFor(a));
      }
    }
    return out;
  }

  private String urlFor(InetAddress h) {
    return "http://" + literal(h) + ":" + server.getAddress().getPort() + "/?token=" + token;
  }

  private static InetAddress loopbackV4() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Tells every open tab that a new version exists. */
  public void announce(Snapshot snapshot) {
    send(versionEvent(snapshot.version()));
  }

  /** Tells every open tab that a run started. */
  public void announceRunning() {
    send("event: running\ndata: " + instance + "\n\n");
  }

  /** An event names this start ({@code instance}): the page applies none from another server on the port. */
  private String versionEvent(long version) {
    return "event: version\ndata: " + instance + " " + version + "\n\n";
  }

  private void send(String event) {
    clients.forEach(q -> q.offer(event));
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      x.getResponseHeaders().set("Cache-Control", "no-store");
      x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      x.getResponseHeaders().set("X-Frame-Options", "DENY");
      String host = x.getRequestHeaders().getFirst("Host");
      if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT)) || !tokenMatches(x.getRequestURI())) {
        plain(x, 403, "forbidden: open the URL studybook serve printed (with its token)\n");
        return;
      }
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      if (path.equals("/") && method.equals("GET")) {
        page(x);
      } else if (path.equals("/events") && method.equals("GET")) {
        if (!streams.tryAcquire()) {
          plain(x, 503, "busy: " + STREAMS + " tabs are open already; close one\n");
          return;
        }
        try {
          events(x);
        } finally {
          streams.release();
        }
      } else if (path.equals("/run-slow") && method.equals("POST")) {
        String origin = x.getRequestHeaders().getFirst("Origin");
        if (origin != null && !hosts.contains(origin.replaceFirst("^https?://", "").toLowerCase(Locale.ROOT))) {
          plain(x, 403, "forbidden: cross-origin request\n");
          return;
        }
        study.runSlowCells();
        x.sendResponseHeaders(204, -1);
      } else {
        plain(x, 404, "not found\n");
      }
    } catch (IOException e) {
      // the tab went away
    }
  }

  private boolean tokenMatches(URI uri) {
    String q = uri.getRawQuery();
    if (q == null) {
      return false;
    }
    for (String part : q.split("&")) {
      if (part.startsWith("token=")) {
        String given = java.net.URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
      }
    }
    return false;
  }

  private void page(HttpExchange x) throws IOException {
    Snapshot s;
    try {
      s = study.awaitVersion(1, 120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s = study.current();
    }
    byte[] n = new byte[18];
    random.nextBytes(n);
    String nonce = Base64.getEncoder().encodeToString(n);
    // A tab that has version "from" and the same blocks in the same places gets only the blocks changed since.
    long from = from(x.getRequestURI());
    Snapshot shown = s;
    String html = s.blocks().filter(b -> from >= b.since() && from <= shown.version())
        .map(b -> PreviewPage.patch(shown, from, study.running(), instance, study.cellSecondsCap()))
        .orElseGet(() -> PreviewPage.of(shown, nonce, study.running(), instance, study.cellSecondsCap()));
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    x.getResponseHeaders().set("Content-Security-Policy", NULL_PAGE_POLICY + "; script-src 'nonce-" + nonce + "'");
    x.sendResponseHeaders(200, body.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(body);
    }
  }

  /** The version the asking tab has ({@code ?from=N}), or -1 (it wants the whole page). */
  private static long from(URI uri) {
    String q = uri.getRawQuery();
    for (String part : q == null ? new String[0] : q.split("&")) {
      if (part.startsWith("from=")) {
        try {
          return Long.parseLong(part.substring(5));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private void events(HttpExchange x) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    x.sendResponseHeaders(200, 0);
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    clients.add(q);
    try (OutputStream o = x.getResponseBody()) {
      o.write(versionEvent(study.current().version()).getBytes(StandardCharsets.UTF_8));
      o.flush();
      while (!closed) {
        String e = q.poll(15, TimeUnit.SECONDS);
        if (closed) {
          break;
        }
        o.write((e == null ? ": keep-alive\n\n" : e).getBytes(StandardCharsets.UTF_8));
        o.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(q);
    }
  }

  private static void plain(HttpExchange x, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    closed = true;
    send("");
    server.stop(0);
    pool.shutdownNow();
  }
}
