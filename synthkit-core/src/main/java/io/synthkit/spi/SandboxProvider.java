package io.synthkit.spi;


/**
 * Service-provider interface for {@link CodeSandbox} implementations, found with {@link java.util.ServiceLoader}.
 */
public interface SandboxProvider {

  /**
   * Returns the name the config uses for this sandbox.
   *
   * @return for example {@code graalpy}
   */
  String name();

  /**
   * Creates a sandbox. Creating one may be slow (seconds); callers keep it for the whole run.
   *
   * @return a ready sandbox
   */
  CodeSandbox create();
}
