package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.RunContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link TrainerJournal} over an in-memory run context that only keeps the state store and the events, so trainers
 * can be tested without a run. Every other context call fails the test.
 */
final class MemoryJournal {

  /** The state store, in write order. */
  final Map<String, String> store = new LinkedHashMap<>();
  /** The events written, as {@code key type}. */
  final List<String> events = new ArrayList<>();
  /** The number of writes to the store (a second write of one key would be a bug). */
  int writes;

  final TrainerJournal journal = TrainerJournal.open((RunContext) Proxy.newProxyInstance(
      RunContext.class.getClassLoader(), new Class<?>[] {RunContext.class}, (proxy, method, args) ->
          switch (method.getName()) {
            case "recall" -> Optional.ofNullable(store.get((String) args[0]));
            case "remember" -> {
              writes++;
              store.put((String) args[0], (String) args[1]);
              yield null;
            }
            case "event" -> {
              events.add(args[0] + " " + args[1] + " " + io.synthkit.json.Json.write((ObjectNode) args[2]));
              yield null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          }));

  /** Puts an entry as an earlier session would have. */
  MemoryJournal with(String key, ObjectNode data) {
    store.put(key, io.synthkit.json.Json.write(data));
    return this;
  }
}
