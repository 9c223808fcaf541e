/**
 * The registry of sandboxes for model-written code and the {@code sandbox:} config section. Internal.
 */
package io.synthkit.sandbox;
