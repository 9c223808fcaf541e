package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.synthkit.json.Json;

/**
 * A knowledge triplet ⟨topic, relation, attribute⟩ extracted from a node (paper Eq. 1).
 *
 * @param topic the node's topic
 * @param relation the relation
 * @param attribute the attribute
 */
record Triplet(String topic, String relation, String attribute) {

  /** @return {@code [topic, relation, attribute]} for record meta and events */
  ArrayNode json() {
    return Json.array().add(topic).add(relation).add(attribute);
  }
}
