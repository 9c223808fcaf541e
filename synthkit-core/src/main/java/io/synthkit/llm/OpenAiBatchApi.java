package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.Multipart;
import io.synthkit.http.Request;
import io.synthkit.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's Batch API: the requests go up as a JSONL file (purpose {@code batch}), {@code POST /batches} starts the job,
 * {@code GET /batches/{id}} polls it, and the output and error files come back as JSONL matched by custom_id.
 */
final class OpenAiBatchApi implements BatchApi {

  /** The metadata key that holds the batch's idempotency key. */
  static final String INTENT = "synthkit_batch";
  private static final List<String> ENDED = List.of("completed", "expired", "failed", "cancelled");

  private final BatchHttp http;
  private final String base;
  private final Map<String, String> headers;
  private final Duration timeout;

  OpenAiBatchApi(BatchHttp http, Endpoint endpoint, Duration timeout) {
    this.http = http;
    String chat = endpoint.adapter().chatUri(endpoint.baseUrl()).toString();
    this.base = chat.substring(0, chat.length() - "/chat/completions".length());
    Map<String, String> h = new LinkedHashMap<>(endpoint.headers());
    h.remove("Content-Type");
    this.headers = Map.copyOf(h);
    this.timeout = timeout;
  }

  @Override
  public String submit(List<Line> lines, String intent) {
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    for (Line l : lines) {
      ObjectNode line = Json.object().put("custom_id", l.customId()).put("method", "POST")
          .put("url", "/v1/chat/completions");
      line.set("body", l.body());
      jsonl.writeBytes((Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Multipart form = new Multipart().field("purpose", "batch")
        .file("file", "synthkit-batch.jsonl", "application/jsonl", jsonl.toByteArray());
    String file = http.json(Request.post(uri("/files"), headers, form.body(), form.contentType(), timeout),
        "upload a batch input file").path("id").asText();
    ObjectNode create = Json.object().put("input_file_id", file).put("endpoint", "/v1/chat/completions")
        .put("completion_window", "24h");
    create.putObject("metadata").put(INTENT, intent);
    return http.json(Request.post(uri("/batches"), headers, Json.bytes(create), Request.JSON, timeout),
        "create a batch").path("id").asText();
  }

  @Override
  public java.util.Optional<String> find(String intent) {
    JsonNode list = http.json(Request.get(uri("/batches?limit=100"), headers, timeout), "list batches");
    for (JsonNode b : list.path("data")) {
      if (intent.equals(b.path("metadata").path(INTENT).asText(null))) {
        return java.util.Optional.of(b.path("id").asText());
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public State poll(String id) {
    JsonNode job = http.json(Request.get(uri("/batches/" + id), headers, timeout), "read batch " + id);
    String status = job.path("status").asText();
    return new State(ENDED.contains(status), status, job);
  }

  @Override
  public Map<String, Result> results(State state) {
    Map<String, Result> out = new HashMap<>();
    JsonNode job = state.job();
    if (job.path("output_file_id").isTextual()) {
      read(job.get("output_file_id").asText(), out);
    }
    if (job.path("error_file_id").isTextual()) {
      read(job.get("error_file_id").asText(), out);
    }
    return out;
  }

  private void read(String file, Map<String, Result> out) {
    String text = new String(http.bytes(Request.get(uri("/files/" + file + "/content"), headers, timeout),
        "download batch file " + file), StandardCharsets.UTF_8);
    for (String raw : text.split("\n")) {
      if (raw.isBlank()) {
        continue;
      }
      JsonNode line = Json.parse(raw);
      JsonNode response = line.path("response");
      if (response.path("status_code").asInt() == 200) {
        out.put(line.path("custom_id").asText(), new Result(response.get("body"), null));
      } else {
        String why = line.path("error").isObject() ? line.at("/error/code").asText() + ": "
            + line.at("/error/message").asText()
            : "HTTP " + response.path("status_code").asInt() + ": " + response.at("/body/error/message").asText();
        out.put(line.path("custom_id").asText(), new Result(null, why));
      }
    }
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }
}
