package io.synthkit.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Parallel;
import io.synthkit.run.RecordScreen;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.InvalidReplyException;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.StageContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the configured quality stages over candidate records. Consecutive unordered stages run for many records at
 * once (their model calls overlap); an ordered stage sees records one by one in their given order, so stateful filters
 * behave the same on every run. Dropped records go to {@code rejected.jsonl} with the stage as the step (or, when a
 * stage's model call fails for that record, the failure's step, such as {@code context_length}). Counts per
 * stage feed the manifest. Thread-safe.
 */
public final class QualityPipeline implements RecordScreen {

  private final List<QualityStage> stages;
  private final Map<String, Counts> counts = new LinkedHashMap<>();

  /** In, kept, changed and dropped counts of one stage. */
  private static final class Counts {
    final AtomicLong in = new AtomicLong();
    final AtomicLong kept = new AtomicLong();
    final AtomicLong changed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
  }

  /**
   * Creates a pipeline.
   *
   * @param stages the stages, in config order
   */
  public QualityPipeline(List<QualityStage> stages) {
    this.stages = List.copyOf(stages);
    stages.forEach(s -> counts.put(s.name(), new Counts()));
  }

  /** @return true when no stage is configured */
  @Override
  public boolean isEmpty() {
    return stages.isEmpty();
  }

  /** @return the stage names, in order */
  public List<String> names() {
    return stages.stream().map(QualityStage::name).toList();
  }

  /**
   * Passes candidates through every stage.
   *
   * @param candidates records in acceptance order
   * @param ctx the run
   * @return the survivors, in the same order, as the stages left them
   */
  @Override
  public List<DataRecord> run(List<DataRecord> candidates, StageContext ctx) {
    List<DataRecord> current = new ArrayList<>(candidates);
    int i = 0;
    while (i < stages.size() && !current.isEmpty()) {
      if (stages.get(i).ordered()) {
        current = ordered(stages.get(i), current, ctx);
        i++;
      } else {
        int j = i;
        while (j < stages.size() && !stages.get(j).ordered()) {
          j++;
        }
        List<QualityStage> segment = stages.subList(i, j);
        List<DataRecord> survivors = new ArrayList<>();
        // Optional, not null, for a dropped record: Parallel.map runs a single item inline through List.of.
        List<Optional<DataRecord>> outcomes = Parallel.map(current, rec -> throughAll(segment, rec, ctx));
        outcomes.forEach(r -> r.ifPresent(survivors::add));
        current = survivors;
        i = j;
      }
    }
    return current;
  }

  private List<DataRecord> ordered(QualityStage stage, List<DataRecord> records, StageContext ctx) {
    List<DataRecord> out = new ArrayList<>();
    synchronized (stage) {
      for (DataRecord r : records) {
        through(stage, r, ctx).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Returns the record as the last stage left it, or empty when a stage dropped it. */
  private Optional<DataRecord> throughAll(List<QualityStage> segment, DataRecord record, StageContext ctx) {
    Optional<DataRecord> r = Optional.of(record);
    for (QualityStage s : segment) {
      r = through(s, r.get(), ctx);
      if (r.isEmpty()) {
        break;
      }
    }
    return r;
  }

  /** Returns the record as the stage kept it, or empty when the stage dropped it (then it is in rejected.jsonl). */
  private Optional<DataRecord> through(QualityStage stage, DataRecord record, StageContext ctx) {
    Counts c = counts.get(stage.name());
    if (c == null) {
      throw new IllegalStateException("stage " + stage.name() + " is not part of this pipeline");
    }
    c.in.incrementAndGet();
    StageOutcome outcome;
    try {
      outcome = stage.apply(record, ctx);
    } catch (ItemFailedException e) {
      // A stage call that cannot succeed (a prompt over the context window, retries exhausted) drops this record only.
      c.dropped.incrementAndGet();
      String raw = e instanceof InvalidReplyException invalid ? invalid.raw() : null;
      ctx.reject(new Rejection("quality/" + stage.name() + "/" + record.id(), e.step(), stage.name() + ": "
          + e.getMessage(), record.data(), raw, record.meta()));
      return Optional.empty();
    }
    if (outcome instanceof StageOutcome.Keep keep) {
      c.kept.incrementAndGet();
      if (keep.changed()) {
        c.changed.incrementAndGet();
      }
      return Optional.of(keep.record());
    }
    StageOutcome.Drop drop = (StageOutcome.Drop) outcome;
    c.dropped.incrementAndGet();
    ObjectNode meta = record.meta();
    if (drop.detail() != null) {
      // The findings behind a drop (a reflection trajectory, failed programs) belong with the rejected item.
      meta = meta.deepCopy();
      ObjectNode quality = meta.get("quality") instanceof ObjectNode q ? q : meta.putObject("quality");
      quality.set(stage.name(), drop.detail());
    }
    ctx.reject(new Rejection("quality/" + stage.name() + "/" + record.id(), stage.name(), drop.reason(),
        record.data(), drop.raw(), meta));
    return Optional.empty();
  }

  /**
   * Returns the counts per stage for the manifest.
   *
   * @return {@code {stage: {in, kept, changed, dropped}}}
   */
  @Override
  public ObjectNode summary() {
    ObjectNode out = Json.object();
    counts.forEach((name, c) -> out.putObject(name).put("in", c.in.get()).put("kept", c.kept.get())
        .put("changed", c.changed.get()).put("dropped", c.dropped.get()));
    return out;
  }
}
