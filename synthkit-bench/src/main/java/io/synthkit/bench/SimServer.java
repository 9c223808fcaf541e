package io.synthkit.bench;

import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;

/**
 * Starts the simulator in its own JVM for benchmarks, so the client's CPU time can be measured apart from the
 * server's. The server reports approximate token counts so its own CPU use disturbs the client as little as
 * possible on a shared machine. Prints {@code READY <port>} and serves until killed. Arguments: latency-ms capacity.
 */
public final class SimServer {

  private SimServer() {}

  /**
   * Entry point.
   *
   * @param args latency in milliseconds, in-flight capacity
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws InterruptedException {
    int latency = Integer.parseInt(args[0]);
    int capacity = Integer.parseInt(args[1]);
    Simulator sim = Simulator.start(0, SimulatorOptions.DEFAULT.withLatencyAndCapacity(latency, capacity).withApproximateTokens().withoutCallLog(), null);
    System.out.println("READY " + sim.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
