package io.synthkit.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.llm.Adaptation;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code manifest.json}: what a run is, how it ended, and what it cost. Rewritten atomically while the run goes and
 * at its end; it never contains an API key (the config is redacted).
 *
 * @param name the run name
 * @param method the method
 * @param status how it ended
 * @param message why it stopped, for failed, interrupted or budget-exhausted runs
 * @param target the target record count
 * @param accepted records in {@code dataset.jsonl}
 * @param rejected lines in {@code rejected.jsonl}
 * @param simulated true when any role used the simulator: the data is placeholder text
 * @param usage calls, tokens and dollars, in total, per role and per stage
 * @param roles each role's model and whether it was simulated; with {@code base_urls}, its servers and their call
 *     counts
 * @param timings start, last update, wall time over all sessions
 * @param summary method-specific figures (per iteration, per hop, per stage)
 * @param config the effective config with secrets redacted
 * @param synthkitVersion the synthkit version that wrote it
 * @param notices how the config was completed (e.g. the simulator fallback)
 * @param adaptations what the gateway learned about the endpoints and applied to every call (parameter fixes,
 *     structured-output fallbacks, n top-ups), or {@code null} when nothing
 * @param batches every provider batch job this session submitted or adopted ({@code batch: true} roles), or
 *     {@code null} when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String name,
    String method,
    RunStatus status,
    @Nullable String message,
    int target,
    int accepted,
    int rejected,
    boolean simulated,
    UsageSection usage,
    Map<String, Map<String, Object>> roles,
    Timings timings,
    ObjectNode summary,
    ObjectNode config,
    @JsonProperty("synthkit_version") String synthkitVersion,
    @Nullable List<String> notices,
    @Nullable List<Adaptation> adaptations,
    @Nullable List<String> batches) {

  /**
   * Usage figures.
   *
   * @param total the whole run
   * @param byRole per model role
   * @param byStage per stage (generation, reflection, math_check, ...)
   */
  public record UsageSection(Usage total, @JsonProperty("by_role") Map<String, Usage> byRole,
      @JsonProperty("by_stage") Map<String, Usage> byStage) {}

  /**
   * Timings.
   *
   * @param startedAt when the first session started (ISO-8601)
   * @param updatedAt when this manifest was written (ISO-8601)
   * @param wallSeconds wall time summed over sessions
   * @param sessions how many times the run was started
   * @param steps wall seconds per method step name (e.g. {@code generating}, {@code evaluating}), summed over the
   *     step's rounds and the sessions, in the order the steps first ran; {@code null} in manifests written before
   *     synthkit timed steps
   * @param oneOff wall seconds of slow one-off work (e.g. {@code starting the Python sandbox}), which ran during
   *     the steps and is part of their time; {@code null} when there was none
   */
  public record Timings(@JsonProperty("started_at") String startedAt, @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("wall_seconds") double wallSeconds, int sessions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> steps,
      @JsonProperty("one_off") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> oneOff) {}

  /**
   * Reads a run's manifest.
   *
   * @param runDir the run directory
   * @return the manifest
   * @throws SynthkitException when there is none or it does not parse
   */
  public static Manifest read(Path runDir) {
    Path file = runDir.resolve(RunOutput.MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw SynthkitException.input(runDir + " is not a synthkit run directory (no manifest.json)");
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
