package io.synthkit.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One candidate's score (DataGen §3.7): accuracy = correct / (correct + incorrect); items whose verdict could not be
 * parsed are left out of the accuracy and counted apart.
 *
 * @param role the candidate's role
 * @param model its model id
 * @param correct items the judge found matching the gold answer
 * @param incorrect items it found not matching
 * @param unparseable items whose verdict did not parse
 * @param accuracy correct / (correct + incorrect), or {@code null} when nothing was judged
 * @param items the per-item results
 */
public record ModelScore(String role, String model, int correct, int incorrect, int unparseable,
    @Nullable Double accuracy,
    @JsonProperty("items") List<ItemResult> items) {

  /**
   * Scores a list of item results.
   *
   * @param role the role
   * @param model the model id
   * @param items the results
   * @return the score
   */
  public static ModelScore of(String role, String model, List<ItemResult> items) {
    int correct = 0;
    int incorrect = 0;
    int unparseable = 0;
    for (ItemResult r : items) {
      switch (r.verdict()) {
        case Benchmark.CORRECT -> correct++;
        case Benchmark.INCORRECT -> incorrect++;
        default -> unparseable++;
      }
    }
    Double accuracy = correct + incorrect == 0 ? null : (double) correct / (correct + incorrect);
    return new ModelScore(role, model, correct, incorrect, unparseable, accuracy, List.copyOf(items));
  }
}
