package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.SandboxProvider;

/**
 * Registers the GraalPy sandbox under the name {@code graalpy} for {@link java.util.ServiceLoader}. It creates the
 * worker-backed sandbox with default settings ({@link GraalPySandbox#create()}). Stateless; thread-safe.
 */
public final class GraalPySandboxProvider implements SandboxProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public GraalPySandboxProvider() {}

  @Override
  public String name() {
    return "graalpy";
  }

  @Override
  public CodeSandbox create() {
    return GraalPySandbox.create();
  }
}
