/**
 * synthkit's model simulator: an OpenAI- and Anthropic-compatible HTTP server with placeholder replies, fault
 * injection and scripted {@link io.synthkit.sim.Responder}s, for trying synthkit out and for tests. Its replies are
 * always marked simulated. Published.
 */
@NullMarked
package io.synthkit.sim;

import org.jspecify.annotations.NullMarked;
