package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;

/**
 * One decision of a method, as written to {@code events.jsonl} (an advisor's weakness and summaries, a tree edge, an
 * iteration's metrics). Written as {@code {"key", "type", ...data}}.
 *
 * @param key a unique, deterministic key
 * @param type the kind of event, e.g. {@code weakness}, {@code edge}, {@code iteration}
 * @param data the event's fields
 */
public record RunEvent(String key, String type, ObjectNode data) {

  /**
   * Returns the line written to the log.
   *
   * @return {@code {"key": ..., "type": ..., ...data}}
   */
  ObjectNode line() {
    ObjectNode out = Json.object().put("key", key).put("type", type);
    out.setAll(data);
    return out;
  }
}
