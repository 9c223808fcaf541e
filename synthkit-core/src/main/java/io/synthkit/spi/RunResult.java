package io.synthkit.spi;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;

/**
 * How a run ended, for the CLI and Java callers.
 *
 * @param status the final status
 * @param exitCode the CLI exit code: 0 done, 2 input, 3 endpoint, 4 budget, 5 incomplete, 1 internal,
 *     130 interrupted
 * @param runDir the run directory
 * @param accepted records in the dataset
 * @param rejected rejections logged
 * @param usage calls, tokens and dollars over the whole run
 * @param simulated true when the data is simulated placeholder text
 * @param message why it stopped (and, when incomplete, what to change), or {@code null} when it completed
 */
public record RunResult(RunStatus status, int exitCode, Path runDir, int accepted, int rejected, Usage usage,
    boolean simulated, @Nullable String message) {}
