/**
 * JSON helpers: the shared mappers, and extraction of a JSON value from a model reply wrapped in prose, fences or
 * cut off. Internal.
 */
@NullMarked
package io.synthkit.json;

import org.jspecify.annotations.NullMarked;
