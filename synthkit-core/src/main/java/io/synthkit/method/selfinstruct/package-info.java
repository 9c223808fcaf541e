/**
 * The Self-Instruct baseline (Wang et al. 2023) as the Data Advisor paper runs it. Internal; registered as method
 * {@code self-instruct}.
 */
@NullMarked
package io.synthkit.method.selfinstruct;

import org.jspecify.annotations.NullMarked;
