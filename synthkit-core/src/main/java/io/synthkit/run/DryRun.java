package io.synthkit.run;

import io.synthkit.config.RunConfig;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.llm.Usage;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Estimates what a run will cost before it spends anything, by running the method against the simulator (no latency,
 * no faults) in a throw-away directory with every role's configured price. Prompt tokens are counted on the real
 * prompts the method builds; completion lengths are the simulator's, so treat completion figures as indicative.
 */
public final class DryRun {

  private DryRun() {}

  /**
   * The estimate.
   *
   * @param byRole usage per role, priced with the configured prices
   * @param total the sum
   * @param records records the simulated run produced
   * @param rejected items it rejected
   */
  public record Estimate(Map<String, Usage> byRole, Usage total, int records, int rejected) {}

  /**
   * Runs the estimate.
   *
   * @param method the method
   * @param config the config to estimate
   * @return the estimate
   */
  public static Estimate estimate(Method<?> method, RunConfig config) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("synthkit-dry-run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<String, ModelConfig> simulated = new LinkedHashMap<>();
      config.models().forEach((role, m) -> simulated.put(role, m.withEndpoint(ProviderKind.SIMULATED, null)
          .withSimulator(SimulatorOptions.DEFAULT)));
      RunConfig dry = config.withModels(simulated, tmp);
      RunResult r = Runner.start(method, dry, RunOptions.DEFAULT, false).await();
      Map<String, Usage> byRole = new LinkedHashMap<>(Manifest.read(r.runDir()).usage().byRole());
      return new Estimate(byRole, r.usage(), r.accepted(), r.rejected());
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
