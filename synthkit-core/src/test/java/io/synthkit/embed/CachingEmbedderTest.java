package io.synthkit.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.Embedder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {

  private final CountingEmbedder counting = new CountingEmbedder(new HashingEmbedder(32));
  private final InMemoryVectorStore store = new InMemoryVectorStore();
  private final CachingEmbedder cached = new CachingEmbedder(counting, store, 2);

  @Test
  void embed_returnsTheDelegatesVectorsInInputOrder() {
    List<String> texts = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    List<float[]> vectors = cached.embed(texts);

    assertThat(vectors).hasSize(5);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(vectors.get(i)).containsExactly(new HashingEmbedder(32).embed(texts.get(i)));
    }
  }

  @Test
  void embed_sendsOnlyMissesInBatchesOfTheConfiguredSize() {
    cached.embed(List.of("a", "b"));
    counting.calls.clear();

    cached.embed(List.of("a", "c", "b", "d", "e"));

    assertThat(counting.calls).containsExactly(List.of("c", "d"), List.of("e"));
  }

  @Test
  void embed_embedsRepeatedTextsOnceAndReturnsSeparateCopies() {
    List<float[]> vectors = cached.embed(List.of("same", "other", "same", "same"));

    assertThat(counting.calls).containsExactly(List.of("same", "other"));
    assertThat(vectors.get(2)).containsExactly(vectors.get(0)).isNotSameAs(vectors.get(0));
    vectors.get(0)[0] = 42f;
    assertThat(vectors.get(3)[0]).isNotEqualTo(42f);
  }

  @Test
  void embed_secondCallIsServedFromTheStore() {
    List<float[]> first = cached.embed(List.of("x", "y", "z"));
    counting.calls.clear();

    List<float[]> second = cached.embed(List.of("z", "x"));

    assertThat(counting.calls).isEmpty();
    assertThat(second.get(0)).containsExactly(first.get(2));
    assertThat(second.get(1)).containsExactly(first.get(0));
  }

  @Test
  void embed_looksUpAllKeysInOneStoreCall() {
    RecordingStore recording = new RecordingStore();
    CachingEmbedder embedder = new CachingEmbedder(counting, recording, 1);

    embedder.embed(List.of("p", "q", "p", "r"));

    assertThat(recording.lookups).hasSize(1);
    assertThat(recording.lookups.get(0)).hasSize(3);
    assertThat(recording.puts).isEqualTo(3);
  }

  @Test
  void embed_modifyingAReturnedVectorDoesNotCorruptTheCache() {
    float[] v = cached.embed("text");
    float original = v[0];
    v[0] = original + 1;

    assertThat(cached.embed("text")[0]).isEqualTo(original);
  }

  @Test
  void embed_emptyListEmbedsNothing() {
    assertThat(cached.embed(List.of())).isEmpty();
    assertThat(counting.calls).isEmpty();
  }

  @Test
  void embed_keepsModelsApartByEmbedderId() {
    cached.embed("shared");
    CachingEmbedder other = new CachingEmbedder(new HashingEmbedder(16), store, 8);

    assertThat(other.embed("shared")).hasSize(16);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void embed_rejectsADelegateThatReturnsTooFewVectors() {
    CachingEmbedder embedder = new CachingEmbedder(new ShortEmbedder(), store, 4);

    assertThatThrownBy(() -> embedder.embed(List.of("a", "b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("short returned 1 vectors for 2 texts");
  }

  @Test
  void key_isTheIdAndTheSha256OfTheUtf8Text() {
    assertThat(CachingEmbedder.key("m", "abc"))
        .isEqualTo("m#ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void constructor_rejectsNonPositiveBatchSize() {
    assertThatThrownBy(() -> new CachingEmbedder(counting, store, 0)).hasMessage("batchSize must be positive: 0");
  }

  @Test
  void idAndDimension_comeFromTheDelegate() {
    assertThat(cached.id()).isEqualTo("hashing:32");
    assertThat(cached.dimension()).isEqualTo(32);
  }

  /** Returns one vector whatever it is given. */
  static final class ShortEmbedder implements Embedder {
    @Override
    public String id() {
      return "short";
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return List.of(new float[8]);
    }
  }

  /** Counts bulk calls. */
  static final class RecordingStore implements VectorStore {
    final List<Collection<String>> lookups = new ArrayList<>();
    int puts;
    private final InMemoryVectorStore delegate = new InMemoryVectorStore();

    @Override
    public Map<String, float[]> getAll(Collection<String> keys) {
      lookups.add(List.copyOf(keys));
      return delegate.getAll(keys);
    }

    @Override
    public void putAll(Map<String, float[]> vectors) {
      puts += vectors.size();
      delegate.putAll(vectors);
    }
  }
}
