package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.sim.Responder;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starts an in-process simulator for every role configured with {@code provider: simulated} and no {@code base_url}
 * or {@code base_urls}, and points those roles at it. The gateway then sees ordinary OpenAI-compatible endpoints
 * marked simulated: it never starts or imports the simulator. Roles with the same simulator options share one server. Close it to stop them.
 */
public final class SimulatedEndpoints implements AutoCloseable {

  /** Model id the simulator reports when none is configured. */
  public static final String MODEL = "synthkit-simulator";

  private final Map<SimulatorOptions, Simulator> servers = new LinkedHashMap<>();
  private final Map<String, ModelConfig> models = new LinkedHashMap<>();

  private SimulatedEndpoints() {}

  /**
   * Resolves simulated roles, starting simulators as needed.
   *
   * @param configured the {@code models:} map (role to settings; roles fall back to {@code default} field by field)
   * @param responder scripts the simulators' replies, or {@code null}
   * @return the running simulators and the resolved models
   */
  public static SimulatedEndpoints start(Map<String, ModelConfig> configured, @Nullable Responder responder) {
    SimulatedEndpoints out = new SimulatedEndpoints();
    ModelConfig base = configured.getOrDefault("default", ModelConfig.EMPTY);
    try {
      configured.forEach((role, own) -> {
        ModelConfig effective = role.equals("default") ? own : own.over(base);
        boolean local = effective.provider() == ProviderKind.SIMULATED && effective.baseUrl() == null
            && effective.baseUrls() == null;
        out.models.put(role, local ? out.attach(effective, responder) : own);
      });
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  private ModelConfig attach(ModelConfig role, @Nullable Responder responder) {
    ObjectNode raw = role.simulator();
    SimulatorOptions options = raw == null ? SimulatorOptions.DEFAULT
        : Json.LENIENT.convertValue(raw, SimulatorOptions.class); // checked strictly when the config was loaded
    Simulator sim = servers.computeIfAbsent(options, o -> Simulator.start(o, responder));
    return role.withEndpoint(ProviderKind.SIMULATED, sim.baseUrl()).withModel(role.model() == null ? MODEL
        : role.model());
  }

  /**
   * Returns the models with simulated roles pointed at their simulators.
   *
   * @return role to settings
   */
  public Map<String, ModelConfig> models() {
    return Collections.unmodifiableMap(models);
  }

  /** Stops the simulators. */
  @Override
  public void close() {
    servers.values().forEach(Simulator::close);
  }
}
