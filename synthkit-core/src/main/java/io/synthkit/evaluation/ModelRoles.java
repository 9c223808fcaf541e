package io.synthkit.evaluation;

import io.synthkit.config.RunConfig;
import io.synthkit.run.ModelSession;
import io.synthkit.sim.Responder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opens a model gateway from a run config for evaluation work (categorizing, entity extraction), outside any run:
 * the config's roles, budget and prompt overrides, with no response cache.
 */
public final class ModelRoles {

  private ModelRoles() {}

  /**
   * Opens a gateway; the caller closes it.
   *
   * @param config the config whose {@code models:} to use
   * @return the gateway
   */
  public static ModelSession open(RunConfig config) {
    return open(config, null);
  }

  /**
   * Opens a gateway whose simulated roles answer with a script (tests); the caller closes it.
   *
   * @param config the config whose {@code models:} to use
   * @param responder scripts simulated roles, or null
   * @return the gateway
   */
  public static ModelSession open(RunConfig config, @Nullable Responder responder) {
    return ModelSession.open(config, responder);
  }

  /**
   * Picks the first of the preferred roles that the config defines, else {@code default}.
   *
   * @param config the config
   * @param preferred roles in order of preference, e.g. {@code extractor, judge}
   * @return the role name
   */
  public static String pick(RunConfig config, List<String> preferred) {
    return preferred.stream().filter(config.models()::containsKey).findFirst().orElse("default");
  }
}
