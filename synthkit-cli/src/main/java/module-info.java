/** The {@code synthkit} command line: a thin picocli layer over the facade, with every optional module. */
module io.synthkit.cli {
  requires static org.jspecify;
  requires io.synthkit;
  requires io.synthkit.lucene;
  requires info.picocli;
  requires java.logging;

  opens io.synthkit.cli to info.picocli;

  // generate --spark: the engine comes from synthkit-spark's jars when bin/synthkit puts them on the class path
  uses io.synthkit.spi.ScaleOut;
}
