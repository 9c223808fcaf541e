package io.synthkit.spi;


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
}
