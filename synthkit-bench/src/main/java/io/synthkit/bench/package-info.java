/** Throughput harnesses run with {@code bin/bench <Name>}; never part of the test suite. */
package io.synthkit.bench;
