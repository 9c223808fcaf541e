package io.synthkit.method.reversegen;

import io.synthkit.method.reversegen.training.PreferencePair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds preference pairs as the paper intends (methods.md §4.6 #1; the public code zipped shuffled, unrelated rows):
 * within each proposer prompt, the k-th failure-inducing completion is paired with the k-th completion that did not
 * induce a failure, in sample order, so a prompt yields min(#failures, #successes) pairs. Prompts are taken in
 * order, so the pairs are deterministic. Stateless and thread-safe.
 */
final class Pairing {

  private Pairing() {}

  /**
   * Pairs judged instructions.
   *
   * @param judged the iteration's judged instructions, in prompt and sample order
   * @return the pairs, by prompt, then by rank within the prompt
   */
  static List<PreferencePair> pairs(List<Judged> judged) {
    Map<Integer, List<Judged>> failures = new LinkedHashMap<>();
    Map<Integer, List<Judged>> successes = new LinkedHashMap<>();
    for (Judged j : judged) {
      int prompt = j.candidate().call().index();
      List<Judged> failed = failures.computeIfAbsent(prompt, k -> new ArrayList<>());
      List<Judged> succeeded = successes.computeIfAbsent(prompt, k -> new ArrayList<>());
      (j.failure() ? failed : succeeded).add(j);
    }
    List<PreferencePair> out = new ArrayList<>();
    for (int prompt : failures.keySet()) {
      List<Judged> f = Objects.requireNonNull(failures.get(prompt), "every prompt has both lists");
      List<Judged> s = Objects.requireNonNull(successes.get(prompt), "every prompt has both lists");
      for (int k = 0; k < Math.min(f.size(), s.size()); k++) {
        Candidate chosen = f.get(k).candidate();
        Candidate rejected = s.get(k).candidate();
        out.add(new PreferencePair(chosen.call().iteration(), chosen.call().prompt(), chosen.text(), rejected.text(),
            chosen.id(), rejected.id()));
      }
    }
    return out;
  }
}
