package io.synthkit.run;

import io.synthkit.config.RunConfig;
import io.synthkit.llm.Budget;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.ModelConfig;
import io.synthkit.sim.Responder;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Usage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Model roles opened from a run config outside any run (evaluation judges, benchmarks, persona generation): the
 * config's roles, budget and prompt overrides, simulators for simulated roles, and no response cache. Close it to stop
 * the simulators and the HTTP client.
 */
public final class ModelSession implements AutoCloseable {

  private final SimulatedEndpoints simulators;
  private final Gateway gateway;

  private ModelSession(SimulatedEndpoints simulators, Gateway gateway) {
    this.simulators = simulators;
    this.gateway = gateway;
  }

  /**
   * Opens the roles of a config.
   *
   * @param config the config whose {@code models:} to use
   * @param responder scripts simulated roles (tests), or {@code null}
   * @return the session
   */
  public static ModelSession open(RunConfig config, @Nullable Responder responder) {
    return open(config.models(), config.budget(), PromptLibrary.withOverrides(config.promptsDir()), responder);
  }

  /**
   * Opens roles given directly.
   *
   * @param models role to settings ({@code default} required)
   * @param budget the spending limit
   * @param prompts the prompt library (schema instructions, repair messages)
   * @param responder scripts simulated roles (tests), or {@code null}
   * @return the session
   */
  public static ModelSession open(Map<String, ModelConfig> models, Budget budget, PromptLibrary prompts,
      @Nullable Responder responder) {
    SimulatedEndpoints sims = SimulatedEndpoints.start(models, responder);
    try {
      return new ModelSession(sims, Gateway.builder().models(sims.models()).budget(budget).prompts(prompts).build());
    } catch (RuntimeException e) {
      sims.close();
      throw e;
    }
  }

  /**
   * Returns a role's handle.
   *
   * @param role the role name (unknown roles use {@code default})
   * @return the handle
   */
  public Llm llm(String role) {
    return gateway.llm(role);
  }

  /**
   * Tells whether any role answered with simulated replies.
   *
   * @return true when simulated
   */
  public boolean simulated() {
    return gateway.simulated();
  }

  /**
   * Returns the usage so far.
   *
   * @return the total
   */
  public Usage usage() {
    return gateway.meter().total();
  }

  /**
   * Returns the usage per role so far.
   *
   * @return role to usage
   */
  public Map<String, Usage> usageByRole() {
    return gateway.meter().byRole();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      simulators.close();
    }
  }
}
