package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Drops exact duplicates (after normalisation) and, unless disabled, near duplicates by MinHash LSH with datasketch's
 * parameters (128 permutations, seed 1; bands and rows chosen for the threshold). Ordered: the first occurrence wins.
 */
final class DedupStage implements QualityStage {

  static final String NAME = "dedup";

  /**
   * Parameters.
   *
   * @param field the field to compare (default: the method's text field)
   * @param near also drop near duplicates
   * @param nearThreshold estimated Jaccard similarity at or above which two texts are near duplicates
   * @param shingles {@code words} (word unigrams, as ReverseGen) or {@code ngrams3} (lowercased word 3-grams)
   */
  record Params(
      @JsonPropertyDescription("field to compare (default: the method's text field)") @Nullable String field,
      @JsonPropertyDescription("also drop near duplicates (default true)") @Nullable Boolean near,
      @JsonProperty("near_threshold") @JsonPropertyDescription("MinHash Jaccard threshold (default 0.8)")
          @Nullable Double nearThreshold,
      @JsonPropertyDescription("words | ngrams3 (default words)") @Nullable String shingles) {

    Params {
      if (nearThreshold != null && !(nearThreshold > 0 && nearThreshold <= 1)) {
        throw new IllegalArgumentException("near_threshold must be in (0, 1]: " + nearThreshold);
      }
      if (shingles != null && !shingles.equals("words") && !shingles.equals("ngrams3")) {
        throw new IllegalArgumentException("shingles must be words or ngrams3: " + shingles);
      }
    }
  }

  private final Params p;
  private final ExactDedup exact = new ExactDedup();
  /** Null when near-duplicate detection is off ({@code near: false}). */
  private final @Nullable NearDuplicateIndex near;
  /** Every text offered to {@link #near}, by its id there: the index numbers dropped texts too. */
  private final List<String> offeredTexts = new ArrayList<>();

  DedupStage(Params p) {
    this.p = p;
    Shingler shingler = "ngrams3".equals(p.shingles()) ? Shingler.wordNGrams(3) : Shingler.words();
    this.near = p.near() == null || p.near()
        ? new NearDuplicateIndex(MinHash.datasketch(), shingler, p.nearThreshold() == null ? 0.8 : p.nearThreshold())
        : null;
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
    String text = TextField.of(record, TextField.name(p.field(), ctx));
    if (!exact.add(text)) {
      return StageOutcome.drop("exact duplicate of an earlier record");
    }
    if (near != null) {
      offeredTexts.add(text);
      OptionalInt dup = near.offer(text);
      if (dup.isPresent()) {
        return StageOutcome.drop(String.format(Locale.ROOT, "near duplicate (MinHash Jaccard >= %.2f) of: %s",
            p.nearThreshold() == null ? 0.8 : p.nearThreshold(), offeredTexts.get(dup.getAsInt())));
      }
    }
    return StageOutcome.keep(record);
  }
}
