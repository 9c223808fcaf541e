package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.RunListener;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartingSandboxTest {

  @TempDir
  Path dir;

  /** A sandbox whose first program waits for a worker, as GraalPy's does while its workers start. */
  static final class SlowToStart implements CodeSandbox {
    final CountDownLatch workerUp = new CountDownLatch(1);

    @Override
    public ExecutionResult run(String code, SandboxLimits limits, String resultVariable) {
      try {
        workerUp.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ExecutionResult.Ok("", "42");
    }

    @Override
    public void close() {}
  }

  @Test
  void theNoticeLastsUntilTheFirstProgramReturns_andTheStartIsTimed() throws Exception {
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false);
        ProgressTicker t = new ProgressTicker(RunListener.NONE, sink, new UsageMeter(), new RetryWaits(),
            new StepClock(null))) {
      SlowToStart slow = new SlowToStart();
      StartingSandbox sandbox = new StartingSandbox(slow, t.activity("starting the Python sandbox"));
      Thread first = Thread.ofVirtual().start(() -> sandbox.run("answer = 42", CodeSandbox.SandboxLimits.DEFAULT,
          "answer"));
      assertThat(t.snapshot(false).activity()).startsWith("starting the Python sandbox… ");
      slow.workerUp.countDown();
      first.join(60_000);
      assertThat(t.snapshot(false).activity()).isNull();
      assertThat(t.clock().oneOff()).containsOnlyKeys("starting the Python sandbox");
      sandbox.run("answer = 1", CodeSandbox.SandboxLimits.DEFAULT, "answer");
      sandbox.close();
      assertThat(t.snapshot(false).activity()).isNull();
    }
  }
}
