/**
 * The registry of sandboxes for model-written code and the {@code sandbox:} config section. Internal.
 */
@NullMarked
package io.synthkit.sandbox;

import org.jspecify.annotations.NullMarked;
