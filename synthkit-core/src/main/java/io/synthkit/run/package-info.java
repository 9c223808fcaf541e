/**
 * The run engine: {@link io.synthkit.run.Runner} runs a method in its run directory (locking, fingerprint, state
 * store, manifest, resume), the {@link io.synthkit.spi.RunContext} it hands the method, and the run-directory format
 * ({@link io.synthkit.run.RunOutput}). Internal.
 */
@NullMarked
package io.synthkit.run;

import org.jspecify.annotations.NullMarked;
