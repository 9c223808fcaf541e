package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's OpenAI Batch API: {@code POST /v1/batches} (an uploaded JSONL file of purpose {@code batch}),
 * {@code GET /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel} and {@code GET /v1/batches}. A batch stays
 * {@code validating}/{@code in_progress} for {@link SimulatorOptions#batchPolls()} polls; then every line is answered
 * by the chat endpoint's own checks and composer ({@link ChatEndpoint#inBatch}), 200s go to the output file, other
 * statuses, injected failures and expired requests to the error file, each line carrying its {@code custom_id}. A file
 * OpenAI would refuse (a line that is not JSON, a missing or repeated custom_id, another URL, several models) makes
 * the batch {@code failed} with its {@code errors}, as OpenAI does. Thread-safe: state is guarded by this object.
 */
final class OpenAiBatches {

  private static final Pattern ONE = Pattern.compile("/v1/batches/([^/]+)(/cancel)?/?");
  private static final String CHAT = "/v1/chat/completions";

  private final SimulatorOptions options;
  private final FileStore files;
  private final ChatEndpoint chat;
  private final Map<String, ObjectNode> batches = new LinkedHashMap<>();
  private final Map<String, Integer> polls = new LinkedHashMap<>();

  OpenAiBatches(SimulatorOptions options, FileStore files, ChatEndpoint chat) {
    this.options = options;
    this.files = files;
    this.chat = chat;
  }

  synchronized List<String> ids() {
    return List.copyOf(batches.keySet());
  }

  SimHttpResponse handle(SimHttpRequest req) {
    Matcher one = ONE.matcher(req.path());
    boolean root = req.path().matches("/v1/batches/?");
    if ("POST".equals(req.method()) && root) {
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(req.body());
      } catch (IOException e) {
        return ApiError.unparsableOpenAiBody().response();
      }
      return create(body == null ? Json.object() : body);
    }
    if ("GET".equals(req.method()) && root) {
      return list(Query.parse(req.query()));
    }
    if (one.matches() && "GET".equals(req.method()) && one.group(2) == null) {
      return poll(one.group(1), req);
    }
    if (one.matches() && "POST".equals(req.method()) && one.group(2) != null) {
      return cancel(one.group(1));
    }
    return ApiError.notFound(Api.OPENAI, "Invalid URL (" + req.method() + " " + req.path() + ")").response();
  }

  private synchronized SimHttpResponse create(JsonNode body) {
    for (String p : List.of("input_file_id", "endpoint", "completion_window")) {
      if (!body.path(p).isTextual()) {
        return OpenAiParams.missing(p).error().response();
      }
    }
    String endpoint = body.get("endpoint").asText();
    if (!List.of(CHAT, "/v1/embeddings", "/v1/completions", "/v1/responses").contains(endpoint)) {
      return OpenAiParams.badValue("endpoint", endpoint, List.of(CHAT, "/v1/embeddings", "/v1/completions",
          "/v1/responses")).error().response();
    }
    if (!endpoint.equals(CHAT)) {
      return ApiError.invalid(Api.OPENAI, "the simulator batches " + CHAT + " only", "endpoint", null).response();
    }
    if (!body.get("completion_window").asText().equals("24h")) {
      return OpenAiParams.badValue("completion_window", body.get("completion_window").asText(), List.of("24h"))
          .error().response();
    }
    String fileId = body.get("input_file_id").asText();
    FileStore.Stored file = files.get(fileId);
    if (file == null) {
      return ApiError.notFound(Api.OPENAI, "No such File object: " + fileId).response();
    }
    if (!"batch".equals(file.meta().path("purpose").asText())) {
      return ApiError.invalid(Api.OPENAI, "The input file must be uploaded with purpose 'batch', not '"
          + file.meta().path("purpose").asText() + "'", "input_file_id", null).response();
    }
    int n = batches.size() + 1;
    long now = now();
    ObjectNode b = Json.object().put("id", "batch_sim" + n).put("object", "batch").put("endpoint", endpoint);
    b.putNull("errors");
    b.put("input_file_id", fileId).put("completion_window", "24h").put("status", "validating");
    b.putNull("output_file_id");
    b.putNull("error_file_id");
    b.put("created_at", now).putNull("in_progress_at");
    b.put("expires_at", now + 86_400);
    for (String t : List.of("finalizing_at", "completed_at", "failed_at", "expired_at", "cancelling_at",
        "cancelled_at")) {
      b.putNull(t);
    }
    b.putObject("request_counts").put("total", 0).put("completed", 0).put("failed", 0);
    if (body.path("metadata").isObject()) {
      b.set("metadata", body.get("metadata"));
    } else {
      b.putNull("metadata");
    }
    batches.put(b.get("id").asText(), b);
    polls.put(b.get("id").asText(), 0);
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private synchronized SimHttpResponse poll(String id, SimHttpRequest req) {
    ObjectNode b = batches.get(id);
    if (b == null) {
      return noSuchBatch(id);
    }
    String status = b.get("status").asText();
    if (status.equals("validating") || status.equals("in_progress")) {
      int seen = polls.merge(id, 1, Integer::sum);
      if (seen < options.batchPollsOrDefault()) {
        start(b);
      } else {
        run(b, req);
      }
    } else if (status.equals("cancelling")) {
      finish(b, req, true);
    }
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private void start(ObjectNode b) {
    if (!b.get("status").asText().equals("in_progress")) {
      b.put("status", "in_progress").put("in_progress_at", now());
      b.with("request_counts").put("total", lines(b).size());
    }
  }

  private List<String> lines(ObjectNode b) {
    String fileId = b.get("input_file_id").asText();
    FileStore.Stored input = files.get(fileId);
    if (input == null) {
      throw new IllegalStateException("the input file " + fileId + " of batch " + b.get("id").asText()
          + " was deleted");
    }
    String text = new String(input.content(), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  /** Validates the input file as OpenAI does before it runs any line; a bad file fails the whole batch. */
  private ArrayNode problems(List<String> lines, String endpoint) {
    ArrayNode errors = Json.MAPPER.createArrayNode();
    Set<String> ids = new HashSet<>();
    Set<String> models = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(lines.get(i));
      } catch (IOException e) {
        error(errors, "invalid_json_line", "This line is not parseable as valid JSON.", i + 1, null);
        continue;
      }
      if (!line.path("custom_id").isTextual() || line.get("custom_id").asText().isEmpty()) {
        error(errors, "missing_required_parameter", "Missing required parameter: 'custom_id'.", i + 1, "custom_id");
      } else if (!ids.add(line.get("custom_id").asText())) {
        error(errors, "duplicate_custom_id", "The custom_id for this request is a duplicate of another request."
            + " The custom_id parameter must be unique for each request in a batch.", i + 1, "custom_id");
      }
      if (!"POST".equals(line.path("method").asText())) {
        error(errors, "invalid_method", "The method must be POST.", i + 1, "method");
      }
      if (!endpoint.equals(line.path("url").asText())) {
        error(errors, "mismatched_endpoint", "The URL provided for this request does not match the batch endpoint"
            + " " + endpoint + ".", i + 1, "url");
      }
      if (!line.path("body").isObject()) {
        error(errors, "missing_required_parameter", "Missing required parameter: 'body'.", i + 1, "body");
      } else {
        models.add(line.get("body").path("model").asText(""));
      }
    }
    if (models.size() > 1) {
      error(errors, "mismatched_model", "The provided batch input file contains requests for more than one model: "
          + models + ". Each batch must use a single model.", null, "body.model");
    }
    if (lines.isEmpty()) {
      error(errors, "empty_file", "The batch input file is empty.", null, null);
    }
    return errors;
  }

  private static void error(ArrayNode errors, String code, String message, @Nullable Integer line,
      @Nullable String param) {
    ObjectNode e = errors.addObject().put("code", code).put("message", message);
    if (line == null) {
      e.putNull("line");
    } else {
      e.put("line", line);
    }
    e.put("param", param);
  }

  private void run(ObjectNode b, SimHttpRequest req) {
    start(b);
    ArrayNode problems = problems(lines(b), b.get("endpoint").asText());
    if (!problems.isEmpty()) {
      b.put("status", "failed").put("failed_at", now());
      ObjectNode errors = Json.object().put("object", "list");
      errors.set("data", problems);
      b.set("errors", errors);
      return;
    }
    finish(b, req, false);
  }

  /** Answers every line (or, cancelled, none) and writes the output and error files. */
  private void finish(ObjectNode b, SimHttpRequest req, boolean cancelled) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int completed = 0;
    int failed = 0;
    boolean expired = false;
    int n = 0;
    for (String text : lines(b)) {
      JsonNode line = Json.parse(text);
      String customId = line.get("custom_id").asText();
      ObjectNode result = Json.object().put("id", "batch_req_" + b.get("id").asText() + "_" + (++n))
          .put("custom_id", customId);
      BatchFate fate = cancelled ? BatchFate.EXPIRED : BatchFate.of(options, customId);
      if (fate == BatchFate.EXPIRED) {
        expired |= !cancelled;
        result.putNull("response");
        result.putObject("error").put("code", cancelled ? "batch_cancelled" : "batch_expired")
            .put("message", cancelled ? "This request was not executed because the batch was cancelled."
                : "This request could not be executed before the completion window expired.");
        failed++;
        err.writeBytes((Json.write(result) + "\n").getBytes(StandardCharsets.UTF_8));
        continue;
      }
      SimHttpResponse reply = fate == BatchFate.FAILED ? ApiError.serverError(Api.OPENAI, 500).response()
          : chat.inBatch(Api.OPENAI, req, line.get("body"), customId);
      result.putObject("response").put("status_code", reply.status())
          .put("request_id", "req_sim_" + b.get("id").asText() + "_" + n).set("body", Json.parse(
              new String(reply.bytes(), StandardCharsets.UTF_8)));
      result.putNull("error");
      (reply.status() == 200 ? out : err).writeBytes((Json.write(result) + "\n").getBytes(StandardCharsets.UTF_8));
      if (reply.status() == 200) {
        completed++;
      } else {
        failed++;
      }
    }
    long now = now();
    b.put("finalizing_at", now);
    if (out.size() > 0) {
      b.put("output_file_id", files.create("batch_" + b.get("id").asText() + "_output.jsonl", "batch_output",
          out.toByteArray()));
    }
    if (err.size() > 0) {
      b.put("error_file_id", files.create("batch_" + b.get("id").asText() + "_error.jsonl", "batch_output",
          err.toByteArray()));
    }
    b.with("request_counts").put("total", completed + failed).put("completed", completed).put("failed", failed);
    String status = cancelled ? "cancelled" : expired ? "expired" : "completed";
    b.put("status", status).put(status + "_at", now);
  }

  private synchronized SimHttpResponse cancel(String id) {
    ObjectNode b = batches.get(id);
    if (b == null) {
      return noSuchBatch(id);
    }
    String status = b.get("status").asText();
    if (!status.equals("validating") && !status.equals("in_progress")) {
      return ApiError.openAi(409, "invalid_request_error", "Cannot cancel a batch with status '" + status + "'.",
          null, null).response();
    }
    b.put("status", "cancelling").put("cancelling_at", now());
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private synchronized SimHttpResponse list(Query q) {
    List<ObjectNode> all = new ArrayList<>();
    batches.values().forEach(b -> all.add(0, b.deepCopy()));
    return SimHttpResponse.json(200, FileStore.Page.of(all, q, 20));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static SimHttpResponse noSuchBatch(String id) {
    return ApiError.notFound(Api.OPENAI, "No batch found with id '" + id + "'.").response();
  }
}
