/**
 * How ReverseGen's proposer is updated between iterations: training files, the in-context, OpenAI fine-tuning and
 * command trainers, and the journal that keeps a resumed run from training twice. Internal.
 */
@NullMarked
package io.synthkit.method.reversegen.training;

import org.jspecify.annotations.NullMarked;
