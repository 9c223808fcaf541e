package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts accepted examples per label and, when balancing is on, keeps the counts close: an example is refused when
 * accepting it would let the most frequent label lead the least frequent by more than {@code maxGap} records, and the
 * prompt names the labels that lag. A gap bound in records (rather than a share) never blocks the first examples and
 * tightens the shares as the dataset grows: with K labels every share is within {@code maxGap / n} of {@code 1/K}.
 * The reference code produced unbalanced labels (methods.md §2.6).
 *
 * <p>Not thread-safe; the method consumes replies on one thread.
 */
final class LabelBalance {

  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final boolean enabled;
  private final int maxGap;
  private final ExampleShape shape;

  LabelBalance(ExampleShape shape, boolean enabled, int maxGap) {
    this.shape = shape;
    this.enabled = enabled;
    this.maxGap = maxGap;
    shape.categories().forEach(c -> counts.put(c, 0));
  }

  /**
   * Tells whether one more example with this label keeps the counts within the gap.
   *
   * @param label the candidate's label
   * @param pending labels of this call's examples already passed but not yet counted
   * @return true when balancing is off or the gap stays within bounds
   */
  boolean allows(String label, Map<String, Integer> pending) {
    if (!enabled) {
      return true;
    }
    Map<String, Integer> after = with(pending);
    after.merge(label, 1, Integer::sum);
    return Collections.max(after.values()) - Collections.min(after.values()) <= maxGap;
  }

  private Map<String, Integer> with(Map<String, Integer> pending) {
    Map<String, Integer> out = new LinkedHashMap<>(counts);
    pending.forEach((k, v) -> out.merge(k, v, Integer::sum));
    return out;
  }

  /**
   * Counts an accepted example.
   *
   * @param label its label
   */
  void add(String label) {
    counts.merge(label, 1, Integer::sum);
  }

  /**
   * Explains a refusal.
   *
   * @param label the refused label
   * @param pending as given to {@link #allows}
   * @return the reason, with the counts it was decided on
   */
  String refusal(String label, Map<String, Integer> pending) {
    return "label '" + label + "' is over-represented " + with(pending) + " (balance_max_gap " + maxGap + ")";
  }

  /**
   * Returns the request for under-represented labels that goes into the prompt, or an empty string when balancing is
   * off or the counts are even.
   *
   * @return the hint
   */
  String hint() {
    if (!enabled || counts.isEmpty()) {
      return "";
    }
    int min = Collections.min(counts.values());
    if (Collections.max(counts.values()) == min) {
      return "";
    }
    List<String> lagging = new ArrayList<>();
    counts.forEach((k, v) -> {
      if (v == min) {
        lagging.add(k);
      }
    });
    String tally = counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", "));
    String which = lagging.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(" or "));
    if (shape.labelSpace() == LabelSpace.FIXED) {
      return "The dataset so far has too few examples whose \"" + shape.answer() + "\" is " + which + " (" + tally
          + "). Write examples whose correct answer is " + which + ".";
    }
    return "The dataset so far has too few examples whose correct option is at position " + which + " (" + tally
        + "; positions count A, B, C, ... from the first option). Put the correct option at position " + which
        + " of the \"" + shape.options() + "\" list.";
  }

  /** @return the counts per label, for the manifest summary */
  ObjectNode summary() {
    ObjectNode out = Json.object();
    counts.forEach(out::put);
    return out;
  }
}
