/** Parquet export through DuckDB, registered as the core's {@code io.synthkit.spi.TableWriter} for "parquet". */
package io.synthkit.export.parquet;
