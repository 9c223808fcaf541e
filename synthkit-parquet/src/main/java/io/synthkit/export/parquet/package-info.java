/** Parquet export through DuckDB, registered as the core's {@code io.synthkit.export.TableWriter} for "parquet". */
package io.synthkit.export.parquet;
