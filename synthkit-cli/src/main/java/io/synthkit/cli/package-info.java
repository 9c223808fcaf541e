/**
 * The {@code synthkit} command line: picocli commands that parse options, call the {@link io.synthkit.Synthkit}
 * facade and print. They use only the published API.
 */
@NullMarked
package io.synthkit.cli;

import org.jspecify.annotations.NullMarked;
