/**
 * Data Advisor (Wang et al., EMNLP 2024): a running summary of the dataset, the weakness it shows against a guiding
 * principle, and generation steered to that gap. Internal; registered as method {@code data-advisor}.
 */
@NullMarked
package io.synthkit.method.advisor;

import org.jspecify.annotations.NullMarked;
