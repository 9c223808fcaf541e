package io.synthkit.run;

import io.synthkit.spi.CodeSandbox;
import org.jspecify.annotations.Nullable;

/**
 * A sandbox that keeps "starting the Python sandbox" on the progress display from its creation until its first
 * program returns: GraalPy's workers start in the background and the first program waits for one, which takes tens of
 * seconds on a loaded machine and would otherwise look like a hang. (The time recorded includes that first program,
 * which its limits keep short.) Thread-safe.
 */
final class StartingSandbox implements CodeSandbox {

  private final CodeSandbox delegate;
  private final ProgressTicker.Activity starting;

  StartingSandbox(CodeSandbox delegate, ProgressTicker.Activity starting) {
    this.delegate = delegate;
    this.starting = starting;
  }

  @Override
  public ExecutionResult run(String code, SandboxLimits limits, @Nullable String resultVariable) {
    try {
      return delegate.run(code, limits, resultVariable);
    } finally {
      starting.close();
    }
  }

  @Override
  public void close() {
    starting.close();
    delegate.close();
  }
}
