package io.synthkit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Drives Debian's headless Chromium over the DevTools protocol with the JDK's own WebSocket client (no Selenium, no
 * Playwright, no browser download). Starts the browser with {@code --remote-debugging-port=0}, reads the
 * {@code DevTools listening on ws://...} line, opens one page target and collects every console error, uncaught
 * exception and browser log error (CSP violations, failed loads) the page produces. The flags are the ones this
 * machine needs offline: no sandbox (root), no GPU, no background networking.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
      "google-chrome-stable");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  /**
   * Finds a Chromium executable: {@code $SYNTHKIT_CHROMIUM}, else the usual names on {@code PATH}.
   *
   * @return the executable, if any
   */
  static Optional<Path> find() {
    String explicit = System.getenv("SYNTHKIT_CHROMIUM");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  HeadlessChromium(Path executable) throws Exception {
    profile = Files.createTempDirectory("synthkit-chromium");
    process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--window-size=1280,2000", "about:blank").redirectErrorStream(true).start();
    String url = awaitDevToolsUrl();
    socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
        .buildAsync(URI.create(url), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private String awaitDevToolsUrl() throws IOException {
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          int at = line.indexOf("ws://");
          if (line.contains("DevTools listening on") && at >= 0) {
            url.complete(line.substring(at).strip());
          }
        }
        url.completeExceptionally(new IOException("chromium exited before DevTools started"));
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("chromium did not start DevTools: " + e, e);
    }
  }

  /**
   * Opens a file in a fresh page and waits for its load event.
   *
   * @param file the page
   */
  void open(Path file) throws Exception {
    String target = call(null, "Target.createTarget", Json.object().put("url", "about:blank")).path("targetId")
        .asText();
    session = call(null, "Target.attachToTarget", Json.object().put("targetId", target).put("flatten", true))
        .path("sessionId").asText();
    call(session, "Runtime.enable", Json.object());
    call(session, "Log.enable", Json.object());
    call(session, "Page.enable", Json.object());
    events.clear();
    call(session, "Page.navigate", Json.object().put("url", file.toUri().toString()));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (events.stream().noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("page did not load: " + file);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Evaluates a JavaScript expression in the page.
   *
   * @param expression the expression; its value must be JSON-serializable
   * @return the value
   */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = call(session, "Runtime.evaluate", Json.object().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /**
   * Lists the errors the page produced: console.error/assert calls, uncaught exceptions, and browser log entries of
   * level error (resource failures, CSP violations).
   *
   * @return one line per error
   */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (ObjectNode e : events) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      switch (method) {
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert")) {
            out.add("console." + type + ": " + p.path("args"));
          }
        }
        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }
    return out;
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = Json.object().put("id", id).put("method", method);
    msg.set("params", params);
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(Json.write(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  /** Collects protocol messages; a message can arrive in several frames. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        ObjectNode msg = (ObjectNode) Json.parse(partial.toString());
        partial.setLength(0);
        if (msg.has("id")) {
          CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
          if (f != null) {
            f.complete(msg);
          }
        } else {
          events.add(msg);
        }
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendText(Json.write(Json.object().put("id", ids.incrementAndGet()).put("method", "Browser.close")),
          true);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
