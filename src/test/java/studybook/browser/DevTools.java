package studybook.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Chrome DevTools Protocol connection over java.net.http's WebSocket: numbered commands answered
 * by id, and every event kept in arrival order so a test can inspect them all afterwards.
 */
final class DevTools implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final Object arrived = new Object();

  private DevTools(URI endpoint) {
    try {
      this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(endpoint, new Listener())
          .get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to " + endpoint, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot connect to DevTools at " + endpoint + ": " + e, e);
    }
  }

  static DevTools connect(URI endpoint) {
    return new DevTools(endpoint);
  }

  /** Sends a command (to a page session when {@code sessionId} is not null) and waits for its result. */
  JsonNode send(String sessionId, String method, ObjectNode params) {
    int id = nextId.getAndIncrement();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
      JsonNode response = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      return response.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer: " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pending.remove(id);
    }
  }

  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Every event received so far, in order. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Waits for the first event (past or future) that matches. */
  JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrived) {
      while (true) {
        for (JsonNode e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
        try {
          arrived.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for " + what, e);
        }
      }
    }
  }

  /** Waits until no event has arrived for {@code quiet}, or {@code limit} has passed. */
  void settle(Duration quiet, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    int seen = -1;
    while (System.nanoTime() < end) {
      int now = events.size();
      if (now == seen) {
        return;
      }
      seen = now;
      try {
        Thread.sleep(quiet.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      // Large answers (a full-page screenshot) arrive in many frames.
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.get(message.get("id").asInt());
            if (waiting != null) {
              waiting.complete(message);
            }
          } else {
            events.add(message);
            synchronized (arrived) {
              arrived.notifyAll();
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }
  }
}
