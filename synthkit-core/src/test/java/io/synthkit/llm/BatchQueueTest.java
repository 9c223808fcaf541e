package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The order in which a batch job's end becomes visible: a caller that holds its answer must already see the job as
 * done (a run's last progress line and its manifest are written right after the last answer arrives).
 */
class BatchQueueTest {

  @Test
  void aJobCountsAsDoneBeforeItsCallersHearTheirAnswers() throws Exception {
    FakeApi api = new FakeApi(false);
    BatchStats stats = new BatchStats();
    BatchQueue queue = queue(api, stats);
    // Attached before the job can end (the poll waits for the latch), so it runs inside the completion itself.
    CompletableFuture<Integer> runningWhenAnswered =
        queue.submit("req-1", body()).thenApply(result -> stats.snapshot().inProgress());
    api.release.countDown();
    assertThat(runningWhenAnswered.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(stats.snapshot().done()).isEqualTo(1);
  }

  @Test
  void aFailedJobCountsAsDoneBeforeItsCallersHearOfTheFailure() throws Exception {
    FakeApi api = new FakeApi(true);
    BatchStats stats = new BatchStats();
    BatchQueue queue = queue(api, stats);
    CompletableFuture<Integer> runningWhenFailed =
        queue.submit("req-1", body()).handle((result, error) -> error == null ? -1 : stats.snapshot().inProgress());
    api.release.countDown();
    assertThat(runningWhenFailed.get(10, TimeUnit.SECONDS)).isZero();
  }

  private static BatchQueue queue(FakeApi api, BatchStats stats) {
    return new BatchQueue(api, BatchJournal.memory(), stats, "test",
        GatewayBatchTest.config(ProviderKind.OPENAI, "http://127.0.0.1:9/v1", true));
  }

  private static ObjectNode body() {
    return Json.object().put("model", "gpt-test");
  }

  /** One batch whose poll waits for the test, then ends with an answer for every line, or fails. */
  private static final class FakeApi implements BatchApi {
    final CountDownLatch release = new CountDownLatch(1);
    private final boolean pollFails;
    private final Map<String, Result> results = new HashMap<>();

    FakeApi(boolean pollFails) {
      this.pollFails = pollFails;
    }

    @Override
    public synchronized String submit(List<Line> lines, String intent) {
      lines.forEach(l -> results.put(l.customId(), new Result(Json.object().put("id", l.customId()), null)));
      return "batch_1";
    }

    @Override
    public Optional<String> find(String intent) {
      return Optional.empty();
    }

    @Override
    public State poll(String id) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (pollFails) {
        throw new IllegalStateException("the provider lost batch " + id);
      }
      return new State(true, "completed", Json.object());
    }

    @Override
    public synchronized Map<String, Result> results(State state) {
      return Map.copyOf(results);
    }
  }
}
