package io.synthkit.method.advisor;

import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The simple gates on generated texts (ours; the reference filtered nothing): a minimum length, then exact duplicates
 * (normalised text) and, in {@code near} mode, MinHash near duplicates (lowercased word shingles, datasketch
 * parameters) against
 * the seeds and every earlier text that passed. Texts must be offered in the loop's deterministic order. Not
 * thread-safe.
 */
final class ItemGate {

  /** Why a text failed: the rejection step ({@code length}, {@code duplicate}, {@code near_duplicate}) and reason. */
  record Drop(String step, String reason) {}

  private final int minChars;
  private final @Nullable ExactDedup exact;
  private final @Nullable NearDuplicateIndex near;
  private final double threshold;
  private final List<String> offered = new ArrayList<>();

  /**
   * Creates the gates.
   *
   * @param minChars the fewest characters a text may have
   * @param dedup {@code near}, {@code exact} or {@code none}
   * @param nearThreshold the MinHash Jaccard threshold of {@code near}
   */
  ItemGate(int minChars, String dedup, double nearThreshold) {
    this.minChars = minChars;
    this.exact = dedup.equals("none") ? null : new ExactDedup();
    this.near = dedup.equals("near") ? new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), nearThreshold)
        : null;
    this.threshold = nearThreshold;
  }

  /**
   * Registers a seed text, so generated copies of it are duplicates.
   *
   * @param text the seed's text
   */
  void addSeed(String text) {
    if (exact != null) {
      exact.add(text);
    }
    if (near != null) {
      near.offer(text.strip().toLowerCase(Locale.ROOT));
      offered.add(text.strip());
    }
  }

  /**
   * Checks a text and, when it passes, remembers it.
   *
   * @param text the generated text
   * @return why it fails, or empty when it passes
   */
  Optional<Drop> check(String text) {
    String t = text.strip();
    if (t.length() < minChars) {
      return Optional.of(new Drop("length", t.length() + " characters < min_chars " + minChars));
    }
    if (exact != null && exact.contains(t)) {
      return Optional.of(new Drop("duplicate", "the same text (after normalisation) is already in the data"));
    }
    if (near != null) {
      // datasketch-style word shingles are case-sensitive; a near duplicate in other case is still a near duplicate.
      OptionalInt earlier = near.offer(t.toLowerCase(Locale.ROOT));
      offered.add(t);
      if (earlier.isPresent()) {
        return Optional.of(new Drop("near_duplicate", String.format(Locale.ROOT,
            "MinHash Jaccard >= %.2f with: %s", threshold, offered.get(earlier.getAsInt()))));
      }
    }
    if (exact != null) {
      exact.add(t);
    }
    return Optional.empty();
  }
}
