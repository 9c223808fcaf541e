package io.synthkit.sandbox;

import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.SandboxProvider;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds {@link CodeSandbox} implementations on the classpath. */
public final class Sandboxes {

  private Sandboxes() {}

  /**
   * Creates the configured sandbox.
   *
   * @param config the {@code sandbox:} section
   * @return a ready sandbox; the caller closes it
   * @throws SynthkitException when the provider is not on the classpath
   */
  public static CodeSandbox create(SandboxConfig config) {
    String name = config.providerOrDefault();
    List<String> names = new ArrayList<>();
    for (SandboxProvider p : ServiceLoader.load(SandboxProvider.class)) {
      if (p.name().equals(name)) {
        return p.create();
      }
      names.add(p.name());
    }
    throw SynthkitException.input("sandbox provider '" + name + "' is not available"
        + (names.isEmpty() ? "" : " (available: " + String.join(", ", names) + ")")
        + ("graalpy".equals(name) ? "; add the synthkit-sandbox-graalpy module to the classpath (the CLI has it)" : ""));
  }
}
