/**
 * JMH micro-benchmarks of hot paths (reply parsing, the ROUGE-L filter); run with {@code bin/bench jmh}.
 */
@NullMarked
package io.synthkit.bench.jmh;

import org.jspecify.annotations.NullMarked;
