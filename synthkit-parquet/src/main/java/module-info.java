/** Parquet export ({@code synthkit export --format parquet}) through DuckDB. */
module io.synthkit.export.parquet {
  requires static org.jspecify;
  requires io.synthkit;
  requires java.sql;
  requires duckdb.jdbc;

  provides io.synthkit.spi.TableWriter with io.synthkit.export.parquet.DuckDbParquetWriter;
}
