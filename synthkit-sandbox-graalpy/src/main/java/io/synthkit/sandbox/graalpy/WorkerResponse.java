package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import org.jspecify.annotations.Nullable;

/**
 * A worker's message (see {@link WorkerProtocol}): the {@code READY} greeting a worker sends once its engine is warm,
 * {@code STARTED} when it begins a request (its fresh context is ready), or the outcome of that request.
 *
 * @param id the request's id (0 for {@code READY})
 * @param kind {@code READY}, {@code STARTED}, {@code OK}, or a {@link Kind} name
 * @param message the failure message, or {@code null}
 * @param stdout what the program printed
 * @param value the result variable's {@code str()}, or {@code null}
 */
record WorkerResponse(long id, String kind, @Nullable String message, String stdout, @Nullable String value) {
  static final String OK = "OK";
  static final String READY = "READY";
  static final String STARTED = "STARTED";

  static WorkerResponse ready() {
    return new WorkerResponse(0, READY, null, "", null);
  }

  static WorkerResponse started(long id) {
    return new WorkerResponse(id, STARTED, null, "", null);
  }

  static WorkerResponse of(long id, ExecutionResult result) {
    return switch (result) {
      case ExecutionResult.Ok ok -> new WorkerResponse(id, OK, null, ok.stdout(), ok.value());
      case Failed failed -> new WorkerResponse(id, failed.kind().name(), failed.message(), failed.stdout(), null);
    };
  }

  boolean isReady() {
    return READY.equals(kind);
  }

  boolean isStarted() {
    return STARTED.equals(kind);
  }

  ExecutionResult toResult() {
    // A failure always carries its message; the fallback only guards against a malformed frame.
    return OK.equals(kind) ? new ExecutionResult.Ok(stdout, value)
        : new Failed(Kind.valueOf(kind), message == null ? "the sandbox worker gave no reason" : message, stdout);
  }
}
