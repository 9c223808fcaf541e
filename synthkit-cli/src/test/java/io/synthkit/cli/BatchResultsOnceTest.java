package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch results are downloaded once: {@code kill -9} the CLI after one batch job ended (its replies stored) while the
 * next job runs, run the same command again, and the ended job's output file is never fetched a second time (its
 * replies come from the run's response cache) while the running job is adopted and fetched once. A counting HTTP
 * front between the CLI and the simulator sees every download.
 */
@Timeout(300)
class BatchResultsOnceTest {

  static final int TARGET = 12;

  @TempDir
  Path dir;

  @Test
  void killMinus9_afterABatchEnded_thenRerun_neverDownloadsItsResultsAgain() throws Exception {
    TestRuns.seeds(dir);
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(20, 0, 0));
        CountingFront front = new CountingFront(sim.rootUrl())) {
      Path config = dir.resolve("run.yaml");
      // max_concurrency 3: a round's calls go up in several jobs one after another, so one ends while the next runs
      Files.writeString(config, "name: once\nmethod: self-instruct\ntarget: " + TARGET + "\noutput_dir: runs\n"
          + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 6}\nreport: {enabled: false}\nmodels:\n"
          + "  default: {provider: openai, base_url: \"" + front.url() + "/v1\", api_key: sk-once, model: sim-model,"
          + " max_concurrency: 3, batch: true, batch_poll_seconds: 0.05, batch_window: 0.5}\n");
      Process first = CliProcess.generate(dir, config);
      Path state = dir.resolve("runs/once/state.db");
      Set<String> endedAndStored = Set.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (endedAndStored.isEmpty()) {
        assertThat(first.isAlive()).as("the first process is still running").isTrue();
        assertThat(System.nanoTime()).as("a batch ended while another ran, in time").isLessThan(deadline);
        Thread.sleep(20);
        endedAndStored = endedWhileAnotherRuns(state);
      }
      first.destroyForcibly(); // SIGKILL
      first.waitFor(30, TimeUnit.SECONDS);
      Map<String, String> outputs = outputFiles(sim);
      for (String id : endedAndStored) {
        assertThat(front.downloads(outputs.get(id))).as("%s fetched by the first session", id).isEqualTo(1);
      }

      Process second = CliProcess.generate(dir, config);
      assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();
      assertThat(Files.readAllLines(dir.resolve("runs/once/dataset.jsonl"))).hasSize(TARGET);
      outputs = outputFiles(sim);
      for (String id : endedAndStored) {
        assertThat(front.downloads(outputs.get(id))).as("%s not fetched again", id).isEqualTo(1);
      }
      for (Map.Entry<String, String> e : outputs.entrySet()) {
        assertThat(front.downloads(e.getValue())).as("%s fetched once at most per session", e.getKey())
            .isBetween(1, 2);
      }
    }
  }

  /**
   * The jobs that ended with their replies already in the response cache, once another job is running; empty until
   * then (or while state.db is not readable).
   */
  private static Set<String> endedWhileAnotherRuns(Path state) {
    if (!Files.exists(state)) {
      return Set.of();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state)) {
      Map<String, Integer> ended = new HashMap<>();
      boolean running = false;
      try (ResultSet rs = c.createStatement().executeQuery("SELECT k, v FROM kv WHERE ns = 'batch' AND k LIKE 'job/%'")) {
        while (rs.next()) {
          var job = Json.parse(rs.getString(2));
          if (job.path("state").asText().equals("completed")) {
            ended.put(rs.getString(1).substring(4), job.path("requests").asInt());
          } else {
            running = true;
          }
        }
      }
      long stored;
      try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM responses")) {
        stored = rs.next() ? rs.getLong(1) : 0;
      }
      int endedRequests = ended.values().stream().mapToInt(Integer::intValue).sum();
      return running && !ended.isEmpty() && stored >= endedRequests ? Set.copyOf(ended.keySet()) : Set.of();
    } catch (SQLException e) {
      return Set.of(); // not created yet, or locked for a moment
    }
  }

  /** Batch id to output file id, from the simulator's list endpoint (not a poll). */
  private static Map<String, String> outputFiles(Simulator sim) throws IOException, InterruptedException {
    Map<String, String> out = new HashMap<>();
    CliProcess.batches(sim, "sk-once")
        .forEach(b -> out.put(b.path("id").asText(), b.path("output_file_id").asText()));
    return out;
  }

  /** A pass-through HTTP front that counts downloads of each file's content ({@code GET /v1/files/<id>/content}). */
  static final class CountingFront implements AutoCloseable {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private final String target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    CountingFront(String target) throws IOException {
      this.target = target;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int downloads(String fileId) {
      AtomicInteger n = downloads.get(fileId);
      return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        if (ex.getRequestMethod().equals("GET") && path.matches("/v1/files/[^/]+/content")) {
          downloads.computeIfAbsent(path.split("/")[3], k -> new AtomicInteger()).incrementAndGet();
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
          body = in.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
            .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
          if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            values.forEach(v -> b.header(name, v));
          }
        });
        HttpResponse<byte[]> r;
        try {
          r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        r.headers().firstValue("content-type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        byte[] out = r.body();
        ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(out);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
