package io.synthkit.embed;

import io.synthkit.spi.Embedder;
import java.util.ArrayList;
import java.util.List;

/** An embedder that records every call it receives and passes it on, for tests of batching and caching. */
public final class CountingEmbedder implements Embedder {

  /** The texts of every call, in order. */
  public final List<List<String>> calls = new ArrayList<>();
  private final Embedder delegate;

  /**
   * Wraps an embedder.
   *
   * @param delegate the embedder that computes the vectors
   */
  public CountingEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  /** @return the number of texts in each call, in order */
  public List<Integer> callSizes() {
    return calls.stream().map(List::size).toList();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    calls.add(List.copyOf(texts));
    return delegate.embed(texts);
  }
}
