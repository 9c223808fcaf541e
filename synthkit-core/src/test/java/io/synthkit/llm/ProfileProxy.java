package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real endpoint's habits in front of a {@link Simulator}: like an OpenAI reasoning model it refuses
 * {@code max_tokens} and a temperature other than 1 with OpenAI's exact error bodies; like Ollama it ignores {@code n}.
 * Everything else is forwarded to the simulator (and its answers, headers included, back). For end-to-end tests of
 * what the gateway learns, until the simulator has such profiles of its own.
 */
public final class ProfileProxy implements AutoCloseable {

  /** A habit. */
  public enum Habit {
    /** Refuse max_tokens and non-default temperature/top_p, as o-series and gpt-5 models do. */
    REASONING,
    /** Return one choice whatever n asks, as Ollama does. */
    IGNORES_N
  }

  private final StubServer server;
  private final HttpTransport http = new HttpTransport();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();

  private ProfileProxy(String target, Set<Habit> habits) {
    this.server = StubServer.start(r -> {
      ObjectNode body = (ObjectNode) r.json();
      if (habits.contains(Habit.REASONING)) {
        if (body.has("max_tokens")) {
          refused.incrementAndGet();
          return Wire.maxTokensUnsupported();
        }
        for (String p : List.of("temperature", "top_p")) {
          if (body.has(p) && body.get(p).asDouble() != 1.0) {
            refused.incrementAndGet();
            return p.equals("temperature") ? Wire.temperatureUnsupported(body.get(p).asText())
                : Wire.openAiError(400, "Unsupported value: 'top_p' does not support " + body.get(p).asText()
                    + " with this model. Only the default (1) value is supported.", "top_p", "unsupported_value");
          }
        }
      }
      if (habits.contains(Habit.IGNORES_N)) {
        body.remove("n");
      }
      Map<String, String> headers = new HashMap<>();
      r.headers().forEach((k, v) -> {
        if (k.equals("authorization") || k.equals("x-synthkit-call") || k.equals("anthropic-version")) {
          headers.put(k, v);
        }
      });
      forwarded.incrementAndGet();
      Response answer = http.send(Request.post(URI.create(target + r.path()), headers,
          Json.write(body).getBytes(StandardCharsets.UTF_8), Request.JSON, Duration.ofSeconds(60)));
      StubServer.Reply reply = StubServer.Reply.json(answer.status(), answer.text());
      String simulated = answer.header(Endpoint.SIMULATED_HEADER);
      return simulated == null ? reply : reply.header(Endpoint.SIMULATED_HEADER, simulated);
    });
  }

  /**
   * Starts a proxy in front of a simulator.
   *
   * @param sim the simulator
   * @param habits what the proxy refuses or ignores
   * @return the running proxy
   */
  public static ProfileProxy start(Simulator sim, Habit... habits) {
    return new ProfileProxy(sim.rootUrl(), Set.of(habits));
  }

  /**
   * Returns the OpenAI-style base URL.
   *
   * @return e.g. {@code http://127.0.0.1:PORT/v1}
   */
  public String baseUrl() {
    return server.url() + "/v1";
  }

  /**
   * Returns the requests the proxy refused with a 400.
   *
   * @return the count
   */
  public int refused() {
    return refused.get();
  }

  /**
   * Returns the requests the proxy passed on.
   *
   * @return the count
   */
  public int forwarded() {
    return forwarded.get();
  }

  /**
   * Returns every request body the proxy received.
   *
   * @return the bodies, in arrival order
   */
  public List<JsonNode> bodies() {
    return server.requests().stream().map(StubServer.Seen::json).toList();
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
