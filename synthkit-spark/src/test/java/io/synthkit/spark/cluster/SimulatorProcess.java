package io.synthkit.spark.cluster;

import com.sun.net.httpserver.HttpServer;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model server in its own JVM, as a vLLM replica is its own process: synthkit's simulator with a fixed latency and
 * capacity, plus a small status page that tells the test what the server was asked. {@code GET /calls} answers
 * {@code {"requests": N, "keys": {sample key: times asked}}}, the simulator's own counters.
 *
 * <p>Arguments: {@code latency-ms capacity ready-file}. Once both servers listen, it writes
 * {@code <simulator port> <status port>} to the ready file (written aside and moved, so a reader never sees half) and
 * serves until killed; started through {@link DieWithParent}, it also ends with the test JVM.
 */
public final class SimulatorProcess {

  /** The simulator's content seed; both processes share it, so a call gets the same answer from either. */
  static final long SEED = 11L;

  private SimulatorProcess() {}

  /**
   * Entry point.
   *
   * @param args latency in milliseconds, in-flight capacity (0 = unlimited), the ready file
   * @throws IOException when the status page or the ready file cannot be set up
   */
  public static void main(String[] args) throws IOException {
    int latency = Integer.parseInt(args[0]);
    int capacity = Integer.parseInt(args[1]);
    Path ready = Path.of(args[2]);
    Simulator sim = Simulator.start(0, new SimulatorOptions(latency, null, capacity, null, null, null, null, null, null,
        null, null, null, null, SEED, true, true), null);
    HttpServer status = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    status.createContext("/calls", exchange -> {
      Map<String, Integer> keys = new TreeMap<>(sim.callKeyCounts());
      byte[] body = Json.write(Map.of("requests", sim.requests(), "keys", keys)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    status.start();
    Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
    Files.writeString(tmp, sim.port() + " " + status.getAddress().getPort() + "\n");
    Files.move(tmp, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
