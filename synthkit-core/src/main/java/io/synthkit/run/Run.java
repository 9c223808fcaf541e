package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.embed.CachingEmbedder;
import io.synthkit.json.Json;
import io.synthkit.llm.Gateway;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.RunListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RunContext} of one run in progress: it hands the method the gateway's roles, the run's components and
 * randomness, and passes its records through the quality screen into the dataset. Components are created on first
 * use (from the {@link Components} the run was given) and closed with the run. Thread-safe.
 */
final class Run implements RunContext, AutoCloseable {

  /** Steps of {@link io.synthkit.spi.ItemFailedException}s that are failures of the call, not of the reply. */

  private final RunConfig config;
  private final Gateway gateway;
  private final DatasetSink sink;
  private final PromptLibrary prompts;
  private final ProgressTicker progress;
  private final StateStore state;
  private final RecordScreen screen;
  private final Components components;
  private final RunListener listener;
  private final ObjectNode summary = Json.object();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private volatile String textField = "text";
  private @Nullable Retriever retriever;
  private @Nullable Embedder embedder;
  private @Nullable CodeSandbox sandbox;

  Run(RunConfig config, Gateway gateway, DatasetSink sink, PromptLibrary prompts, ProgressTicker progress,
      StateStore state, RunSetup setup) {
    this.config = config;
    this.gateway = gateway;
    this.sink = sink;
    this.prompts = prompts;
    this.progress = progress;
    this.state = state;
    this.screen = setup.screen();
    this.components = setup.components();
    this.listener = setup.listener();
  }

  @Override
  public void declareTextField(String field) {
    this.textField = field;
  }

  @Override
  public String textField() {
    return textField;
  }

  @Override
  public synchronized Embedder embedder() {
    if (embedder == null) {
      Embedder base = closeAtEnd(gateway.metered(
          slowly("loading the embedding model", () -> components.embedder().get())));
      embedder = new CachingEmbedder(base, state.vectorStore(), components.embedBatch());
    }
    return embedder;
  }

  @Override
  public synchronized CodeSandbox sandbox() {
    if (sandbox == null) {
      // Shown from before creation (an in-process sandbox starts GraalPy there) to the first program's end.
      // The notice is for listeners that show no progress (the Java API logs notices).
      listener.notice("starting the Python sandbox (GraalPy: seconds, or tens of seconds on a busy machine)");
      ProgressTicker.Activity starting = progress.activity("starting the Python sandbox");
      try {
        sandbox = closeAtEnd(new StartingSandbox(components.sandbox().get(), starting));
      } catch (RuntimeException | Error e) {
        starting.close();
        throw e;
      }
    }
    return sandbox;
  }

  /** Runs one-off work that can take tens of seconds under a notice on the progress display, and times it. */
  private <T> T slowly(String what, java.util.function.Supplier<T> work) {
    try (ProgressTicker.Activity shown = progress.activity(what)) {
      return work.get();
    }
  }

  @Override
  public SandboxLimits sandboxLimits() {
    return components.sandboxLimits();
  }

  @Override
  public synchronized Retriever retriever() {
    if (retriever == null) {
      retriever = closeAtEnd(components.retriever().apply(state.retrievalCache()));
    }
    return retriever;
  }

  @Override
  public RunConfig config() {
    return config;
  }

  @Override
  public int target() {
    return sink.target();
  }

  @Override
  public Llm llm(String role) {
    return gateway.llm(role);
  }

  @Override
  public PromptLibrary prompts() {
    return prompts;
  }

  @Override
  public SplittableRandom rng(String label) {
    return Rng.of(config.seed(), label);
  }

  @Override
  public <I, O> List<O> parallel(List<I> items, Function<? super I, ? extends O> fn) {
    boolean counts = progress.sectionStart(items.size());
    try {
      return Parallel.map(items, item -> {
        O out = fn.apply(item);
        progress.pieceDone(counts);
        return out;
      });
    } finally {
      progress.sectionEnd();
    }
  }

  @Override
  public <I, O> void parallelInOrder(List<I> items, Function<? super I, ? extends O> fn,
      java.util.function.Predicate<? super O> consumer) {
    boolean counts = progress.sectionStart(items.size());
    try {
      Parallel.forEachInOrder(items, item -> {
        O out = fn.apply(item);
        progress.pieceDone(counts);
        return out;
      }, consumer);
    } finally {
      progress.sectionEnd();
    }
  }

  @Override
  public boolean accept(DataRecord record) {
    return !acceptAll(List.of(record)).isEmpty();
  }

  /**
   * Offers records in order, through the quality screen (whose model calls run concurrently across the records).
   * Candidates are processed in chunks no larger than what the dataset still needs, so no stage spends calls on records
   * that could not fit.
   */
  @Override
  public List<DataRecord> acceptAll(List<DataRecord> records) {
    List<DataRecord> accepted = new ArrayList<>();
    int i = 0;
    while (i < records.size() && !sink.full()) {
      int take = Math.max(1, Math.min(records.size() - i, sink.remaining()));
      List<DataRecord> chunk = records.subList(i, i + take);
      i += take;
      List<DataRecord> survivors = screen.isEmpty() ? chunk : screen.run(chunk, this);
      for (DataRecord r : survivors) {
        if (!sink.accept(r)) {
          return accepted;
        }
        accepted.add(r);
      }
    }
    return accepted;
  }

  @Override
  public void reject(Rejection rejection) {
    sink.reject(rejection);
  }

  @Override
  public void event(String key, String type, ObjectNode data) {
    sink.event(new RunEvent(key, type, data));
  }

  @Override
  public boolean done() {
    return sink.full();
  }

  @Override
  public int accepted() {
    return sink.accepted();
  }

  @Override
  public int remaining() {
    return sink.remaining();
  }

  @Override
  public void status(String text) {
    progress.status(text);
  }

  @Override
  public void step(String name, String detail, int plannedCalls) {
    progress.step(name, detail, plannedCalls);
  }

  @Override
  public void summary(String key, Object value) {
    synchronized (summary) {
      summary.set(key, value instanceof JsonNode n ? n : Json.tree(value));
    }
  }

  ObjectNode summarySnapshot() {
    synchronized (summary) {
      ObjectNode copy = summary.deepCopy();
      if (!screen.isEmpty()) {
        copy.set("quality", screen.summary());
      }
      return copy;
    }
  }

  @Override
  public Path runDir() {
    return sink.runDir();
  }

  @Override
  public FineTuning fineTuning(String role) {
    return gateway.fineTuning(role);
  }

  @Override
  public Optional<String> recall(String key) {
    return state.methodValue(key);
  }

  @Override
  public void remember(String key, String value) {
    state.methodValue(key, value);
  }

  @Override
  public boolean simulated() {
    return gateway.simulated();
  }

  @Override
  public void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted");
    }
  }

  @Override
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
          listener.notice("could not close " + resources.get(i) + ": " + e.getMessage());
        }
      }
      resources.clear();
    }
  }
}
