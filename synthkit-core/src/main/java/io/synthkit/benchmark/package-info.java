/**
 * Benchmarking model roles on a generated dataset with an LLM judge (DataGen §3.7). Internal.
 */
package io.synthkit.benchmark;
