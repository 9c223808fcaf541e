package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.StageContext;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;

class StageTallyTest {

  /** Keeps the last published value; a short random pause widens the window in which updates can cross. */
  static final class LastSummary implements StageContext {
    final AtomicReference<JsonNode> last = new AtomicReference<>();

    @Override
    public void summary(String key, Object value) {
      try {
        Thread.sleep(ThreadLocalRandom.current().nextInt(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      last.set((JsonNode) value);
    }

    @Override
    public Llm llm(String role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PromptLibrary prompts() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ConfigView config() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String textField() {
      return "text";
    }

    @Override
    public Embedder embedder() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Retriever retriever() {
      throw new UnsupportedOperationException();
    }

    @Override
    public CodeSandbox sandbox() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SandboxLimits sandboxLimits() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void reject(Rejection rejection) {}
  }

  @RepeatedTest(3)
  void add_fromManyThreads_leavesTheFinalCountsPublished() throws Exception {
    StageTally tally = new StageTally("math_check", List.of("verified", "corrected"));
    LastSummary ctx = new LastSummary();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 300; i++) {
        String outcome = i % 3 == 0 ? "corrected" : "verified";
        pool.submit(() -> tally.add(outcome, ctx));
      }
    }
    assertThat(ctx.last.get().path("verified").asInt()).isEqualTo(200);
    assertThat(ctx.last.get().path("corrected").asInt()).isEqualTo(100);
  }
}
