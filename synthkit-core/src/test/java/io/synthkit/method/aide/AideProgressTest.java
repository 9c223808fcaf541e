package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.config.RunConfig;
import io.synthkit.run.Manifest;
import io.synthkit.sim.Responder;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display of an AIDE run moves while a node expands: the hop's step counts the node's calls as they
 * finish against the calls planned for it (it used to count whole nodes, and a node's branches reset it, so a hop sat
 * at 0 until it jumped to the end).
 */
@Timeout(180)
class AideProgressTest {

  @TempDir
  Path dir;

  @Test
  void theHopsStepCounterAdvancesAsCallsFinish_whileTheNodeIsStillExpanding() throws Exception {
    List<RunProgress> seen = new CopyOnWriteArrayList<>();
    CountDownLatch midNode = new CountDownLatch(1);
    RunListener listener = new RunListener() {
      @Override
      public void progress(RunProgress p) {
        seen.add(p);
        if (p.step().startsWith("expanding") && p.stepDone() > 0 && p.stepDone() < p.stepTotal()
            && p.callsInFlight() > 0) {
          midNode.countDown();
        }
      }
    };
    AideScript script = new AideScript();
    AtomicBoolean held = new AtomicBoolean();
    AtomicBoolean sawItWhileHeld = new AtomicBoolean();
    // The first synthesis of the run waits (at most a minute) until the display shows the node's extraction counted
    // and that call in flight: the node cannot finish before, so a counter of whole nodes could never get there.
    Responder gated = req -> {
      if (req.callKey().endsWith("/synth") && held.compareAndSet(false, true)) {
        try {
          sawItWhileHeld.set(midNode.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return script.respond(req);
    };
    RunConfig config = AideScript.config(dir, 6, AideScript.seeds(dir, "Q one?", "Q two?"),
        AideScript.personas(dir, "A nurse", "A pilot")).set("aide.attributes", 1).set("personas.k", 1)
        .set("aide.nodes_per_batch", 1).build();

    RunResult r = Runs.run(config, RunOptions.DEFAULT.withResponder(gated).withListener(listener));

    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(sawItWhileHeld).as("a snapshot counted the extraction and the calls in flight while the node's branches"
        + " were running").isTrue();
    RunProgress first = seen.stream().filter(p -> p.step().startsWith("expanding")).findFirst().orElseThrow();
    assertThat(first.step()).isEqualTo("expanding · hop 1/2, nodes 1-1 of 2");
    AideParams p = config.bind("aide", AideParams.class);
    assertThat(first.stepTotal()).as("one node's planned calls").isEqualTo(Expander.callsPerNode(p, p.branching(1)))
        .isGreaterThan(1);
    assertThat(seen).allSatisfy(s -> assertThat(s.stepDone()).isBetween(0, Math.max(s.stepTotal(), 0)));
    Manifest.Timings t = Manifest.read(r.runDir()).timings();
    assertThat(t.steps()).containsOnlyKeys("starting", "embedding personas", "expanding");
    assertThat(t.oneOff()).as("the embedding model's start is shown and timed").containsOnlyKeys(
        "loading the embedding model");
  }

  @Test
  void aNodesRecordsReachTheDatasetWhileLaterNodesOfItsBatchStillExpand() throws Exception {
    CountDownLatch firstRecords = new CountDownLatch(1);
    RunListener listener = new RunListener() {
      @Override
      public void progress(RunProgress p) {
        if (p.accepted() > 0) {
          firstRecords.countDown();
        }
      }
    };
    AideScript script = new AideScript();
    AtomicBoolean sawRecordsWhileHeld = new AtomicBoolean();
    // The second seed's extraction waits (at most a minute) for the first seed's children to be in the dataset: its
    // batch cannot end before, so records offered only at a batch's end could never get there.
    Responder gated = req -> {
      if (req.callKey().equals("node/s1/extract")) {
        try {
          sawRecordsWhileHeld.set(firstRecords.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return script.respond(req);
    };
    RunConfig config = AideScript.config(dir, 30, AideScript.seeds(dir, "Q one?", "Q two?"),
        AideScript.personas(dir, "A nurse", "A pilot")).set("aide.attributes", 1).set("personas.k", 1)
        .set("aide.nodes_per_batch", 2).build();

    RunResult r = Runs.run(config, RunOptions.DEFAULT.withResponder(gated).withListener(listener));

    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(script.counts).containsKey("node/s1/extract");
    assertThat(sawRecordsWhileHeld).as("the first node's records were accepted before its batch ended").isTrue();
  }
}
