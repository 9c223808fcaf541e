package io.synthkit.run;

import io.synthkit.config.RunConfig;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.Method;
import io.synthkit.json.Json;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.RunStorageException;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** Assembles and atomically writes {@code manifest.json} from the run's live state. Thread-safe. */
final class ManifestWriter {

  private final RunDirectory dir;
  private final RunConfig config;
  private final Method<?> method;
  private final DatasetSink sink;
  private final UsageMeter meter;
  private final Gateway gateway;
  private final Run ctx;
  private final String startedAt;
  private final double earlierWall;
  private final long startNanos;
  private final int sessions;
  private final BooleanSupplier simulated;
  private final StepClock clock;

  ManifestWriter(RunDirectory dir, RunConfig config, Method<?> method, DatasetSink sink, UsageMeter meter,
      Gateway gateway, Run ctx, String startedAt, double earlierWall, long startNanos, int sessions,
      BooleanSupplier simulated, StepClock clock) {
    this.dir = dir;
    this.config = config;
    this.method = method;
    this.sink = sink;
    this.meter = meter;
    this.gateway = gateway;
    this.ctx = ctx;
    this.startedAt = startedAt;
    this.earlierWall = earlierWall;
    this.startNanos = startNanos;
    this.sessions = sessions;
    this.simulated = simulated;
    this.clock = clock;
  }

  /**
   * Writes the manifest over the existing file instead of through a temporary one: when the disk is full, this can
   * still replace a {@code running} manifest (the new one is about as long). Best effort; failures are ignored.
   */
  synchronized void writeInPlace(RunStatus status, @Nullable String message) {
    try {
      dir.overwrite(RunOutput.MANIFEST, Json.pretty(manifest(status, message)) + "\n");
    } catch (RunStorageException stillFull) {
      // nothing more can be written; the message reaches the user through the result
    }
  }

  synchronized void write(RunStatus status, @Nullable String message) {
    dir.writeJson(RunOutput.MANIFEST, manifest(status, message));
  }

  /** Every batch id of the run: earlier sessions' (from the journal) and this one's. */
  private @Nullable List<String> batchIds() {
    List<String> ids = gateway.batchStats().snapshot().ids();
    return ids.isEmpty() ? null : ids;
  }

  private Manifest manifest(RunStatus status, @Nullable String message) {
    long now = System.nanoTime();
    double wall = earlierWall + (now - startNanos) / 1e9;
    Manifest m = new Manifest(config.name(), method.name(), status, message, config.target(), sink.accepted(),
        sink.rejected(), simulated.getAsBoolean(),
        new Manifest.UsageSection(meter.total(), meter.byRole(), meter.byStage()), gateway.describeRoles(),
        new Manifest.Timings(startedAt, Instant.now().toString(), Math.round(wall * 1000) / 1000.0, sessions,
            clock.steps(now), clock.oneOff()),
        ctx.summarySnapshot(), config.redacted(), Version.get(), config.notices().isEmpty() ? null : config.notices(),
        gateway.adaptations().isEmpty() ? null : gateway.adaptations(), batchIds());
    return m;
  }
}
