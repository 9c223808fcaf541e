/**
 * The contracts synthkit's methods, quality stages and providers are written against, and the one exception
 * hierarchy under {@link io.synthkit.spi.SynthkitException}. Depends on nothing else in synthkit. Published.
 */
@NullMarked
package io.synthkit.spi;

import org.jspecify.annotations.NullMarked;
