/** Throughput harnesses run with {@code bin/bench <Name>}; never part of the test suite. */
@NullMarked
package io.synthkit.bench;

import org.jspecify.annotations.NullMarked;
