package io.synthkit.run;

import io.synthkit.config.RunConfig;
import io.synthkit.embed.Embedders;
import io.synthkit.retrieval.Retrievers;
import io.synthkit.sandbox.SandboxConfig;
import io.synthkit.sandbox.Sandboxes;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.SynthkitException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The heavy components a run hands to its method and quality stages: an embedder, a retriever and a sandbox for
 * model-written code. The run creates each on first use (a sandbox takes seconds to start and most runs need none of
 * them), adds its own caching, and closes it at the end; how each is made is decided here, by whoever builds the run.
 *
 * @param embedder makes the embedder
 * @param embedBatch texts per embedding batch
 * @param retriever opens the retriever over the run's retrieval cache
 * @param sandbox starts the sandbox
 * @param sandboxLimits per-program limits
 */
public record Components(Supplier<Embedder> embedder, int embedBatch, Function<RetrievalCache, Retriever> retriever,
    Supplier<CodeSandbox> sandbox, SandboxLimits sandboxLimits) {

  /**
   * The components a config names ({@code embeddings:}, {@code retrieval:}, {@code sandbox:}), found through their
   * providers.
   *
   * @param config the run config
   * @return the components, none created yet
   */
  public static Components fromConfig(RunConfig config) {
    SandboxConfig sandbox = config.bind("sandbox", SandboxConfig.class);
    return new Components(() -> Embedders.create(config.embeddings()), config.embeddings().batchSizeOrDefault(),
        cache -> {
          if (config.retrieval() == null) {
            throw SynthkitException.input(config.at("retrieval") + "is required here: e.g. retrieval:"
                + " {provider: lucene, index: my-index} (build one with `synthkit index CORPUS.jsonl --out my-index`)"
                + " or retrieval: {provider: wikipedia}");
          }
          return Retrievers.open(config.retrieval(), cache);
        },
        () -> Sandboxes.create(sandbox), sandbox.limits());
  }
}
