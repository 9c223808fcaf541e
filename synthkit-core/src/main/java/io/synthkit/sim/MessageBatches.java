package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's Anthropic Message Batches API: {@code POST /v1/messages/batches}, {@code GET .../{id}},
 * {@code GET .../{id}/results} (JSONL, one line per request with its {@code custom_id}), {@code POST .../{id}/cancel}
 * and {@code GET /v1/messages/batches}. The request list is checked as Anthropic checks it when the batch is created
 * (at least one request, each with a unique {@code custom_id} of 1-64 letters, digits, {@code -} and {@code _}, and
 * {@code params}); each request's params are checked by the Messages endpoint's own checks when it runs, and a
 * refused one is an {@code errored} result, as Anthropic reports it. A batch stays {@code in_progress} for
 * {@link SimulatorOptions#batchPolls()} polls. Thread-safe: state is guarded by this object.
 */
final class MessageBatches {

  private static final Pattern ONE = Pattern.compile("/v1/messages/batches/([^/]+)(/results|/cancel)?/?");
  private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final int MAX_REQUESTS = 100_000;

  private final SimulatorOptions options;
  private final ChatEndpoint chat;
  private final Map<String, ObjectNode> batches = new LinkedHashMap<>();
  private final Map<String, JsonNode> requests = new LinkedHashMap<>();
  private final Map<String, byte[]> results = new LinkedHashMap<>();
  private final Map<String, Integer> polls = new LinkedHashMap<>();

  MessageBatches(SimulatorOptions options, ChatEndpoint chat) {
    this.options = options;
    this.chat = chat;
  }

  synchronized List<String> ids() {
    return List.copyOf(batches.keySet());
  }

  SimHttpResponse handle(SimHttpRequest req) {
    Matcher one = ONE.matcher(req.path());
    boolean root = req.path().matches("/v1/messages/batches/?");
    if (root && "POST".equals(req.method())) {
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(req.body());
      } catch (IOException e) {
        body = null;
      }
      return body == null || !body.isObject() ? invalid("There was an issue with your request body: it is not valid"
          + " JSON.") : create(body, req);
    }
    if (root && "GET".equals(req.method())) {
      return list(Query.parse(req.query()));
    }
    if (one.matches()) {
      String action = one.group(2) == null ? "" : one.group(2);
      if ("GET".equals(req.method()) && action.isEmpty()) {
        return poll(one.group(1), req);
      }
      if ("GET".equals(req.method()) && action.equals("/results")) {
        return results(one.group(1));
      }
      if ("POST".equals(req.method()) && action.equals("/cancel")) {
        return cancel(one.group(1), req);
      }
    }
    return ApiError.notFound(Api.ANTHROPIC, "Invalid URL (" + req.method() + " " + req.path() + ")").response();
  }

  private synchronized SimHttpResponse create(JsonNode body, SimHttpRequest req) {
    JsonNode list = body.path("requests");
    if (!list.isArray()) {
      return invalid("requests: Field required");
    }
    if (list.isEmpty() || list.size() > MAX_REQUESTS) {
      return invalid("requests: List should have at least 1 item and at most " + MAX_REQUESTS + " items, not "
          + list.size());
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String id = r.path("custom_id").asText(null);
      if (id == null || !CUSTOM_ID.matcher(id).matches()) {
        return invalid("requests." + i + ".custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
      }
      if (!ids.add(id)) {
        return invalid("requests." + i + ".custom_id: Duplicate custom_id '" + id + "'; each request in a batch"
            + " needs a unique custom_id");
      }
      if (!r.path("params").isObject()) {
        return invalid("requests." + i + ".params: Field required");
      }
    }
    String id = "msgbatch_sim" + (batches.size() + 1);
    Instant now = Instant.now();
    ObjectNode b = Json.object().put("id", id).put("type", "message_batch").put("processing_status", "in_progress");
    b.putObject("request_counts").put("processing", list.size()).put("succeeded", 0).put("errored", 0)
        .put("canceled", 0).put("expired", 0);
    b.putNull("ended_at");
    b.put("created_at", now.toString()).put("expires_at", now.plusSeconds(86_400).toString());
    b.putNull("archived_at");
    b.putNull("cancel_initiated_at");
    b.putNull("results_url");
    batches.put(id, b);
    requests.put(id, list.deepCopy());
    polls.put(id, 0);
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private synchronized SimHttpResponse poll(String id, SimHttpRequest req) {
    ObjectNode b = batches.get(id);
    if (b == null) {
      return noSuchBatch(id);
    }
    if (!b.get("processing_status").asText().equals("ended")
        && polls.merge(id, 1, Integer::sum) >= options.batchPollsOrDefault()) {
      finish(b, req, b.get("processing_status").asText().equals("canceling"));
    }
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private void finish(ObjectNode b, SimHttpRequest req, boolean canceled) {
    String id = b.get("id").asText();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int succeeded = 0;
    int errored = 0;
    int expired = 0;
    int cancelledCount = 0;
    for (JsonNode r : Objects.requireNonNull(requests.get(id), "a batch without its requests")) {
      String customId = r.get("custom_id").asText();
      ObjectNode line = Json.object().put("custom_id", customId);
      ObjectNode result = line.putObject("result");
      BatchFate fate = BatchFate.of(options, customId);
      if (canceled) {
        result.put("type", "canceled");
        cancelledCount++;
      } else if (fate == BatchFate.EXPIRED) {
        result.put("type", "expired");
        expired++;
      } else {
        SimHttpResponse reply = fate == BatchFate.FAILED ? ApiError.serverError(Api.ANTHROPIC, 500).response()
            : chat.inBatch(Api.ANTHROPIC, req, r.get("params"), customId);
        JsonNode body = Json.parse(new String(reply.bytes(), StandardCharsets.UTF_8));
        if (reply.status() == 200) {
          result.put("type", "succeeded").set("message", body);
          succeeded++;
        } else {
          result.put("type", "errored").set("error", body);
          errored++;
        }
      }
      out.writeBytes((Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    results.put(id, out.toByteArray());
    b.put("processing_status", "ended").put("ended_at", Instant.now().toString());
    b.putObject("request_counts").put("processing", 0).put("succeeded", succeeded).put("errored", errored)
        .put("canceled", cancelledCount).put("expired", expired);
    b.put("results_url", root(req) + "/v1/messages/batches/" + id + "/results");
  }

  /** The server's own root URL, as the client addressed it, for {@code results_url}. */
  private static String root(SimHttpRequest req) {
    String host = req.header("host");
    return "http://" + (host == null ? "127.0.0.1" : host);
  }

  private synchronized SimHttpResponse results(String id) {
    if (!batches.containsKey(id)) {
      return noSuchBatch(id);
    }
    byte[] lines = results.get(id);
    if (lines == null) {
      return ApiError.invalid(Api.ANTHROPIC, "Batch " + id + " has not finished processing; results are available"
          + " once processing_status is 'ended'.", null, null).response();
    }
    return SimHttpResponse.raw(200, "application/x-jsonl", lines);
  }

  private synchronized SimHttpResponse cancel(String id, SimHttpRequest req) {
    ObjectNode b = batches.get(id);
    if (b == null) {
      return noSuchBatch(id);
    }
    if (b.get("processing_status").asText().equals("in_progress")) {
      b.put("processing_status", "canceling").put("cancel_initiated_at", Instant.now().toString());
    }
    return SimHttpResponse.json(200, b.deepCopy());
  }

  private synchronized SimHttpResponse list(Query q) {
    List<ObjectNode> all = new ArrayList<>();
    batches.values().forEach(b -> all.add(0, b.deepCopy()));
    ObjectNode page = FileStore.Page.of(all, q, 20);
    page.remove("object");
    return SimHttpResponse.json(200, page);
  }

  private static SimHttpResponse invalid(String message) {
    return ApiError.anthropic(400, "invalid_request_error", message).response();
  }

  private static SimHttpResponse noSuchBatch(String id) {
    return ApiError.notFound(Api.ANTHROPIC, "Message batch " + id + " not found.").response();
  }
}
