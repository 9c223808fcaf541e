package io.synthkit.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.SynthkitException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Answers fanned-out calls ({@link CallFanOut.Call}) on another JVM, a cluster's executor: each call goes to the
 * server the driver picked, with the settings its role has in this JVM's own copy of the config (its own API keys,
 * concurrency limit, rate limits, retries and circuit breaker). A key is only ever sent to a server the config lists
 * for that role. Request-shape fixes are not learned here: a refused call comes back as an error and the driver sends
 * it itself. Thread-safe.
 */
public final class CallRelay implements AutoCloseable {

  private final Map<String, ModelConfig> models;
  private final HttpTransport http = new HttpTransport();
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /**
   * A relay for a config's models.
   *
   * @param models the {@code models:} map as this JVM loaded it (role to settings)
   */
  public CallRelay(Map<String, ModelConfig> models) {
    this.models = Map.copyOf(models);
  }

  /**
   * Sends one call and waits for its answer.
   *
   * @param call the call
   * @return the server's reply, or the reason it failed
   */
  public CallFanOut.Answer answer(CallFanOut.Call call) {
    AtomicInteger retries = new AtomicInteger();
    Endpoint.Observer observer = new Endpoint.Observer() {
      @Override
      public void retry(String reason) {
        retries.incrementAndGet();
      }

      @Override
      public void failure(@Nullable String reason) {
        // the answer carries the reason
      }
    };
    try {
      ObjectNode body = (ObjectNode) Json.parse(call.body());
      Endpoint endpoint = endpoint(call.role(), call.url());
      String reply = Json.write(endpoint.relay(body, call.key(), observer));
      return new CallFanOut.Answer(call.id(), reply, null, retries.get(), endpoint.simulated());
    } catch (SynthkitException | ClassCastException e) {
      return new CallFanOut.Answer(call.id(), null, Secrets.redact(String.valueOf(e.getMessage())), retries.get(),
          false);
    }
  }

  private Endpoint endpoint(String role, String url) {
    return endpoints.computeIfAbsent(role + "\u0000" + url, k -> create(role, url));
  }

  private Endpoint create(String role, String url) {
    ModelConfig base = models.get(Gateway.DEFAULT_ROLE);
    ModelConfig own = models.get(role);
    ModelConfig config = own == null ? base : base == null || role.equals(Gateway.DEFAULT_ROLE) ? own : own.over(base);
    if (config == null || config.provider() == null) {
      throw SynthkitException.input("models." + role + " is not in this machine's copy of the config");
    }
    boolean simulated = config.provider() == ProviderKind.SIMULATED;
    ProviderKind wire = simulated ? ProviderKind.OPENAI : config.provider();
    String target = server(config, role, url, simulated);
    ModelConfig one = config.withEndpoint(wire, target);
    ProviderAdapter adapter = wire == ProviderKind.ANTHROPIC ? new AnthropicAdapter() : new OpenAiAdapter();
    return new Endpoint(one, adapter, http, simulated, a -> { });
  }

  /**
   * The configured URL (user-info and all) the driver named by its shown form; a simulated role without one is the
   * driver's own simulator, reachable where the driver runs in the same JVM or host.
   */
  private static @Nullable String server(ModelConfig config, String role, String url, boolean simulated) {
    if (simulated && config.baseUrl() == null && config.baseUrls() == null) {
      return url;
    }
    for (@Nullable String u : config.endpointUrls()) {
      String shown = Secrets.withoutUserInfo(u);
      if (Objects.equals(shown == null ? "" : shown, url)) {
        return u;
      }
    }
    throw SynthkitException.input("the driver sent a call for models." + role + " to " + (url.isEmpty()
        ? "the provider's API" : url) + ", a server this machine's config does not list for that role");
  }

  @Override
  public void close() {
    http.close();
  }
}
