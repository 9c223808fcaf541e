/**
 * JMH micro-benchmarks of hot paths (reply parsing, the ROUGE-L filter); run with {@code bin/bench jmh}.
 */
package io.synthkit.bench.jmh;
