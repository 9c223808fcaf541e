/** Benchmarks (JMH and whole-program): not part of the published API. */
open module io.synthkit.bench {
  requires static org.jspecify;
  requires io.synthkit;
  requires io.synthkit.lucene;
  requires io.synthkit.embed.onnx;
  requires io.synthkit.sandbox.graalpy;
  requires jmh.core;
  requires java.management;
  requires jdk.management;

  provides io.synthkit.spi.Method with io.synthkit.bench.StreamBench.Streaming;
}
