package io.synthkit.spark;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * How one shard's run ended, sent back from its executor. Usage and records are read from the shard's directory, not
 * from here: the directory is the truth, also for an attempt whose answer never reached the driver.
 *
 * @param index the shard number
 * @param status the run status as written in its manifest ({@code completed}, {@code incomplete}, ...)
 * @param exitCode the CLI exit code the shard's run would have had
 * @param accepted records in the shard's dataset
 * @param message why it stopped short, or {@code null}
 */
record ShardOutcome(int index, String status, int exitCode, int accepted, @Nullable String message)
    implements Serializable {}
