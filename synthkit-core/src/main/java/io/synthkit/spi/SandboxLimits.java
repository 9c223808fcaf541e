package io.synthkit.spi;

import java.time.Duration;

/**
 * Caps for one sandboxed execution.
 *
 * @param wallClock the longest the program may run; it is stopped, not abandoned, when the time is up
 * @param maxOutputBytes the most stdout plus stderr the program may write
 * @param maxMemoryBytes the most memory the program may allocate (enforced as well as the runtime allows; see the
 *     implementation's documentation)
 */
public record SandboxLimits(Duration wallClock, long maxOutputBytes, long maxMemoryBytes) {

  /** Two seconds, 64 KiB of output, 256 MiB of memory. */
  public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(2), 64 * 1024, 256L << 20);

  /** Validates the caps. */
  public SandboxLimits {
    if (wallClock.isNegative() || wallClock.isZero()) {
      throw new IllegalArgumentException("wallClock must be positive: " + wallClock);
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }
    if (maxMemoryBytes <= 0) {
      throw new IllegalArgumentException("maxMemoryBytes must be positive: " + maxMemoryBytes);
    }
  }
}
