/**
 * AIDE, attribute-guided multi-hop data expansion ({@link io.synthkit.method.aide.Aide}): seeds grow into a tree along
 * knowledge triplets and retrieved personas, with self-reflection, annotation and a residual connection to the seed.
 * See docs/methods/aide.md.
 */
@NullMarked
package io.synthkit.method.aide;

import org.jspecify.annotations.NullMarked;
