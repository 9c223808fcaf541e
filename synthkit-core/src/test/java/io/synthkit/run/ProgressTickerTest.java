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

  final List<RunProgress> seen = new CopyOnWriteArrayList<>();
  final RunListener listener = new RunListener() {
    @Override
    public void progress(RunProgress p) {
      seen.add(p);
    }
  };

  ProgressTicker ticker(DatasetSink sink) {
    return new ProgressTicker(listener, sink, new UsageMeter(), new RetryWaits(), new StepClock(null));
  }

  @Test
  void pieces_advanceAsWorkFinishes_nestedSectionsDoNotResetThem_andANewStepDoes() {
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false); ProgressTicker t = ticker(sink)) {
      t.step("expanding", "hop 1/2, nodes 1-3 of 3", 0);
      boolean outer = t.sectionStart(3);
      t.pieceDone(outer);
      boolean inner = t.sectionStart(8); // a node's branches, inside the hop's section
      t.pieceDone(inner);
      t.sectionEnd();
      t.pieceDone(outer);
      RunProgress mid = t.snapshot(false);
      assertThat(outer).isTrue();
      assertThat(inner).isFalse();
      assertThat(mid.step()).isEqualTo("expanding · hop 1/2, nodes 1-3 of 3");
      assertThat(mid.stepDone()).isEqualTo(2);
      assertThat(mid.stepTotal()).isEqualTo(3);
      t.sectionEnd();
      t.step("grading", "", 0);
      assertThat(t.snapshot(false).stepTotal()).isZero();
      assertThat(t.snapshot(false).step()).isEqualTo("grading");
      assertThat(t.snapshot(false).eta()).as("no record yet: the time left is unknown").isNull();
    }
    assertThat(seen).last().satisfies(p -> assertThat(p.finished()).isTrue());
    assertThat(seen).as("every step change is reported at once, not only at the next tick")
        .anySatisfy(p -> assertThat(p.step()).isEqualTo("grading"));
  }

  @Test
  void activity_isShownWhileItLasts_andTimedAsOneOffWork() {
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false); ProgressTicker t = ticker(sink)) {
      t.step("evaluating", "round 0", 0);
      ProgressTicker.Activity starting = t.activity("starting the Python sandbox");
      assertThat(t.snapshot(false).activity()).startsWith("starting the Python sandbox… ").endsWith("s");
      starting.close();
      starting.close(); // idempotent: a second close neither fails nor counts twice
      assertThat(t.snapshot(false).activity()).isNull();
      assertThat(t.clock().oneOff()).containsOnlyKeys("starting the Python sandbox");
      assertThat(t.clock().steps(System.nanoTime())).containsKeys("starting", "evaluating");
    }
  }
}
