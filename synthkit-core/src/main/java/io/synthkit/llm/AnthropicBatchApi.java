package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.Request;
import io.synthkit.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Message Batches API: {@code POST /v1/messages/batches} with the requests, poll until
 * {@code processing_status} is {@code ended}, then read the results JSONL, one line per custom_id.
 */
final class AnthropicBatchApi implements BatchApi {

  private final BatchHttp http;
  private final String batches;
  private final Map<String, String> headers;
  private final Duration timeout;

  AnthropicBatchApi(BatchHttp http, Endpoint endpoint, Duration timeout) {
    this.http = http;
    this.batches = endpoint.adapter().chatUri(endpoint.baseUrl()) + "/batches";
    this.headers = endpoint.headers();
    this.timeout = timeout;
  }

  @Override
  public String submit(List<Line> lines, String intent) {
    ObjectNode body = Json.object();
    ArrayNode requests = body.putArray("requests");
    for (Line l : lines) {
      requests.addObject().put("custom_id", l.customId()).set("params", l.body());
    }
    return http.json(Request.post(URI.create(batches), headers, Json.bytes(body), Request.JSON, timeout),
        "create a message batch").path("id").asText();
  }

  /** Message batches carry no metadata, so a batch whose id was never journaled cannot be recognised. */
  @Override
  public java.util.Optional<String> find(String intent) {
    return java.util.Optional.empty();
  }

  @Override
  public State poll(String id) {
    JsonNode job = http.json(Request.get(URI.create(batches + "/" + id), headers, timeout), "read message batch " + id);
    String status = job.path("processing_status").asText();
    return new State(status.equals("ended"), status, job);
  }

  @Override
  public Map<String, Result> results(State state) {
    String id = state.job().path("id").asText();
    String url = state.job().path("results_url").isTextual() ? state.job().get("results_url").asText()
        : batches + "/" + id + "/results";
    String text = new String(http.bytes(Request.get(URI.create(url), headers, timeout), "read the results of " + id),
        StandardCharsets.UTF_8);
    Map<String, Result> out = new HashMap<>();
    for (String raw : text.split("\n")) {
      if (raw.isBlank()) {
        continue;
      }
      JsonNode line = Json.parse(raw);
      JsonNode result = line.path("result");
      String type = result.path("type").asText();
      out.put(line.path("custom_id").asText(), type.equals("succeeded") ? new Result(result.get("message"), null)
          : new Result(null, type + (result.has("error") ? ": " + result.at("/error/error/message").asText() : "")));
    }
    return out;
  }
}
