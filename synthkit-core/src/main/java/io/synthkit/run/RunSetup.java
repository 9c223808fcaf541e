package io.synthkit.run;

import io.synthkit.sim.Responder;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.RunListener;
import org.jspecify.annotations.Nullable;

/**
 * How to run a config, beyond the config itself: what the facade decides for the engine.
 *
 * @param fresh start over (the old run directory is kept aside)
 * @param rebuildState set the state database aside and start a new one, keeping the run's files
 * @param listener hears notices and progress
 * @param components the embedder, retriever and sandbox the run hands out
 * @param screen the quality stages records pass before they are accepted
 * @param responder scripts the simulator for {@code provider: simulated} roles, or {@code null}
 * @param fanOut answers the model calls elsewhere (a cluster's executors), or {@code null}
 */
public record RunSetup(boolean fresh, boolean rebuildState, RunListener listener, Components components, RecordScreen screen,
    @Nullable Responder responder, @Nullable CallFanOut fanOut) {}
