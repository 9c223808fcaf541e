package io.synthkit.method.reversegen;

import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.method.reversegen.training.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Drops instructions seen before in the run, exactly (after {@code TextNormalizer}) or nearly (MinHash over word
 * unigrams, estimated Jaccard at or above the threshold, as ReverseGen's {@code minhash.sh}; 128 datasketch
 * permutations). The warm-up instructions are seen from the start, so a proposer copying a demonstration gains nothing.
 *
 * <p>Not thread-safe: offer candidates one at a time, in a fixed order.
 */
final class InstructionDedup {

  private final ExactDedup exact = new ExactDedup();
  private final NearDuplicateIndex near;
  private final List<String> kept = new ArrayList<>();

  InstructionDedup(double threshold, List<Instruction> seen) {
    this.near = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), threshold);
    seen.forEach(i -> offer(i.text()));
  }

  /**
   * Offers a text.
   *
   * @return {@code null} when new (it is remembered), else why it is a duplicate
   */
  @Nullable String offer(String text) {
    if (!exact.add(text)) {
      return "the same instruction (after normalisation) was seen before";
    }
    OptionalInt dup = near.offer(text);
    if (dup.isPresent()) {
      // Keep the indexes aligned with NearDuplicateIndex's ids, which count every offer.
      kept.add(null);
      return "a near-duplicate (MinHash Jaccard) of: " + kept.get(dup.getAsInt());
    }
    kept.add(text);
    return null;
  }
}
