/**
 * Personas for persona-conditioned generation: loading a user's Persona Hub style pool and retrieving the personas
 * closest to a topic by embedding similarity ({@link io.synthkit.persona.PersonaPool}).
 */
@NullMarked
package io.synthkit.persona;

import org.jspecify.annotations.NullMarked;
