package io.synthkit.spi;

import com.fasterxml.jackson.databind.JsonNode;

/** What a {@link QualityStage} decided about one record. */
public sealed interface StageOutcome {

  /**
   * Keep the record.
   *
   * @param record the record, rewritten if the stage changed it
   * @param changed true when the stage modified the record's data
   */
  record Keep(DataRecord record, boolean changed) implements StageOutcome {}

  /**
   * Drop the record.
   *
   * @param reason one line, with the numbers involved
   * @param raw the model output behind the decision, or {@code null}
   * @param detail structured findings, or {@code null}
   */
  record Drop(String reason, String raw, JsonNode detail) implements StageOutcome {}

  /**
   * Keeps a record unchanged.
   *
   * @param record the record
   * @return the outcome
   */
  static StageOutcome keep(DataRecord record) {
    return new Keep(record, false);
  }

  /**
   * Drops a record.
   *
   * @param reason why
   * @return the outcome
   */
  static StageOutcome drop(String reason) {
    return new Drop(reason, null, null);
  }
}
