package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunListener.RunProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTickerTest {

  @TempDir
  Path dir;

  @Test
  void pieces_advanceAsWorkFinishes_andANewStepResetsThem() {
    List<RunProgress> seen = new CopyOnWriteArrayList<>();
    RunListener l = new RunListener() {
      @Override
      public void progress(RunProgress p) {
        seen.add(p);
      }
    };
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false);
        ProgressTicker t = new ProgressTicker(l, sink, new UsageMeter(), new RetryWaits())) {
      t.status("hop 1/2: expanding nodes 1-3 of 3");
      t.pieces(3);
      t.pieceDone();
      t.pieceDone();
      RunProgress mid = t.snapshot(false);
      assertThat(mid.step()).isEqualTo("hop 1/2: expanding nodes 1-3 of 3");
      assertThat(mid.stepDone()).isEqualTo(2);
      assertThat(mid.stepTotal()).isEqualTo(3);
      t.status("hop 2/2: grading");
      assertThat(t.snapshot(false).stepTotal()).isZero();
    }
    assertThat(seen).last().satisfies(p -> assertThat(p.finished()).isTrue());
  }
}
