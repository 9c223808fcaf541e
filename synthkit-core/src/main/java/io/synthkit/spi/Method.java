package io.synthkit.spi;

import java.util.List;

/**
 * A data-generation method (Self-Instruct, Data Advisor, DataGen, ...). A method reads like its paper's pseudocode:
 * it asks {@link RunContext} for models, randomness and prompts, and hands results to the context; retries, caching,
 * concurrency limits and persistence happen below it.
 *
 * <p>Contract for resume: a method must be deterministic given the same model replies. Every random choice comes from
 * {@link RunContext#rng(String)}, every call has a stable sample key, every record a stable id, and replies are
 * consumed in a fixed order (use {@link RunContext#parallel} for concurrency). A resumed run then replays from the cache to
 * where it stopped. Its path must not depend on {@code target} except to stop, so raising the target extends a run.
 *
 * @param <P> the parameter record bound from the config section named after the method
 */
public interface Method<P> {

  /**
   * Returns the name used as {@code method:} and as the config section name.
   *
   * @return for example {@code self-instruct}
   */
  String name();

  /**
   * Returns a one-line description for {@code synthkit methods}.
   *
   * @return the description
   */
  String description();

  /**
   * Returns the parameter record type; an empty section binds its defaults.
   *
   * @return the type
   */
  Class<P> paramsType();

  /**
   * Returns the model roles the method uses (each falls back to {@code models.default}).
   *
   * @return role names
   */
  List<String> roles();

  /**
   * Checks what the parameter record alone cannot (values required unless a preset supplies them, files that must
   * exist). Called before the run directory is opened, so a bad config never touches a run. The default accepts
   * everything.
   *
   * @param params the bound parameters
   * @param config the run config (for {@code config.at(key)} locations and resolving paths)
   * @throws io.synthkit.spi.SynthkitException naming the key
   */
  default void validate(P params, ConfigView config) {}

  /**
   * Runs the method until the sink is full or the method's own work is done.
   *
   * @param ctx the run
   * @param params the bound parameters
   */
  void run(RunContext ctx, P params);
}
