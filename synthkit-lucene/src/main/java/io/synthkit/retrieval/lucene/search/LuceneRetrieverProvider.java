package io.synthkit.retrieval.lucene.search;

import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;

/**
 * Plugs {@link LuceneRetriever} into {@code io.synthkit.retrieval.Retrievers} as provider {@code lucene}; found with
 * {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class LuceneRetrieverProvider implements RetrieverProvider {

  /** The {@code retrieval.provider} value this provider answers to. */
  public static final String NAME = "lucene";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public LuceneRetrieverProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Opens the index named by {@code retrieval.index}.
   *
   * @param config the {@code retrieval:} section; {@code index} is required, {@code max_passage_chars} is honoured
   * @return the retriever
   * @throws SynthkitException (exit 2) when {@code index} is missing or holds no usable index
   */
  @Override
  public Retriever open(RetrievalConfig config) {
    if (config.index() == null || config.index().isBlank()) {
      throw SynthkitException.input("retrieval.index is required for provider lucene: the directory of an index "
          + "built with `synthkit index CORPUS.jsonl --out DIR`");
    }
    return LuceneRetriever.open(Path.of(config.index()), config.maxPassageCharsOrDefault());
  }
}
