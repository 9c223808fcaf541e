package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.RunContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The durable memory of proposer training: fine-tuning job ids and the models they produced, written as events of
 * type {@code trainer} to {@code events.jsonl} and read back when a run resumes. Training calls are not chat calls,
 * so the response cache cannot replay them; without this a resumed run would train again (a second paid job) or
 * continue with a model different from the one its cached replies came from.
 *
 * <p>The run's sink has already dropped a torn last line of {@code events.jsonl} when the method starts, so every
 * line read here is complete. Thread-safe.
 */
final class TrainerJournal {

  /** The event type of journal entries. */
  static final String TYPE = "trainer";

  private final RunContext ctx;
  private final Map<String, ObjectNode> entries = new HashMap<>();

  private TrainerJournal(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Reads the entries earlier sessions of this run wrote. */
  static TrainerJournal open(RunContext ctx) {
    TrainerJournal j = new TrainerJournal(ctx);
    Path events = ctx.config().runDir().resolve("events.jsonl");
    if (Files.exists(events)) {
      try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains("\"" + TYPE + "\"")) {
            JsonNode n = Json.parse(line);
            if (TYPE.equals(n.path("type").asText())) {
              j.entries.put(n.path("key").asText(), (ObjectNode) n);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + events, e);
      }
    }
    return j;
  }

  /**
   * Finds an entry.
   *
   * @param key e.g. {@code trainer/iter/1/result}
   * @return its fields, if an earlier session (or this one) recorded it
   */
  synchronized Optional<ObjectNode> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Records an entry, durably, before the caller relies on it.
   *
   * @param key a key not recorded before
   * @param data the fields
   */
  synchronized void record(String key, ObjectNode data) {
    ctx.event(key, TYPE, data);
    ObjectNode line = Json.object().put("key", key).put("type", TYPE);
    line.setAll(data);
    entries.put(key, line);
  }
}
