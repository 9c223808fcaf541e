package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunContext;
import java.util.Optional;

/**
 * The durable memory of proposer training: fine-tuning job ids and the models they produced, kept in the run's state
 * store ({@link RunContext#remember}) and also written as events of type {@code trainer} so {@code events.jsonl} shows
 * them. Training calls are not chat calls, so the response cache cannot replay them; without this a resumed run would
 * train again (a second paid job) or continue with a model different from the one its cached replies came from.
 * Thread-safe.
 */
final class TrainerJournal {

  /** The event type of journal entries. */
  static final String TYPE = "trainer";

  private final RunContext ctx;

  private TrainerJournal(RunContext ctx) {
    this.ctx = ctx;
  }

  static TrainerJournal open(RunContext ctx) {
    return new TrainerJournal(ctx);
  }

  /**
   * Finds an entry.
   *
   * @param key e.g. {@code trainer/iter/1/result}
   * @return its fields, if an earlier session (or this one) recorded it
   */
  synchronized Optional<ObjectNode> find(String key) {
    return ctx.recall(key).map(v -> (ObjectNode) Json.parse(v));
  }

  /**
   * Records an entry, durably, before the caller relies on it.
   *
   * @param key a key not recorded before
   * @param data the fields
   */
  synchronized void record(String key, ObjectNode data) {
    ctx.remember(key, Json.write(data));
    ctx.event(key, TYPE, data);
  }
}
