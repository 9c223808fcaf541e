package io.synthkit.evaluation;

import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.evaluation.EvaluationResult.DuplicatePair;
import io.synthkit.evaluation.EvaluationResult.NearDuplicates;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The MinHash near-duplicate rate: texts are offered in file order to a {@link NearDuplicateIndex} (datasketch
 * MinHash, 128 permutations, seed 1; LSH tuned to the threshold), and a text counts as a duplicate when an earlier
 * kept text's estimated Jaccard is at or above the threshold. Signatures are computed on all cores; the index is fed
 * from one thread, as it requires.
 */
final class DuplicateScan {

  private static final int EXAMPLES = 5;
  private static final int EXAMPLE_CHARS = 200;

  private DuplicateScan() {}

  static NearDuplicates scan(List<String> ids, List<String> texts, double threshold, int shingleSize) {
    MinHash minHash = MinHash.datasketch();
    Shingler shingler = Shingler.wordNGrams(shingleSize);
    int[][] signatures = new int[texts.size()][];
    IntStream.range(0, texts.size()).parallel()
        .forEach(i -> signatures[i] = minHash.signature(shingler.shingles(texts.get(i))));
    NearDuplicateIndex index = new NearDuplicateIndex(minHash, shingler, threshold);
    int checked = 0;
    int duplicates = 0;
    List<DuplicatePair> examples = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      checked += MinHash.isEmpty(signatures[i]) ? 0 : 1;
      OptionalInt match = index.offer(signatures[i]);
      if (match.isPresent()) {
        duplicates++;
        if (examples.size() < EXAMPLES) {
          int j = match.getAsInt();
          examples.add(new DuplicatePair(ids.get(i), ids.get(j), clip(texts.get(i)), clip(texts.get(j))));
        }
      }
    }
    return new NearDuplicates(checked, duplicates, checked == 0 ? 0.0 : (double) duplicates / checked, threshold,
        "lowercased word " + shingleSize + "-grams", minHash.numPerm(), List.copyOf(examples));
  }

  static String clip(String s) {
    return s.length() <= EXAMPLE_CHARS ? s : s.substring(0, EXAMPLE_CHARS) + "…";
  }
}
