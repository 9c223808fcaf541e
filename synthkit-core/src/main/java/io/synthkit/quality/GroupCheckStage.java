package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.StageContext;
import io.synthkit.vector.GroupCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Group checking (DataGen §2.4, {@code group_check.py}): embeds each record's text with {@code ctx.embedder()} and
 * drops it when it is closer than the threshold to a record kept earlier, so of every near pair the first survives.
 * Ordered, so the same records are kept on every run and on resume.
 *
 * <p>The default, L2 distance below 0.3, is the public code's; embedders return unit vectors, on which it is the same
 * test as cosine similarity above 0.955 ({@link GroupCheck#EQUIVALENT_COSINE_THRESHOLD}). Not thread-safe; the
 * pipeline gives an ordered stage one record at a time.
 */
final class GroupCheckStage implements QualityStage {

  static final String NAME = "group_check";

  /**
   * Parameters.
   *
   * @param field the field embedded (default: the method's text field)
   * @param metric {@code l2} (distance below the threshold is near) or {@code cosine} (similarity above it is near)
   * @param threshold τ; default 0.3 for l2 and 0.955 for cosine, the same test on unit vectors
   */
  record Params(
      @JsonPropertyDescription("field embedded (default: the method's text field)") @Nullable String field,
      @JsonPropertyDescription("l2 | cosine (default l2)") String metric,
      @JsonPropertyDescription("near when L2 < threshold (default 0.3) or cosine > threshold (default 0.955)")
          Double threshold) {

    Params {
      metric = metric == null ? "l2" : metric.toLowerCase(Locale.ROOT);
      if (!metric.equals("l2") && !metric.equals("cosine")) {
        throw new IllegalArgumentException("metric must be l2 or cosine: " + metric);
      }
      threshold = threshold != null ? threshold
          : metric.equals("l2") ? GroupCheck.DATAGEN_L2_THRESHOLD : GroupCheck.EQUIVALENT_COSINE_THRESHOLD;
      // GroupCheck.Options checks the range for the metric; fail here, while the config is bound, instead.
      options(metric, threshold);
    }

    GroupCheck.Options options() {
      return options(metric, threshold);
    }

    private static GroupCheck.Options options(String metric, double threshold) {
      return new GroupCheck.Options(metric.equals("l2") ? GroupCheck.Metric.L2 : GroupCheck.Metric.COSINE, threshold,
          GroupCheck.Policy.KEEP_FIRST, 0);
    }
  }

  private final Params p;
  private final List<String> offeredIds = new ArrayList<>();
  /** Built on the first record: the embedder, and so the vectors' dimension, comes with the run context. */
  private @Nullable GroupCheck check;

  GroupCheckStage(Params p) {
    this.p = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean ordered() {
    return true;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    Embedder embedder = ctx.embedder();
    float[] vector = embedder.embed(TextField.of(record, TextField.name(p.field(), ctx)));
    if (check == null) {
      check = new GroupCheck(embedder.dimension(), p.options());
    }
    OptionalInt near = check.offer(vector);
    offeredIds.add(record.id());
    if (near.isEmpty()) {
      return StageOutcome.keep(record);
    }
    return StageOutcome.drop(String.format(Locale.ROOT, "embedding %s %s %.3f to the earlier record %s", p.metric(),
        p.metric().equals("l2") ? "distance <" : "similarity >", p.threshold(), offeredIds.get(near.getAsInt())));
  }
}
