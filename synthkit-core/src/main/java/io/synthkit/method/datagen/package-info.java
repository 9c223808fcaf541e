/**
 * DataGen (Huang et al.): few-shot and attribute-guided generation from a base dataset, with the paper's internal
 * evaluation and post-processing built from the reusable {@link io.synthkit.spi.QualityStage}s.
 */
@NullMarked
package io.synthkit.method.datagen;

import org.jspecify.annotations.NullMarked;
