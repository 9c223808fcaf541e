package io.synthkit.spi;

import java.nio.file.Path;

/**
 * Service-provider interface through which optional modules write columnar exports. The core writes the rows as JSON
 * Lines to a temporary file and hands it over; the {@code synthkit-parquet} module registers a DuckDB-based writer for
 * {@code parquet} in {@code META-INF/services/io.synthkit.spi.TableWriter}, keeping DuckDB (80 MB) out of the core.
 */
public interface TableWriter {

  /**
   * Returns the format this writer produces.
   *
   * @return for example {@code parquet}
   */
  String format();

  /**
   * Converts rows to the format.
   *
   * @param jsonl the rows, one JSON object per line, all of one shape
   * @param out the file to write (replaced if it exists)
   */
  void write(Path jsonl, Path out);
}
