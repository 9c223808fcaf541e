package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.Llm;
import org.jspecify.annotations.Nullable;

/**
 * The proposer model a trainer produced: the model id and, when it is served elsewhere than the proposer's endpoint,
 * its base URL.
 *
 * @param model the model id, e.g. {@code ft:gpt-4o-mini:org:reversegen-i1:abc}
 * @param baseUrl where it is served, or {@code null} for the proposer role's endpoint
 */
public record TrainedModel(String model, @Nullable String baseUrl) {

  /**
   * The model a role starts with.
   *
   * @param llm the proposer role
   * @return its model on its endpoint
   */
  public static TrainedModel of(Llm llm) {
    return new TrainedModel(llm.model(), null);
  }

  /**
   * Returns a handle on this model for the proposer role.
   *
   * @param role the proposer role's handle
   * @return the role switched to this model (sharing its endpoint's limits when the URL is the same)
   */
  public Llm on(Llm role) {
    return model.equals(role.model()) && baseUrl == null ? role : role.withModel(model, baseUrl);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.object().put("model", model);
    if (baseUrl != null) {
      out.put("base_url", baseUrl);
    }
    return out;
  }

  public static TrainedModel fromJson(JsonNode n) {
    return new TrainedModel(n.path("model").asText(), n.path("base_url").isTextual() ? n.get("base_url").asText()
        : null);
  }
}
