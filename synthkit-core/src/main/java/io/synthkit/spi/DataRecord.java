package io.synthkit.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One accepted dataset item, as written to {@code dataset.jsonl}:
 * {@code {"id": ..., "data": {...}, "meta": {"method": ..., "parents": [...], ...provenance}}}.
 *
 * <p>Ids must be deterministic (derived from the item's place in the method's work), so a resumed run recognises the
 * records it wrote before.
 *
 * @param id a unique, deterministic id
 * @param data the item itself
 * @param meta provenance: method, parents, iteration or hop, stage results
 */
public record DataRecord(String id, ObjectNode data, ObjectNode meta) {

  /** Checks the parts. */
  public DataRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(data, "data");
    meta = meta == null ? JsonNodeFactory.instance.objectNode() : meta;
    if (id.isBlank()) {
      throw new IllegalArgumentException("a record id must not be blank");
    }
  }

  /**
   * Returns a record with the same id and meta and other data (quality stages rewrite items).
   *
   * @param newData the new item
   * @return the copy
   */
  public DataRecord withData(ObjectNode newData) {
    return new DataRecord(id, newData, meta);
  }
}
