package io.synthkit.export;

import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.TableWriter;
import java.util.ServiceLoader;

/** Finds {@link TableWriter} providers with {@link ServiceLoader}. Stateless and thread-safe. */
public final class TableWriters {

  /** The module that provides {@code parquet}; named in the error when it is missing. */
  static final String PARQUET_MODULE = "synthkit-parquet";

  private TableWriters() {}

  /**
   * Finds the writer of a format.
   *
   * @param format e.g. {@code parquet}
   * @return the writer
   * @throws SynthkitException (exit 2) naming the module to add when none is on the classpath
   */
  public static TableWriter find(String format) {
    return find(format, ServiceLoader.load(TableWriter.class));
  }

  static TableWriter find(String format, Iterable<TableWriter> providers) {
    for (TableWriter w : providers) {
      if (w.format().equals(format)) {
        return w;
      }
    }
    throw SynthkitException.input("--format " + format + " needs the " + PARQUET_MODULE + " module on the classpath"
        + " (Maven: io.synthkit:" + PARQUET_MODULE + "; the synthkit CLI bundles it), or export jsonl and convert it");
  }
}
