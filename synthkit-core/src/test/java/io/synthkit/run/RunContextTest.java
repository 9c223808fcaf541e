package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a method sees through its run context, checked from inside a {@link Scripted} run. */
@Timeout(120)
class RunContextTest {

  @TempDir
  Path dir;

  private final List<String> notices = new CopyOnWriteArrayList<>();

  private ConfigBuilder config(int target, int offer) {
    return ConfigBuilder.create("t", Scripted.NAME, Set.of(Scripted.NAME)).target(target).simulated()
        .outputDir(dir.resolve("runs")).set(Scripted.NAME + ".offer", offer)
        .set(Scripted.NAME + ".end", Scripted.End.RETURN.name()).set("seed", 42).baseDir(dir)
        .environment(Map.of());
  }

  private RunResult run(int target, int offer, Consumer<RunContext> body) {
    return Runs.run(new Scripted(body), config(target, offer).build(), RunOptions.DEFAULT.withListener(
        new RunListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        }));
  }

  private static DataRecord record(String id) {
    return new DataRecord(id, Json.object().put("text", id), Json.object());
  }

  @Test
  void countsAndPlaces_followTheSink() {
    List<Object> seen = new ArrayList<>();
    RunResult r = run(4, 1, ctx -> {
      seen.add(ctx.target());
      seen.add(ctx.accepted());
      seen.add(ctx.remaining());
      seen.add(ctx.done());
      seen.add(ctx.textField());
      seen.add(ctx.runDir());
      seen.add(ctx.config().name());
      seen.add(ctx.simulated());
      ctx.declareTextField("question");
      seen.add(ctx.textField());
    });
    assertThat(seen).containsExactly(4, 1, 3, false, "text", dir.resolve("runs/t"), "t", true, "question");
    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
  }

  @Test
  void acceptAll_takesRecordsUpToTheTarget_andAcceptThenRefuses() {
    List<Object> seen = new ArrayList<>();
    RunResult r = run(3, 0, ctx -> {
      seen.add(ctx.acceptAll(List.of(record("a"), record("b"), record("c"), record("d"))).stream()
          .map(DataRecord::id).toList());
      seen.add(ctx.done());
      seen.add(ctx.accept(record("e")));
      seen.add(ctx.acceptAll(List.of(record("f"))));
    });
    assertThat(seen).containsExactly(List.of("a", "b", "c"), true, false, List.of());
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(TestRuns.lines(r.runDir(), RunOutput.DATASET)).hasSize(3);
  }

  @Test
  void accept_isTrueForARecordTaken() {
    List<Boolean> seen = new ArrayList<>();
    run(2, 0, ctx -> {
      seen.add(ctx.accept(record("a")));
      seen.add(ctx.accept(record("b")));
    });
    assertThat(seen).containsExactly(true, true);
  }

  @Test
  void rememberedValues_areRecalledByALaterSession() {
    run(3, 1, ctx -> {
      assertThat(ctx.recall("k")).isEmpty();
      ctx.remember("k", "v1");
    });
    List<Optional<String>> seen = new ArrayList<>();
    run(3, 1, ctx -> {
      seen.add(ctx.recall("k"));
      seen.add(ctx.recall("other"));
    });
    assertThat(seen).containsExactly(Optional.of("v1"), Optional.empty());
  }

  @Test
  void summaryValues_reachTheManifest() {
    RunResult r = run(3, 1, ctx -> {
      ctx.summary("rounds", 3);
      ctx.summary("detail", Json.object().put("hops", 2));
      ctx.summary("rounds", 4);
    });
    JsonNode summary = Manifest.read(r.runDir()).summary();
    assertThat(summary).isEqualTo(Json.parse("{\"rounds\": 4, \"detail\": {\"hops\": 2}}"));
  }

  @Test
  void eventsAndRejections_reachTheirFiles() {
    RunResult r = run(3, 1, ctx -> {
      ctx.event("e/1", "round", Json.object().put("n", 1));
      ctx.reject(Rejection.of("k/1", "parse", "not json"));
    });
    assertThat(TestRuns.lines(r.runDir(), RunOutput.EVENTS)).anySatisfy(l -> assertThat(Json.parse(l))
        .isEqualTo(Json.parse("{\"key\": \"e/1\", \"type\": \"round\", \"n\": 1}")));
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(Json.parse(TestRuns.lines(r.runDir(), RunOutput.REJECTED).get(0)).path("reason").asText())
        .isEqualTo("not json");
  }

  @Test
  void rng_isTheConfiguredSeedsStreamForTheLabel() {
    List<Long> seen = new ArrayList<>();
    run(3, 1, ctx -> {
      seen.add(ctx.rng("a").nextLong());
      seen.add(ctx.rng("a").nextLong());
      seen.add(ctx.rng("b").nextLong());
    });
    assertThat(seen).containsExactly(Rng.of(42, "a").nextLong(), Rng.of(42, "a").nextLong(),
        Rng.of(42, "b").nextLong());
  }

  @Test
  void parallel_keepsTheInputOrder_andParallelInOrderStopsWhenTheConsumerSaysSo() {
    List<Object> seen = new ArrayList<>();
    run(3, 1, ctx -> {
      seen.add(ctx.parallel(List.of(1, 2, 3, 4), i -> i * 10));
      List<Integer> consumed = new ArrayList<>();
      ctx.parallelInOrder(List.of(1, 2, 3, 4, 5), i -> i * 10, o -> {
        consumed.add(o);
        return o < 30;
      });
      seen.add(consumed);
    });
    assertThat(seen).containsExactly(List.of(10, 20, 30, 40), List.of(10, 20, 30));
  }

  @Test
  void resources_areClosedAtTheEndInReverseOrder_andAFailedCloseIsANotice() {
    List<String> closed = new CopyOnWriteArrayList<>();
    run(3, 1, ctx -> {
      AutoCloseable first = () -> closed.add("first");
      AutoCloseable failing = new AutoCloseable() {
        @Override
        public void close() {
          throw new IllegalStateException("stuck");
        }

        @Override
        public String toString() {
          return "the stuck one";
        }
      };
      AutoCloseable last = () -> closed.add("last");
      assertThat(ctx.closeAtEnd(first)).isSameAs(first);
      ctx.closeAtEnd(failing);
      ctx.closeAtEnd(last);
      assertThat(closed).as("not before the end").isEmpty();
    });
    assertThat(closed).containsExactly("last", "first");
    assertThat(notices).contains("could not close the stuck one: stuck");
  }

  @Test
  void checkCancelled_afterAnInterrupt_endsTheRunAsInterrupted() {
    List<String> seen = new ArrayList<>();
    RunResult r = run(3, 1, ctx -> {
      ctx.checkCancelled();
      seen.add("not cancelled yet");
      Thread.currentThread().interrupt();
      ctx.checkCancelled();
      seen.add("unreachable");
    });
    assertThat(seen).containsExactly("not cancelled yet");
    assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(r.exitCode()).isEqualTo(130);
  }
}
