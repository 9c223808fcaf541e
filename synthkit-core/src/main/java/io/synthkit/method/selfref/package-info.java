/**
 * Self-reference data creation (Lee et al., EMNLP 2023): one formatting example, then rounds that reuse generated
 * examples (random, contrastive, similar, tree). Internal; registered as method {@code self-reference}.
 */
@NullMarked
package io.synthkit.method.selfref;

import org.jspecify.annotations.NullMarked;
