/**
 * Sandboxed Python on GraalPy: {@link io.synthkit.sandbox.graalpy.GraalPySandbox} runs model-written snippets in worker
 * JVMs (or in process) with no file, network, process or host access, under a wall clock and caps on output and
 * memory. Registered as the {@code graalpy} {@link io.synthkit.spi.SandboxProvider}.
 */
@NullMarked
package io.synthkit.sandbox.graalpy;

import org.jspecify.annotations.NullMarked;
