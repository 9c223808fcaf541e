package io.synthkit;

import io.synthkit.spi.Usage;
import java.util.Map;

/**
 * What a run is expected to cost, from {@link Synthkit#estimate(RunSpec)}: the method run against the simulator with
 * every role's configured price. Prompt tokens are counted on the real prompts; completion lengths are the
 * simulator's, so treat completion figures as indicative.
 *
 * @param byRole usage per role
 * @param total the sum
 * @param records records the simulated run produced
 * @param rejected items it rejected
 */
public record Estimate(Map<String, Usage> byRole, Usage total, int records, int rejected) {

  /** Copies the map. */
  public Estimate {
    byRole = Map.copyOf(byRole);
  }
}
