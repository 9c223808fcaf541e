/**
 * Dense-vector utilities in plain Java: similarity and distance, exact top-k, seeded k-means, cache-friendly pair scans
 * and DataGen-style group checking. Vectors are {@code float[]}, as embedders return them; sums are taken in
 * {@code double} where a metric is reported.
 */
@NullMarked
package io.synthkit.vector;

import org.jspecify.annotations.NullMarked;
