/**
 * Benchmarking model roles on a generated dataset with an LLM judge (DataGen §3.7). Internal.
 */
@NullMarked
package io.synthkit.benchmark;

import org.jspecify.annotations.NullMarked;
