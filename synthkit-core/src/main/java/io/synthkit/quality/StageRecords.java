package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.DataRecord;

/** Writes a stage's findings into a copy of a record's meta, under {@code meta.quality.<stage>}. */
final class StageRecords {

  private StageRecords() {}

  /**
   * Returns a copy of a record with new data and the stage's findings in its meta.
   *
   * @param record the record
   * @param data the (possibly rewritten) item
   * @param stage the stage name
   * @param findings what the stage found
   * @return the copy; the input record is not modified
   */
  static DataRecord annotate(DataRecord record, ObjectNode data, String stage, JsonNode findings) {
    ObjectNode meta = record.meta().deepCopy();
    ObjectNode quality = meta.get("quality") instanceof ObjectNode q ? q : meta.putObject("quality");
    quality.set(stage, findings);
    return new DataRecord(record.id(), data, meta);
  }

  /**
   * Returns the sample-key prefix of a stage's calls for one record, so a resumed run replays them from the cache.
   *
   * @param stage the stage name
   * @param record the record
   * @return e.g. {@code reflection/dg-b3-i1}
   */
  static String key(String stage, DataRecord record) {
    return stage + "/" + record.id();
  }
}
