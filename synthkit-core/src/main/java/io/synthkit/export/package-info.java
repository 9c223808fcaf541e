/**
 * Exports: {@link io.synthkit.export.Exports} writes a run as plain JSONL, OpenAI chat, Alpaca, ShareGPT, TRL DPO,
 * OpenAI DPO or (through the {@code synthkit-parquet} module's {@link io.synthkit.spi.TableWriter}) Parquet, with
 * configurable field mapping, optional mixing of another dataset, and a dataset card beside the file.
 */
@NullMarked
package io.synthkit.export;

import org.jspecify.annotations.NullMarked;
