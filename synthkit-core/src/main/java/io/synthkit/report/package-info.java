/**
 * The run report: {@link io.synthkit.report.Reports} writes one self-contained {@code report.html} per run (inline
 * SVG charts drawn in Java, no script library, no network) and the {@code report.json} behind it; {@link
 * io.synthkit.report.RunReport} is the hook the runner calls when a run ends.
 */
@NullMarked
package io.synthkit.report;

import org.jspecify.annotations.NullMarked;
