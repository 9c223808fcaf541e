package io.synthkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the CLI in a JVM of its own, for tests that must {@code kill -9} a run and start it again. The child gets this
 * JVM's class path, runs in the test's directory, writes its output to a fresh log there (and its crash file, if any),
 * and never sees an API key or base URL from the developer's environment.
 */
final class CliProcess {

  private CliProcess() {}

  /** {@code synthkit generate CONFIG -q} in {@code dir}, started and not waited for. */
  static Process generate(Path dir, Path config) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = List.of(java, "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-cp",
        System.getProperty("java.class.path"), "io.synthkit.cli.Main", "generate", config.toString(), "-q");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + System.nanoTime() + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.equals("OPENAI_BASE_URL"));
    return pb.start();
  }

  /**
   * Every batch the simulator holds, from its list endpoint: unlike retrieving one batch, listing is not a poll, so
   * the test does not change how many polls a job sees.
   */
  static JsonNode batches(Simulator sim, String apiKey) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
        + "/batches?limit=100")).header("Authorization", "Bearer " + apiKey).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.parse(r.body()).path("data");
  }
}
