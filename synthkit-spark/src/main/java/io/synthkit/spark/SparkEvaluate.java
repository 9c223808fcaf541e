package io.synthkit.spark;

import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import io.synthkit.config.ConfigLoader;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.evaluation.EmbedderChoice;
import io.synthkit.evaluation.EvaluationEngine;
import io.synthkit.method.Methods;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.SynthkitException;
import io.synthkit.text.Tokenizer;
import io.synthkit.text.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates runs (typically one merged by {@link SparkRun}) with the per-record work on the cluster, giving the
 * figures {@code synthkit evaluate} gives on one machine:
 *
 * <ul>
 *   <li>on the executors: tokenizing every text (the dataset's, the seeds', the reference's), and embedding the
 *       sampled texts with the run's embedder, one instance per executor JVM ({@link ExecutorEmbedder});
 *   <li>on the driver, from the collected tokens and vectors, with core's code: every formula. Distinct-n, lengths
 *       and INGF are sums over the records; Self-BLEU (a seeded sample scored against itself), the near-duplicate
 *       scan, remote-clique and APS (all pairs of the embedded sample) need all items at once, so they stay global.
 * </ul>
 *
 * <pre>{@code
 * Evaluation.Result r = SparkEvaluate.evaluate(spark, Evaluation.of(Path.of("runs/big")));
 * }</pre>
 *
 * <p>Embedding on the executors gives the driver's vectors for embedders that do not depend on batch companions (the
 * in-process model's default exact mode, {@code hashing}, a remote endpoint). Judge calls ({@code --categorize},
 * entity overlap) are made by the driver, as on one machine. The datasets must be on storage the driver reads.
 */
public final class SparkEvaluate {

  private SparkEvaluate() {}

  /**
   * Evaluates as {@link Synthkit#evaluate(Evaluation)} does, on Spark.
   *
   * @param spark the session
   * @param request the datasets and how to measure them
   * @return the table, the JSON and each dataset's metrics
   * @throws SynthkitException (exit 2) as {@code synthkit evaluate} would
   */
  public static Evaluation.Result evaluate(SparkSession spark, Evaluation request) {
    for (Path d : request.datasets()) {
      if (!Files.exists(d)) {
        throw SynthkitException.input("no such run directory or file: " + d);
      }
    }
    @Nullable EmbeddingsConfig configured = request.config() == null ? null
        : ConfigLoader.load(request.config(), List.of(), System.getenv(), Methods.names()).embeddings();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      return Synthkit.evaluate(request, new Engine(jsc, name(request), request.embedder(), configured));
    } catch (SynthkitException e) {
      throw e;
    } catch (Exception e) { // Spark's SparkException is checked but undeclared (Scala)
      throw ExportWriters.unwrap(e);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static String name(Evaluation request) {
    Path first = request.datasets().get(0).getFileName();
    return first == null ? "evaluate" : first.toString();
  }

  /** Tokenizes and embeds on the executors. */
  static final class Engine implements EvaluationEngine {
    private final JavaSparkContext jsc;
    private final String name;
    private final @Nullable String provider;
    private final @Nullable EmbeddingsConfig configured;

    Engine(JavaSparkContext jsc, String name, @Nullable String provider, @Nullable EmbeddingsConfig configured) {
      this.jsc = jsc;
      this.name = name;
      this.provider = provider;
      this.configured = configured;
    }

    @Override
    public List<List<String>> tokenize(List<String> texts, String tokenizer) {
      if (texts.isEmpty()) {
        return List.of();
      }
      jsc.setJobDescription("synthkit " + name + ": evaluate, " + tokenizer + " tokens (" + texts.size()
          + " texts)");
      int slices = Math.max(1, Math.min(jsc.defaultParallelism() * 4, texts.size() / 1000 + 1));
      return jsc.parallelize(texts, slices).mapPartitions((Iterator<String> it) -> {
        Tokenizer t = Tokenizers.named(tokenizer);
        List<List<String>> out = new ArrayList<>();
        it.forEachRemaining(text -> out.add(new ArrayList<>(t.tokenize(text))));
        return out.iterator();
      }).collect();
    }

    @Override
    public EmbedderChoice embedder(EmbedderChoice chosen) {
      ExecutorEmbedder.Spec spec = ExecutorEmbedder.Spec.of(spec(chosen));
      return new EmbedderChoice(new ClusterEmbedder(jsc, name, spec, chosen.embedder()), chosen.source());
    }

    /**
     * The section the chosen embedder was made from, following {@link EmbedderChoice#choose}: hashing when it chose
     * (or fell back to) hashing, else the named provider, else the config's section, else the local model.
     */
    private EmbeddingsConfig spec(EmbedderChoice chosen) {
      if (chosen.embedder() instanceof HashingEmbedder) {
        return new EmbeddingsConfig("hashing", null, null, null, null);
      }
      if (provider != null) {
        return configured != null && provider.equals(configured.provider()) ? configured
            : new EmbeddingsConfig(provider, provider.equals("local") ? EmbeddingsConfig.DEFAULT.model() : null,
                null, null, null);
      }
      return configured != null ? configured : EmbeddingsConfig.DEFAULT;
    }
  }

  /**
   * An embedder whose {@link #embed(List)} runs on the executors; its id and dimension are the driver's embedder's,
   * which is closed with it.
   */
  static final class ClusterEmbedder implements Embedder {
    private final JavaSparkContext jsc;
    private final String name;
    private final ExecutorEmbedder.Spec spec;
    private final Embedder driver;

    ClusterEmbedder(JavaSparkContext jsc, String name, ExecutorEmbedder.Spec spec, Embedder driver) {
      this.jsc = jsc;
      this.name = name;
      this.spec = spec;
      this.driver = driver;
    }

    @Override
    public String id() {
      return driver.id();
    }

    @Override
    public int dimension() {
      return driver.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      jsc.setJobDescription("synthkit " + name + ": evaluate, embeddings with " + spec + " (" + texts.size()
          + " texts)");
      return ExecutorEmbedder.embed(jsc, texts, spec);
    }

    @Override
    public void close() {
      driver.close();
    }
  }
}
