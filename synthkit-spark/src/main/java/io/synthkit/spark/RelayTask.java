package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.ConfigLoader;
import io.synthkit.json.Json;
import io.synthkit.llm.CallRelay;
import io.synthkit.method.Methods;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.RunStorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * One task of a fanned-out job, on an executor: answers its share of the calls side by side (on virtual threads; the
 * role's concurrency limit on this executor bounds them), each from the answer store when an earlier attempt already
 * paid for it, else from its server through this executor's {@link CallRelay}, keeping the answer in the store before
 * it is returned.
 */
final class RelayTask implements FlatMapFunction<Iterator<CallFanOut.Call>, CallFanOut.Answer> {

  private static final long serialVersionUID = 1L;

  /** One relay per config in each executor JVM: its endpoints keep their limits and breakers across jobs. */
  private static final Map<String, CallRelay> RELAYS = new ConcurrentHashMap<>();

  private final String config;
  private final List<String> overrides;
  private final String store;

  RelayTask(String config, List<String> overrides, String store) {
    this.config = config;
    this.overrides = overrides;
    this.store = store;
  }

  @Override
  public Iterator<CallFanOut.Answer> call(Iterator<CallFanOut.Call> calls) throws InterruptedException {
    SerialFilter.leaveToSpark();
    CallRelay relay = RELAYS.computeIfAbsent(config + "\u0000" + String.join("\u0000", overrides),
        k -> new CallRelay(ConfigLoader.load(Path.of(config), overrides, System.getenv(), Methods.names()).models()));
    AnswerStore answers = new AnswerStore(Path.of(store));
    List<Future<CallFanOut.Answer>> pending = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      calls.forEachRemaining(c -> pending.add(threads.submit(() -> answers.get(c.id())
          .orElseGet(() -> answers.keep(relay.answer(c))))));
      List<CallFanOut.Answer> out = new ArrayList<>(pending.size());
      for (Future<CallFanOut.Answer> f : pending) {
        out.add(f.get());
      }
      return out.iterator();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re; // a store that cannot be written fails the task: Spark retries it
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Answers kept by call id, one small file each ({@code {"simulated": …, "body": "<the reply>"}}), written whole (a temporary file moved into place) so a reader never
   * sees half of one.
   */
  record AnswerStore(Path dir) {

    java.util.Optional<CallFanOut.Answer> get(String id) {
      String kept;
      try {
        kept = Files.readString(file(id), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return java.util.Optional.empty();
      } catch (IOException e) {
        throw new RunStorageException("cannot read the kept answer " + file(id) + ": " + e.getMessage(), file(id), e);
      }
      JsonNode node = Json.parse(kept);
      return java.util.Optional.of(new CallFanOut.Answer(id, node.path("body").asText(), null, 0,
          node.path("simulated").asBoolean()));
    }

    CallFanOut.Answer keep(CallFanOut.Answer a) {
      if (a.body() == null) {
        return a; // a failure is not kept: the next attempt tries again
      }
      Path target = file(a.id());
      try {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".answer-", ".tmp");
        Files.writeString(tmp, Json.write(Json.object().put("simulated", a.simulated()).put("body", a.body())),
            StandardCharsets.UTF_8);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new RunStorageException("cannot keep an answer in " + target.getParent() + ": " + e.getMessage(), target,
            e);
      }
      return a;
    }

    /** Ids are letters, digits, - and _ (at most 64): safe as file names; the last two spread them over folders. */
    private Path file(String id) {
      return dir.resolve(id.substring(Math.max(0, id.length() - 2))).resolve(id + ".json");
    }
  }
}
