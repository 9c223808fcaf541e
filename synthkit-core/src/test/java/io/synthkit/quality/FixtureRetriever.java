package io.synthkit.quality;

import io.synthkit.spi.Passage;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A retriever over a fixed map of query to passages, recording every query; for fact-check unit tests. */
final class FixtureRetriever implements Retriever {

  static final Map<String, List<Passage>> PASSAGES = new ConcurrentHashMap<>();
  static final List<String> QUERIES = new CopyOnWriteArrayList<>();

  static void reset() {
    PASSAGES.clear();
    QUERIES.clear();
  }

  static Passage passage(String title, String text) {
    return new Passage(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, text, "fixture", 1.0);
  }

  @Override
  public List<Passage> search(String query, int k) {
    QUERIES.add(query);
    List<Passage> all = PASSAGES.getOrDefault(query, List.of());
    return all.subList(0, Math.min(k, all.size()));
  }

  /** Registered only inside {@link StageRuns}' class loader, so other modules' tests never see it. */
  public static final class Provider implements RetrieverProvider {
    @Override
    public String name() {
      return "fixture";
    }

    @Override
    public Retriever open(RetrievalConfig config) {
      return new FixtureRetriever();
    }
  }
}
