package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import java.util.ArrayList;
import java.util.List;

/** Builds small in-memory datasets for the evaluation tests. */
final class Records {

  private Records() {}

  static DataRecord record(String id, String text, ObjectNode meta) {
    return new DataRecord(id, Json.object().put("instruction", text).put("output", "an answer"), meta);
  }

  static DataRecord record(String id, String text) {
    return record(id, text, Json.object());
  }

  static Dataset texts(List<String> texts) {
    List<DataRecord> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(record("r" + i, texts.get(i)));
    }
    return Dataset.of("texts", out);
  }

  static ObjectNode meta(Object... keyValues) {
    ObjectNode m = Json.object();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.set((String) keyValues[i], Json.tree(keyValues[i + 1]));
    }
    return m;
  }
}
