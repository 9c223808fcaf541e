package io.synthkit.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The test's handle on a {@link SimulatorProcess}: its base URL and what it has been asked so far. */
final class SimulatorJvm implements AutoCloseable {

  /** What a simulator had been asked at one moment: chat requests, and how often each sample key was asked. */
  record Calls(long requests, Map<String, Integer> keys) {

    Calls {
      keys = Map.copyOf(keys);
    }

    /** What was asked after {@code before}. */
    Calls since(Calls before) {
      Map<String, Integer> diff = new HashMap<>();
      keys.forEach((k, n) -> {
        int d = n - before.keys.getOrDefault(k, 0);
        if (d > 0) {
          diff.put(k, d);
        }
      });
      return new Calls(requests - before.requests, diff);
    }

    /** Both simulators together. */
    Calls plus(Calls other) {
      Map<String, Integer> sum = new HashMap<>(keys);
      other.keys.forEach((k, n) -> sum.merge(k, n, Integer::sum));
      return new Calls(requests + other.requests, sum);
    }
  }

  private final ChildJvm jvm;
  private final int port;
  private final URI status;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private SimulatorJvm(ChildJvm jvm, int port, int statusPort) {
    this.jvm = jvm;
    this.port = port;
    this.status = URI.create("http://" + StandaloneCluster.HOST + ":" + statusPort + "/calls");
  }

  /** Starts a simulator JVM and waits (up to three minutes, for a loaded machine) until it listens. */
  static SimulatorJvm start(String name, Path dir, int latencyMs, int capacity)
      throws IOException, InterruptedException {
    Path ready = dir.resolve(name + ".ready");
    ChildJvm jvm = ChildJvm.start(name, dir.resolve(name + ".log"), List.of("-Xmx256m", "-XX:+UseSerialGC"),
        SimulatorProcess.class.getName(), List.of(String.valueOf(latencyMs), String.valueOf(capacity),
            ready.toString()), Map.of());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(ready)) {
      if (!jvm.isAlive() || System.nanoTime() > deadline) {
        jvm.close();
        throw new IOException(name + " did not start\n" + jvm.logTail(3000));
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    String[] ports = Files.readString(ready).strip().split(" ");
    return new SimulatorJvm(jvm, Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
  }

  /** The OpenAI-style base URL. */
  String baseUrl() {
    return "http://" + StandaloneCluster.HOST + ":" + port + "/v1";
  }

  /** What it has been asked so far. */
  Calls calls() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("status page of " + jvm.name() + ": HTTP " + r.statusCode());
    }
    JsonNode n = Json.parse(r.body());
    Map<String, Integer> keys = new HashMap<>();
    n.path("keys").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asInt()));
    return new Calls(n.path("requests").asLong(), keys);
  }

  String logTail(int chars) {
    return jvm.logTail(chars);
  }

  @Override
  public void close() {
    jvm.close();
  }
}
