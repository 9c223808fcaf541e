package io.synthkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The models the simulator serves and its {@code /v1/models} endpoints in both APIs' shapes. With a configured model
 * list only those ids (and the fine-tuned models this simulator produced) are served and every other id is a 404;
 * without one any id is served, so existing configs keep working, and the listing shows {@code synthkit-simulator}.
 * The API is told apart by its headers: a request with {@code anthropic-version} or {@code x-api-key} gets
 * Anthropic's shape. Thread-safe.
 */
final class ModelCatalog {

  static final String DEFAULT_MODEL = "synthkit-simulator";
  /** A fixed creation time keeps listings identical across runs. */
  private static final long CREATED = 1_700_000_000L;

  private final @Nullable List<String> configured;
  private final FineTuning fineTuning;

  ModelCatalog(@Nullable List<String> configured, FineTuning fineTuning) {
    this.configured = configured;
    this.fineTuning = fineTuning;
  }

  boolean serves(String model) {
    return configured == null || configured.contains(model) || fineTuning.fineTunedModels().contains(model);
  }

  private List<String> listed() {
    Set<String> ids = new LinkedHashSet<>(configured == null ? List.of(DEFAULT_MODEL) : configured);
    ids.addAll(fineTuning.fineTunedModels());
    return new ArrayList<>(ids);
  }

  SimHttpResponse handle(SimHttpRequest req, Api api) {
    if (!"GET".equals(req.method())) {
      return ApiError.methodNotAllowed(api, req.method(), req.path()).response();
    }
    String rest = req.path().replaceFirst("^/v1/models/?", "");
    if (rest.isEmpty()) {
      return SimHttpResponse.json(200, api == Api.OPENAI ? openAiList() : anthropicList());
    }
    String id = URLDecoder.decode(rest, StandardCharsets.UTF_8);
    if (!serves(id)) {
      return ApiError.modelNotFound(api, id).response();
    }
    return SimHttpResponse.json(200, api == Api.OPENAI ? openAiModel(id) : anthropicModel(id));
  }

  private ObjectNode openAiList() {
    ObjectNode out = Json.object().put("object", "list");
    ArrayNode data = out.putArray("data");
    listed().forEach(id -> data.add(openAiModel(id)));
    return out;
  }

  private static ObjectNode openAiModel(String id) {
    return Json.object().put("id", id).put("object", "model").put("created", CREATED)
        .put("owned_by", id.startsWith("ft:") ? "synthkit-sim" : "synthkit");
  }

  private ObjectNode anthropicList() {
    List<String> ids = listed();
    ObjectNode out = Json.object();
    ArrayNode data = out.putArray("data");
    ids.forEach(id -> data.add(anthropicModel(id)));
    out.put("has_more", false);
    out.put("first_id", ids.isEmpty() ? null : ids.get(0));
    out.put("last_id", ids.isEmpty() ? null : ids.get(ids.size() - 1));
    return out;
  }

  private static ObjectNode anthropicModel(String id) {
    return Json.object().put("type", "model").put("id", id).put("display_name", id + " (simulated)")
        .put("created_at", "2023-11-14T22:13:20Z").put("lifecycle", "active").put("max_input_tokens", 200_000)
        .put("max_tokens", 64_000);
  }
}
