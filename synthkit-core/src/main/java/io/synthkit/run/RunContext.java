package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.Llm;
import io.synthkit.embed.CachingEmbedder;
import io.synthkit.embed.Embedder;
import io.synthkit.embed.Embedders;
import io.synthkit.prompt.PromptLibrary;
import io.synthkit.sandbox.CodeSandbox;
import io.synthkit.sandbox.SandboxConfig;
import io.synthkit.sandbox.SandboxLimits;
import io.synthkit.sandbox.Sandboxes;
import io.synthkit.quality.QualityPipeline;
import io.synthkit.retrieval.Retriever;
import io.synthkit.retrieval.Retrievers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Everything a method needs from the run, and nothing of how it is done: model roles, prompts, seeded randomness, and
 * where results go. Thread-safe; methods may call it from several virtual threads.
 */
public final class RunContext implements AutoCloseable {

  private final RunConfig config;
  private final Gateway gateway;
  private final DatasetSink sink;
  private final PromptLibrary prompts;
  private final Progress progress;
  private final ObjectNode summary = Json.object();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final StateStore state;
  private final QualityPipeline quality;
  private volatile String textField = "text";
  private Retriever retriever;
  private Embedder embedder;
  private CodeSandbox sandbox;
  private SandboxConfig sandboxConfig;

  RunContext(RunConfig config, Gateway gateway, DatasetSink sink, PromptLibrary prompts, Progress progress,
      StateStore state, QualityPipeline quality) {
    this.config = config;
    this.gateway = gateway;
    this.sink = sink;
    this.prompts = prompts;
    this.progress = progress;
    this.state = state;
    this.quality = quality;
  }

  /**
   * Declares which field of this method's items holds the main text (quality stages look at it unless told
   * otherwise).
   *
   * @param field e.g. {@code instruction}, {@code question}, {@code prompt}
   */
  public void declareTextField(String field) {
    this.textField = field;
  }

  /** @return the method's main text field */
  public String textField() {
    return textField;
  }

  /**
   * Returns the embedder configured in {@code embeddings:} (the in-process MiniLM model by default), created on first
   * use, with vectors cached in the run state by text hash.
   *
   * @return the embedder
   */
  public synchronized Embedder embedder() {
    if (embedder == null) {
      Embedder base = closeAtEnd(Embedders.create(config.embeddings()));
      embedder = new CachingEmbedder(base, state.vectorStore(), config.embeddings().batchSizeOrDefault());
    }
    return embedder;
  }

  /**
   * Returns the sandbox for model-written code ({@code sandbox:} section; GraalPy by default), started on first use.
   *
   * @return the sandbox
   */
  public synchronized CodeSandbox sandbox() {
    if (sandbox == null) {
      sandbox = closeAtEnd(Sandboxes.create(sandboxConfig()));
    }
    return sandbox;
  }

  /** @return the per-program limits from the {@code sandbox:} section */
  public synchronized SandboxLimits sandboxLimits() {
    return sandboxConfig().limits();
  }

  private SandboxConfig sandboxConfig() {
    if (sandboxConfig == null) {
      sandboxConfig = config.bind("sandbox", SandboxConfig.class);
    }
    return sandboxConfig;
  }

  /**
   * Returns the retriever configured in {@code retrieval:} (Lucene or Wikipedia), opened on first use, with its
   * results cached in the run state.
   *
   * @return the retriever
   * @throws io.synthkit.SynthkitException when no retrieval section is configured
   */
  public synchronized Retriever retriever() {
    if (retriever == null) {
      if (config.retrieval() == null) {
        throw io.synthkit.SynthkitException.input(config.at("retrieval") + "is required here: e.g. retrieval:"
            + " {provider: lucene, index: my-index} (build one with `synthkit index CORPUS.jsonl --out my-index`) or"
            + " retrieval: {provider: wikipedia}");
      }
      retriever = closeAtEnd(Retrievers.open(config.retrieval(), state.retrievalCache()));
    }
    return retriever;
  }

  /** @return the run's configuration */
  public RunConfig config() {
    return config;
  }

  /** @return how many records the run must produce */
  public int target() {
    return sink.target();
  }

  /**
   * Returns a model role ({@code models.<role>}, falling back to {@code models.default}).
   *
   * @param role the role name
   * @return the handle
   */
  public Llm llm(String role) {
    return gateway.llm(role);
  }

  /** @return the prompt templates (built-in, or the user's overrides) */
  public PromptLibrary prompts() {
    return prompts;
  }

  /**
   * Returns a generator for one labelled random choice, derived from the run's seed.
   *
   * @param label names the choice, e.g. {@code iter/3/examples}
   * @return the generator
   */
  public SplittableRandom rng(String label) {
    return Rng.of(config.seed(), label);
  }

  /**
   * Offers a record to the dataset, through the configured quality stages.
   *
   * @param record the record
   * @return true if it is part of the dataset; false if a stage dropped it or the target is reached
   */
  public boolean accept(DataRecord record) {
    return !acceptAll(List.of(record)).isEmpty();
  }

  /**
   * Offers records in order, through the configured quality stages (whose model calls run concurrently across the
   * records). Candidates are processed in chunks no larger than what the dataset still needs, so no stage spends
   * calls on records that could not fit.
   *
   * @param records candidates in acceptance order
   * @return the records that are now part of the dataset, as the stages left them, in order
   */
  public List<DataRecord> acceptAll(List<DataRecord> records) {
    List<DataRecord> accepted = new ArrayList<>();
    int i = 0;
    while (i < records.size() && !sink.full()) {
      int take = Math.max(1, Math.min(records.size() - i, sink.remaining()));
      List<DataRecord> chunk = records.subList(i, i + take);
      i += take;
      List<DataRecord> survivors = quality.isEmpty() ? chunk : quality.run(chunk, this);
      for (DataRecord r : survivors) {
        if (!sink.accept(r)) {
          return accepted;
        }
        accepted.add(r);
      }
    }
    return accepted;
  }

  /**
   * Records a dropped item.
   *
   * @param rejection what and why
   */
  public void reject(Rejection rejection) {
    sink.reject(rejection);
  }

  /**
   * Records a method decision in {@code events.jsonl}.
   *
   * @param key a unique, deterministic key
   * @param type the kind of event
   * @param data the event's fields
   */
  public void event(String key, String type, ObjectNode data) {
    sink.event(new RunEvent(key, type, data));
  }

  /** @return true once the dataset holds {@code target} records */
  public boolean done() {
    return sink.full();
  }

  /** @return records in the dataset so far (this and earlier sessions) */
  public int accepted() {
    return sink.accepted();
  }

  /** @return how many more records are needed */
  public int remaining() {
    return sink.remaining();
  }

  /**
   * Says what the method is doing, for the progress line.
   *
   * @param text e.g. {@code iteration 12: generating}
   */
  public void status(String text) {
    progress.status(text);
  }

  /**
   * Adds a method-specific figure to the manifest's {@code summary} (e.g. counts per hop).
   *
   * @param key the figure's name
   * @param value its value
   */
  public void summary(String key, Object value) {
    synchronized (summary) {
      summary.set(key, value instanceof JsonNode n ? n : Json.tree(value));
    }
  }

  ObjectNode summarySnapshot() {
    synchronized (summary) {
      ObjectNode copy = summary.deepCopy();
      if (!quality.isEmpty()) {
        copy.set("quality", quality.summary());
      }
      return copy;
    }
  }

  /**
   * Resolves a path from the config against the config file's directory.
   *
   * @param path as written in the config
   * @return the absolute path
   */
  public Path resolve(String path) {
    return config.resolve(path);
  }

  /** @return true when any role's replies are simulated placeholders */
  public boolean simulated() {
    return gateway.simulated();
  }

  /**
   * Stops the method promptly when the run was cancelled (Ctrl-C).
   *
   * @throws CancellationException when the thread was interrupted
   */
  public void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted");
    }
  }

  /**
   * Registers a resource the run closes when it ends (embedders, sandboxes, indexes).
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  public <T extends AutoCloseable> T closeAtEnd(T resource) {
    synchronized (resources) {
      resources.add(resource);
    }
    return resource;
  }

  @Override
  public void close() {
    synchronized (resources) {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          System.err.println("synthkit: could not close " + resources.get(i) + ": " + e.getMessage());
        }
      }
      resources.clear();
    }
  }
}
