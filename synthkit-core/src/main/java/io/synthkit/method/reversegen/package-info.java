/**
 * ReverseGen (Li et al. 2024): a proposer learns from a target model's failures to write instructions that make it
 * fail; the failures with correct responses become training data. Internal; registered as method {@code reversegen}.
 */
@NullMarked
package io.synthkit.method.reversegen;

import org.jspecify.annotations.NullMarked;
