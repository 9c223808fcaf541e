/**
 * Benchmarking models on generated datasets with an LLM judge (DataGen §3.7): {@link io.synthkit.evaluation.Benchmark}
 * is the Java API behind {@code synthkit benchmark}.
 */
package io.synthkit.evaluation;
