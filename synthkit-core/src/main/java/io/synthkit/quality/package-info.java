/**
 * Quality stages any method can run on its records (length, dedup, reflection, math check, fact check, difficulty,
 * group check, constraint check) and the pipeline that applies them. Internal; stages implement
 * {@link io.synthkit.spi.QualityStage}.
 */
@NullMarked
package io.synthkit.quality;

import org.jspecify.annotations.NullMarked;
