/** The GraalPy sandbox for model-written Python, provider {@code graalpy}. */
module io.synthkit.sandbox.graalpy {
  requires static org.jspecify;
  requires io.synthkit;
  requires org.graalvm.polyglot;
  requires org.slf4j;

  exports io.synthkit.sandbox.graalpy to io.synthkit.bench;

  provides io.synthkit.spi.SandboxProvider with io.synthkit.sandbox.graalpy.GraalPySandboxProvider;
}
