/** Parquet export through DuckDB, registered as the core's {@code io.synthkit.spi.TableWriter} for "parquet". */
@NullMarked
package io.synthkit.export.parquet;

import org.jspecify.annotations.NullMarked;
