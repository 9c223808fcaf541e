package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.DataRecord;
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

  private static DataRecord record(String id) {
    return new DataRecord(id, io.synthkit.json.Json.object().put("text", id), io.synthkit.json.Json.object());
  }

  @Test
  void snapshot_estimatesTheCallsLeft_fromCallsPerRecord_orTheStepsPlanIfThatIsMore() {
    // Earlier sessions: 6 answered, 2 from the cache, 2 failed (10 calls done) for the 3 records kept.
    UsageMeter meter = new UsageMeter(java.util.Map.of(new UsageMeter.Key("generator", "gen"),
        new io.synthkit.spi.Usage(6, 2, 1, 2, 0, 0, 100, 50, 0.5, 0)));
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false)) {
      sink.accept(record("a"));
      sink.accept(record("b"));
      try (ProgressTicker t = new ProgressTicker(listener, sink, meter, new RetryWaits(), new StepClock(null))) {
        sink.accept(record("c"));
        sink.reject(io.synthkit.spi.Rejection.of("k", "parse", "bad"));
        t.step("generating", "round 2", 5);
        RunProgress p = t.snapshot(false);
        assertThat(p.accepted()).isEqualTo(3);
        assertThat(p.target()).isEqualTo(10);
        assertThat(p.rejected()).isEqualTo(1);
        assertThat(p.acceptedThisSession()).isEqualTo(1);
        assertThat(p.usage()).isEqualTo(meter.total());
        assertThat(p.step()).isEqualTo("generating · round 2");
        assertThat(p.stepDone()).isZero();
        assertThat(p.stepTotal()).isEqualTo(5);
        assertThat(p.callsPlanned()).as("10 done + 7 records at 10/3 calls each").isEqualTo(10 + 23);
        assertThat(p.eta()).as("no call ran in this session yet").isNull();
        assertThat(p.finished()).isFalse();
        assertThat(p.activity()).isNull();

        t.step("generating", "a bigger round", 30);
        assertThat(t.snapshot(false).callsPlanned()).as("the step's plan is more").isEqualTo(10 + 30);

        t.step("checking", "", -4);
        RunProgress unplanned = t.snapshot(false);
        assertThat(unplanned.step()).isEqualTo("checking");
        assertThat(unplanned.stepTotal()).isZero();
        assertThat(unplanned.stepDone()).isZero();
        assertThat(unplanned.callsPlanned()).isEqualTo(10 + 23);
      }
    }
  }

  @Test
  void withoutRecords_theCallsLeftAreUnknown() {
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false); ProgressTicker t = ticker(sink)) {
      t.step("generating", "", 8);
      assertThat(t.snapshot(false).callsPlanned()).isZero();
      assertThat(t.snapshot(false).stepTotal()).isEqualTo(8);
    }
  }

  @Test
  void pieces_neverShowMoreThanTheirTotal_andStatusOutcomeAndBatchesSetTheStepText() {
    try (DatasetSink sink = new DatasetSink(dir, 10, "m", () -> false); ProgressTicker t = ticker(sink)) {
      boolean counts = t.sectionStart(2);
      t.pieceDone(counts);
      t.pieceDone(counts);
      t.pieceDone(counts);
      assertThat(t.snapshot(false).stepDone()).isEqualTo(2);
      t.pieceDone(false);
      t.sectionEnd();
      t.status("thinking");
      assertThat(t.snapshot(false).step()).isEqualTo("thinking");
      assertThat(t.snapshot(false).stepTotal()).isZero();
      t.batches(() -> "batch 1 of 2 running");
      assertThat(t.snapshot(false).step()).isEqualTo("thinking · batch 1 of 2 running");
      t.batches(() -> "");
      t.sectionStart(3);
      t.outcome("completed");
      assertThat(t.snapshot(false).step()).isEqualTo("completed");
      assertThat(t.snapshot(false).stepTotal()).as("an outcome clears the pieces").isZero();
      t.sectionEnd();
    }
    assertThat(seen).filteredOn(RunProgress::finished).singleElement()
        .satisfies(p -> assertThat(p.step()).isEqualTo("completed"));
  }
}
