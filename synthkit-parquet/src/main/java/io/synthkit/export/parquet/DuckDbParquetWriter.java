package io.synthkit.export.parquet;

import io.synthkit.spi.TableWriter;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes Parquet with an in-memory DuckDB: {@code COPY (SELECT * FROM read_json(rows)) TO out (FORMAT parquet,
 * COMPRESSION zstd)}. DuckDB infers the columns from every row ({@code sample_size=-1}), so nested objects become
 * STRUCT columns and lists become LIST columns, as the Hugging Face datasets library reads them. Works offline.
 *
 * <p>Thread-safe: each call opens its own database.
 */
public final class DuckDbParquetWriter implements TableWriter {

  @Override
  public String format() {
    return "parquet";
  }

  @Override
  public void write(Path jsonl, Path out) {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("COPY (SELECT * FROM read_json(" + literal(jsonl) + ", format = 'newline_delimited',"
          + " sample_size = -1)) TO " + literal(out) + " (FORMAT parquet, COMPRESSION zstd)");
    } catch (SQLException e) {
      throw SynthkitException.input("cannot write Parquet " + out + ": " + e.getMessage(), e);
    }
  }

  /** A SQL string literal of a path; DuckDB's COPY takes no bind parameters for file names. */
  static String literal(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
