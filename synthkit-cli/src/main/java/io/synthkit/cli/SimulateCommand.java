package io.synthkit.cli;

import io.synthkit.spi.SynthkitException;
import io.synthkit.sim.Profile;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

/** {@code synthkit simulate}: serves the OpenAI/Anthropic-compatible simulator on loopback until stopped. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serve synthkit's model simulator on 127.0.0.1 (OpenAI Chat Completions, Embeddings, Models, Files"
        + " and Fine-tuning, and the Anthropic Messages API). It checks requests like the real APIs. Every reply is"
        + " placeholder text; runs that use it are marked simulated.",
        "Point a config at it with provider: openai, base_url: http://127.0.0.1:PORT/v1 and any api_key."})
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0 = any free port)", defaultValue = "8089")
  int port;

  @Option(names = "--latency-ms", description = "fixed latency per reply", defaultValue = "0")
  int latency;

  @Option(names = "--jitter-ms", description = "extra random latency", defaultValue = "0")
  int jitter;

  @Option(names = "--capacity", description = "requests in flight before 429 (0 = unlimited)", defaultValue = "0")
  int capacity;

  @Option(names = "--rate-limit", description = "rate of 429 replies", defaultValue = "0")
  double rateLimit;

  @Option(names = "--server-error", description = "rate of 500/503 replies", defaultValue = "0")
  double serverError;

  @Option(names = "--hang", description = "rate of requests that hang (client timeouts)", defaultValue = "0")
  double hang;

  @Option(names = "--fenced", description = "rate of ```json-fenced replies", defaultValue = "0")
  double fenced;

  @Option(names = "--prose", description = "rate of prose-wrapped replies", defaultValue = "0")
  double prose;

  @Option(names = "--truncated", description = "rate of truncated replies", defaultValue = "0")
  double truncated;

  @Option(names = "--malformed", description = "rate of damaged JSON", defaultValue = "0")
  double malformed;

  @Option(names = "--invalid", description = "rate of schema-violating JSON", defaultValue = "0")
  double invalid;

  @Option(names = "--seed", description = "randomness seed", defaultValue = "7")
  long seed;

  @Option(names = "--approximate-tokens", description = "report usage as characters/4 (cheaper than exact counts)")
  boolean approximate;

  @Option(names = "--profile", description = "force a profile for every model: openai, reasoning, ollama or"
      + " no-json-schema (default: chosen by model name)")
  String profile;

  @Option(names = "--api-key", description = "accept only this key (repeatable; default: any non-empty key)")
  List<String> apiKeys;

  @Option(names = "--no-auth", description = "accept requests without a key, like a local vLLM server")
  boolean noAuth;

  @Option(names = "--model", description = "serve only this model id (repeatable; default: any)")
  List<String> models;

  private @Nullable Profile profile() {
    try {
      return profile == null ? null : Profile.parse(profile);
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input("--profile: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    SimulatorOptions opts = new SimulatorOptions(latency, jitter, capacity, 1, rateLimit, serverError, hang, 60_000,
        fenced, prose, truncated, malformed, invalid, seed, approximate ? Boolean.TRUE : null, false)
        .withProfile(profile())
        .withApiKeys(noAuth ? List.of() : apiKeys)
        .withModels(models);
    Simulator sim = Simulator.start(port, opts, null);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stop.countDown();
    }));
    System.out.println("synthkit simulator listening on " + sim.baseUrl() + " (OpenAI) and " + sim.rootUrl()
        + " (Anthropic). Replies are placeholder text. Ctrl-C to stop.");
    System.out.flush();
    stop.await();
    return 0;
  }
}
