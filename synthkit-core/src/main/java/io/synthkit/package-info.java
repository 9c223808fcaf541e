/**
 * The synthkit facade: load or build a run ({@link io.synthkit.RunSpec}), run it, and read, evaluate, report and
 * export its records. This package, {@link io.synthkit.spi} and {@link io.synthkit.sim} are the published API.
 */
@NullMarked
package io.synthkit;

import org.jspecify.annotations.NullMarked;
