package io.synthkit.spark;

import io.synthkit.embed.Embedders;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbeddingsConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * The run's embedder on the executors: the driver ships only the {@code embeddings:} section ({@link Spec}), and each
 * executor JVM creates one embedder per section on first use and keeps it for the JVM's life, so a model is loaded
 * once per executor, never per task, and never serialized. Embedders are thread-safe, so concurrent tasks share it.
 */
final class ExecutorEmbedder {

  private static final Map<Spec, Embedder> BY_SPEC = new ConcurrentHashMap<>();

  /**
   * The {@code embeddings:} section in a form Spark can ship to the executors ({@link EmbeddingsConfig} is not
   * serializable). It carries the API key of a remote provider, as the shard tasks' configs do.
   *
   * @param provider see {@link EmbeddingsConfig}
   * @param model see {@link EmbeddingsConfig}
   * @param baseUrl see {@link EmbeddingsConfig}
   * @param apiKey see {@link EmbeddingsConfig}
   * @param batchSize see {@link EmbeddingsConfig}
   * @param pricePerMtok see {@link EmbeddingsConfig}
   */
  record Spec(String provider, @Nullable String model, @Nullable String baseUrl, @Nullable String apiKey,
      @Nullable Integer batchSize, @Nullable Double pricePerMtok) implements Serializable {

    static Spec of(EmbeddingsConfig c) {
      return new Spec(c.provider(), c.model(), c.baseUrl(), c.apiKey(), c.batchSize(), c.pricePerMtok());
    }

    EmbeddingsConfig config() {
      return new EmbeddingsConfig(provider, model, baseUrl, apiKey, batchSize, pricePerMtok);
    }

    /** Never prints the key (records print every component). */
    @Override
    public String toString() {
      return provider + (model == null ? "" : ":" + model);
    }
  }

  private ExecutorEmbedder() {}

  /** This JVM's embedder for the section, created on first use. */
  static Embedder get(Spec spec) {
    return BY_SPEC.computeIfAbsent(spec, s -> Embedders.create(s.config()));
  }

  /**
   * The texts' vectors, computed by the executors in batches of the section's size; collect keeps the order.
   *
   * @param jsc the context
   * @param texts the texts
   * @param spec the embeddings section
   * @return one vector per text, in order
   */
  static List<float[]> embed(JavaSparkContext jsc, List<String> texts, Spec spec) {
    if (texts.isEmpty()) {
      return List.of();
    }
    int slices = Math.max(1, Math.min(jsc.defaultParallelism() * 4, texts.size() / 500 + 1));
    int batch = spec.config().batchSizeOrDefault();
    return jsc.parallelize(texts, slices).mapPartitions((Iterator<String> it) -> {
      Embedder embedder = get(spec);
      List<float[]> out = new ArrayList<>();
      List<String> pending = new ArrayList<>();
      while (it.hasNext()) {
        pending.add(it.next());
        if (pending.size() == batch || !it.hasNext()) {
          out.addAll(embedder.embed(pending));
          pending.clear();
        }
      }
      return out.iterator();
    }).collect();
  }
}
