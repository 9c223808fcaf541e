package io.synthkit.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import java.time.Duration;

/**
 * The {@code sandbox:} section: which sandbox runs model-written code and its per-run limits.
 *
 * @param provider the sandbox implementation ({@code graalpy})
 * @param timeoutSeconds wall-clock limit per program
 * @param maxOutputKb most stdout+stderr per program, in KiB
 * @param maxMemoryMb most memory per program, in MiB
 */
public record SandboxConfig(
    @JsonPropertyDescription("sandbox implementation (graalpy)") String provider,
    @JsonProperty("timeout_seconds") @JsonPropertyDescription("wall-clock limit per program (default 5)")
        Double timeoutSeconds,
    @JsonProperty("max_output_kb") @JsonPropertyDescription("most output per program in KiB (default 64)")
        Integer maxOutputKb,
    @JsonProperty("max_memory_mb") @JsonPropertyDescription("most memory per program in MiB (default 256)")
        Integer maxMemoryMb) {

  /** Checks ranges. */
  public SandboxConfig {
    if (timeoutSeconds != null && !(timeoutSeconds > 0 && timeoutSeconds <= 600)) {
      throw new IllegalArgumentException("timeout_seconds must be in (0, 600]: " + timeoutSeconds);
    }
    if (maxOutputKb != null && maxOutputKb <= 0) {
      throw new IllegalArgumentException("max_output_kb must be positive: " + maxOutputKb);
    }
    if (maxMemoryMb != null && maxMemoryMb < 16) {
      throw new IllegalArgumentException("max_memory_mb must be at least 16: " + maxMemoryMb);
    }
  }

  /** @return the provider name, default {@code graalpy} */
  public String providerOrDefault() {
    return provider == null ? "graalpy" : provider;
  }

  /** @return the per-program limits */
  public SandboxLimits limits() {
    return new SandboxLimits(Duration.ofMillis((long) ((timeoutSeconds == null ? 5.0 : timeoutSeconds) * 1000)),
        (maxOutputKb == null ? 64L : maxOutputKb) * 1024, (maxMemoryMb == null ? 256L : maxMemoryMb) << 20);
  }
}
