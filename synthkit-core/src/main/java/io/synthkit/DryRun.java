package io.synthkit;

import io.synthkit.config.RunConfig;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.run.RunOutput;
import io.synthkit.run.RunSetup;
import io.synthkit.run.Runner;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Estimates what a run will cost before it spends anything, by running the method against the simulator (no latency,
 * no faults) in a throw-away directory with every role's configured price. Prompt tokens are counted on the real
 * prompts the method builds; completion lengths are the simulator's, so treat completion figures as indicative.
 */
final class DryRun {

  private DryRun() {}

  /**
   * Runs the estimate.
   *
   * @param method the method
   * @param config the config to estimate
   * @param setup makes the run's setup (quality screen, components) for the simulated config
   * @return the estimate
   */
  static RunSpec.Estimate estimate(Method<?> method, RunConfig config, Function<RunConfig, RunSetup> setup) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("synthkit-dry-run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<String, ModelConfig> simulated = new LinkedHashMap<>();
      config.models().forEach((role, m) -> simulated.put(role, m.withEndpoint(ProviderKind.SIMULATED, null)
          .withSimulator(null)));
      RunConfig dry = config.withModels(simulated, tmp);
      RunResult r = Runner.execute(method, dry, setup.apply(dry));
      Map<String, Usage> byRole = new LinkedHashMap<>(RunOutput.of(r.runDir()).manifest().usage().byRole());
      return new RunSpec.Estimate(byRole, r.usage(), r.accepted(), r.rejected());
    } finally {
      delete(tmp);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
