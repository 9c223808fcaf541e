package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.SynthkitException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeddings from any OpenAI-compatible {@code /v1/embeddings} endpoint (OpenAI, vLLM, Ollama, llama.cpp, LM Studio,
 * the simulator), with the gateway's retries and limits. Vectors are L2-normalised here, since not every server
 * normalises. Thread-safe.
 */
public final class OpenAiEmbedder implements Embedder {

  /** Used when the config names no model. */
  public static final String DEFAULT_MODEL = "text-embedding-3-small";

  private final String model;
  private final int batchSize;
  private final URI uri;
  private final HttpTransport http = new HttpTransport();
  private final Endpoint endpoint;
  private final Price price;
  private volatile int dimension = -1;
  private volatile @org.jspecify.annotations.Nullable Gateway metering;

  /**
   * Creates an embedder.
   *
   * @param config the {@code embeddings:} section; base URL and key fall back to OPENAI_BASE_URL / OPENAI_API_KEY
   * @param env the environment
   */
  public OpenAiEmbedder(EmbeddingsConfig config, Map<String, String> env) {
    this.model = config.model() == null || config.model().equals(EmbeddingsConfig.DEFAULT.model())
        ? DEFAULT_MODEL : config.model();
    this.batchSize = config.batchSizeOrDefault();
    this.price = config.pricePerMtok() == null ? Price.FREE : new Price(config.pricePerMtok(), 0);
    String base = config.baseUrl() != null ? config.baseUrl()
        : env.getOrDefault("OPENAI_BASE_URL", OpenAiAdapter.DEFAULT_BASE);
    String key = config.apiKey() != null ? config.apiKey() : env.get("OPENAI_API_KEY");
    this.uri = URI.create(OpenAiAdapter.stripSlash(Objects.requireNonNull(Secrets.withoutUserInfo(base), base))
        + "/embeddings");
    ModelConfig endpointConfig = new ModelConfig(ProviderKind.OPENAI, base, key, model, null, null, null, null, null,
        4, null, null, 60, 6, null, null, true, null, null, null, null, null, null, null, null);
    this.endpoint = new Endpoint(endpointConfig, new OpenAiAdapter(), http, false, a -> { });
  }

  @Override
  public String id() {
    return "openai:" + model;
  }

  @Override
  public int dimension() {
    if (dimension < 0) {
      embed(List.of("dimension probe"));
    }
    return dimension;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      out.addAll(batch(texts.subList(from, Math.min(texts.size(), from + batchSize))));
    }
    return out;
  }

  private List<float[]> batch(List<String> texts) {
    ObjectNode body = Json.object().put("model", model);
    ArrayNode input = body.putArray("input");
    // OpenAI rejects empty strings; a single space embeds as "nothing" on every server tried.
    texts.forEach(t -> input.add(t.isEmpty() ? " " : t));
    JsonNode r = metered(texts, () -> endpoint.post(uri, body, json -> Endpoint.Decoded.ok(json, usage(json))));
    float[][] vectors = new float[texts.size()][];
    for (JsonNode row : r.path("data")) {
      int i = row.path("index").asInt(-1);
      if (i < 0 || i >= vectors.length) {
        throw new EndpointException("the embeddings response from " + uri + " has a bad index " + i, 200);
      }
      vectors[i] = normalised(row.path("embedding"));
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null) {
        throw new EndpointException("the embeddings response from " + uri + " misses input " + i, 200);
      }
    }
    dimension = vectors.length > 0 ? vectors[0].length : dimension;
    return List.of(vectors);
  }

  /**
   * Counts this embedder's calls in a gateway's usage, cost and budget, under the role and stage {@code embeddings}
   * (a paid provider's tokens are part of what a run costs).
   *
   * @param gateway the run's gateway
   */
  void meterInto(Gateway gateway) {
    this.metering = gateway;
  }

  private static TokenUsage usage(JsonNode json) {
    return new TokenUsage(json.path("usage").path("prompt_tokens").asLong(), 0, false);
  }

  /** Holds the batch's worst case in the budget before it goes out, and meters what the server reports. */
  private JsonNode metered(List<String> texts, java.util.function.Supplier<JsonNode> call) {
    Gateway g = metering;
    if (g == null) {
      return call.get();
    }
    BudgetLedger ledger = g.ledger();
    BudgetLedger.Hold hold = null;
    if (ledger.limited()) {
      // Every text at most once through the tokenizer, plus a fifth for tokenizers that count more than o200k.
      long tokens = (long) Math.ceil(texts.stream().mapToLong(t -> Tokens.count(t) + 1).sum() * 1.2);
      hold = ledger.reserve(new BudgetLedger.Worst(price.worstCost(tokens, 0), tokens));
    }
    JsonNode r;
    try {
      r = call.get();
    } catch (RuntimeException | Error e) {
      if (hold != null) {
        hold.settle(null);
      }
      throw e;
    }
    TokenUsage used = usage(r);
    Runnable record = () -> g.meter().success(ROLE, ROLE, used, price.charge(used, ProviderKind.OPENAI));
    if (hold != null) {
      hold.settle(record);
    } else {
      record.run();
    }
    return r;
  }

  /** The role and stage an embedder's usage is counted under. */
  static final String ROLE = "embeddings";

  private static float[] normalised(JsonNode values) {
    float[] v = new float[values.size()];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) values.get(i).asDouble();
      norm += v[i] * (double) v[i];
    }
    if (norm == 0) {
      throw new SynthkitException("the embeddings endpoint returned a zero vector", SynthkitException.EXIT_ENDPOINT);
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  @Override
  public void close() {
    http.close();
  }
}
