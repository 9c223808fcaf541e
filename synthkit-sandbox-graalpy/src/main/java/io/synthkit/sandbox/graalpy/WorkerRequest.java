package io.synthkit.sandbox.graalpy;

import org.jspecify.annotations.Nullable;

/**
 * One snippet sent to a worker JVM (see {@link WorkerProtocol}).
 *
 * @param id matches the response to the request
 * @param code the Python source
 * @param resultVariable the global whose {@code str()} to return, or {@code null}
 * @param wallClockMillis the in-worker deadline
 * @param maxOutputBytes the output cap
 * @param maxMemoryBytes the memory cap the worker watches the program's heap against
 */
record WorkerRequest(long id, String code, @Nullable String resultVariable, long wallClockMillis, long maxOutputBytes,
    long maxMemoryBytes) {}
