/**
 * Dataset evaluation: {@code synthkit evaluate} and the numbers of the run report. {@link
 * io.synthkit.evaluation.Evaluation} measures a {@link io.synthkit.evaluation.Dataset} (a run directory or any JSONL)
 * with the formulas of {@code io.synthkit.metrics}: distinct-n, Self-BLEU, INGF, MinHash near-duplicates, lengths,
 * remote-clique, APS, novelty, relevance to seeds, category and label distributions, coverage per iteration,
 * judge-based rates and entity overlap. Expensive metrics run on seeded samples whose sizes the result records, and
 * the result states which embedder and which extractor produced its figures.
 *
 * <p>Benchmarking models on generated datasets with an LLM judge (DataGen §3.7):
 * {@link io.synthkit.benchmark.Benchmark} is the Java API behind {@code synthkit benchmark}.
 */
@NullMarked
package io.synthkit.evaluation;

import org.jspecify.annotations.NullMarked;
