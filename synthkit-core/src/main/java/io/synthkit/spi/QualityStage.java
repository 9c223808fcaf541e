package io.synthkit.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;


/**
 * One reusable quality check that any method can run on its records via config ({@code quality: [reflection,
 * math_check, group_check]}): it keeps a record (possibly rewritten, with its findings in {@code meta.quality}) or drops
 * it with a reason. Stages that call models use sample keys derived from the record id, so their work replays from
 * the cache on resume.
 *
 * <p>Stages are applied concurrently to different records unless {@link #ordered()} says the stage keeps state that
 * depends on the order of records (dedup, group checking); those see records one at a time in acceptance order.
 * Implementations must be thread-safe when not ordered.
 */
public interface QualityStage {

  /**
   * Returns the stage name as written in the config.
   *
   * @return for example {@code reflection}
   */
  String name();

  /**
   * Tells whether records must pass one at a time, in order.
   *
   * @return true for stateful filters
   */
  default boolean ordered() {
    return false;
  }

  /**
   * Checks one record.
   *
   * @param record the record as the method (or the previous stage) produced it
   * @param ctx the run, for models, prompts, components and the record's text field
   * @return keep (possibly rewritten) or drop
   */
  StageOutcome apply(DataRecord record, StageContext ctx);

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
    record Drop(String reason, @Nullable String raw, @Nullable JsonNode detail) implements StageOutcome {}

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
}
