package io.synthkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's OpenAI Files API, in memory: {@code POST /v1/files} (multipart/form-data with {@code purpose} and
 * {@code file}), {@code GET /v1/files} (newest first, with {@code purpose}, {@code limit}, {@code after} and
 * {@code order}), {@code GET /v1/files/{id}}, {@code GET /v1/files/{id}/content} (the bytes as uploaded) and
 * {@code DELETE /v1/files/{id}}. Thread-safe: all state is guarded by this object's lock.
 */
final class FileStore {

  private static final Pattern ONE = Pattern.compile("/v1/files/([^/]+)(/content)?/?");
  /** Upload purposes OpenAI accepts (and its SDKs know). */
  private static final List<String> PURPOSES = List.of("assistants", "batch", "fine-tune", "vision", "user_data");

  record Stored(ObjectNode meta, byte[] content) {}

  private final Map<String, Stored> files = new LinkedHashMap<>();
  private int created;

  synchronized @Nullable Stored get(String id) {
    return files.get(id);
  }

  SimHttpResponse handle(SimHttpRequest req) {
    Matcher one = ONE.matcher(req.path());
    boolean root = req.path().matches("/v1/files/?");
    return switch (req.method()) {
      case "POST" -> root ? upload(req) : notFound(req);
      case "GET" -> root ? list(Query.parse(req.query()))
          : one.matches() ? (one.group(2) == null ? describe(one.group(1)) : content(one.group(1))) : notFound(req);
      case "DELETE" -> one.matches() && one.group(2) == null ? delete(one.group(1)) : notFound(req);
      default -> ApiError.methodNotAllowed(Api.OPENAI, req.method(), req.path()).response();
    };
  }

  private synchronized SimHttpResponse upload(SimHttpRequest req) {
    List<Multipart.Part> parts;
    try {
      parts = Multipart.parse(req.header("Content-Type"), req.body());
    } catch (IllegalArgumentException e) {
      return ApiError.invalid(Api.OPENAI, String.valueOf(e.getMessage()), null, null).response();
    }
    Multipart.Part file = parts.stream().filter(p -> p.name().equals("file")).findFirst().orElse(null);
    String purpose = parts.stream().filter(p -> p.name().equals("purpose")).map(p -> p.text().strip()).findFirst()
        .orElse(null);
    if (file == null) {
      return OpenAiParams.missing("file").error().response();
    }
    if (purpose == null) {
      return OpenAiParams.missing("purpose").error().response();
    }
    if (!PURPOSES.contains(purpose)) {
      return OpenAiParams.badValue("purpose", purpose, PURPOSES).error().response();
    }
    return describe(create(file.filename() == null ? "upload" : file.filename(), purpose, file.content()));
  }

  /** Stores a file (an upload, or a batch's output or error file) and returns its id. */
  synchronized String create(String filename, String purpose, byte[] content) {
    String id = "file-sim" + (++created);
    ObjectNode meta = Json.object().put("id", id).put("object", "file").put("bytes", content.length)
        .put("created_at", 1_700_000_000L + created).put("filename", filename).put("purpose", purpose)
        .put("status", "processed");
    meta.putNull("expires_at");
    meta.putNull("status_details");
    files.put(id, new Stored(meta, content));
    return id;
  }

  private synchronized SimHttpResponse list(Query q) {
    List<ObjectNode> all = new ArrayList<>();
    files.values().forEach(f -> {
      if (q.get("purpose") == null || q.get("purpose").equals(f.meta().path("purpose").asText())) {
        all.add(f.meta());
      }
    });
    if (!"asc".equals(q.get("order"))) {
      java.util.Collections.reverse(all); // newest first, as OpenAI lists them
    }
    return SimHttpResponse.json(200, Page.of(all, q, 10_000));
  }

  private synchronized SimHttpResponse describe(String id) {
    Stored f = files.get(id);
    return f == null ? noSuchFile(id) : SimHttpResponse.json(200, f.meta());
  }

  private synchronized SimHttpResponse content(String id) {
    Stored f = files.get(id);
    return f == null ? noSuchFile(id) : SimHttpResponse.raw(200, "application/octet-stream", f.content());
  }

  private synchronized SimHttpResponse delete(String id) {
    if (files.remove(id) == null) {
      return noSuchFile(id);
    }
    return SimHttpResponse.json(200, Json.object().put("id", id).put("object", "file").put("deleted", true));
  }

  private static SimHttpResponse noSuchFile(String id) {
    return ApiError.notFound(Api.OPENAI, "No such File object: " + id).response();
  }

  private static SimHttpResponse notFound(SimHttpRequest req) {
    return ApiError.notFound(Api.OPENAI, "Invalid URL (" + req.method() + " " + req.path() + ")").response();
  }

  /** Page of a list, OpenAI cursor style: {@code after} an id, at most {@code limit} items. */
  static final class Page {
    private Page() {}

    static ObjectNode of(List<ObjectNode> items, Query q, int defaultLimit) {
      int from = 0;
      String after = q.get("after");
      if (after != null) {
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i).path("id").asText().equals(after)) {
            from = i + 1;
          }
        }
      }
      int limit = Math.max(1, Math.min(10_000, q.intValue("limit", defaultLimit)));
      List<ObjectNode> page = items.subList(Math.min(from, items.size()), Math.min(items.size(), from + limit));
      ObjectNode out = Json.object().put("object", "list");
      ArrayNode data = out.putArray("data");
      page.forEach(data::add);
      out.put("first_id", page.isEmpty() ? null : page.get(0).path("id").asText());
      out.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).path("id").asText());
      out.put("has_more", from + page.size() < items.size());
      return out;
    }
  }
}
