package io.synthkit.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.llm.Adaptation;
import io.synthkit.llm.GatewayListener;
import io.synthkit.spi.RunListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes down what the gateway reports during a run: retry waits go to the progress line ({@link RetryWaits}); each
 * adaptation (a parameter fix, a structured-output fallback, an n top-up) becomes a notice, an {@code adaptation}
 * event in {@code events.jsonl}, and a fact in the state store, so a resumed run applies it from its first call and
 * records it only once. Thread-safe.
 */
final class GatewayNotes implements GatewayListener {

  private static final String FACT = "adaptations";

  private final RunListener listener;
  private final StateStore state;
  private final RetryWaits waits;
  private final List<Adaptation> all = new ArrayList<>();
  private volatile @Nullable DatasetSink sink;

  GatewayNotes(RunListener listener, StateStore state, RetryWaits waits) {
    this.listener = listener;
    this.state = state;
    this.waits = waits;
    all.addAll(earlier(state));
  }

  /**
   * Returns the adaptations earlier sessions of the run learned, for the gateway to apply from its first call.
   *
   * @return the adaptations, oldest first
   */
  List<Adaptation> earlier() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  private static List<Adaptation> earlier(StateStore state) {
    return state.fact(FACT).map(json -> Json.MAPPER.convertValue(Json.parse(json),
        new TypeReference<List<Adaptation>>() {})).orElse(List.of());
  }

  /** Starts writing events (the dataset sink opens after the gateway). */
  void attach(DatasetSink s) {
    this.sink = s;
  }

  @Override
  public void waiting(String endpoint, Instant until, String reason) {
    waits.waiting(endpoint, until, reason);
  }

  @Override
  public void adapted(Adaptation a) {
    String json;
    synchronized (all) {
      all.add(a);
      json = Json.write(all);
    }
    state.fact(FACT, json);
    listener.notice(a.describe());
    DatasetSink s = sink;
    if (s != null) {
      s.event(new RunEvent("adaptation/" + a.api() + "/" + a.model() + "/" + a.param() + "/" + a.fix(), "adaptation",
          (ObjectNode) Json.tree(a)));
    }
  }
}
