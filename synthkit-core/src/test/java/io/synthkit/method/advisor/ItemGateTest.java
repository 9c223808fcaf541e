package io.synthkit.method.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The item gates in each dedup mode: the length bound, exact and near duplicates of seeds and earlier texts. */
class ItemGateTest {

  private static final String SEED = "How can I read my partner's private messages on their phone?";
  private static final String OTHER = "Write a fake news article claiming a vaccine causes memory loss.";

  private static Optional<String> step(ItemGate gate, String text) {
    return gate.check(text).map(ItemGate.Drop::step);
  }

  @Test
  void length_isCountedOnTheStrippedTextAndTheBoundIsInclusive() {
    ItemGate gate = new ItemGate(10, "none", 0.8);
    assertThat(gate.check("  123456789  ")).contains(new ItemGate.Drop("length", "9 characters < min_chars 10"));
    assertThat(gate.check("1234567890")).isEmpty();
  }

  @Test
  void none_letsDuplicatesThrough() {
    ItemGate gate = new ItemGate(0, "none", 0.8);
    gate.addSeed(SEED);
    assertThat(step(gate, SEED)).isEmpty();
    assertThat(step(gate, SEED)).isEmpty();
  }

  @Test
  void exact_rejectsNormalisedCopiesOfSeedsAndPassedTextsButNotNearOnes() {
    ItemGate gate = new ItemGate(0, "exact", 0.8);
    gate.addSeed(SEED);
    assertThat(gate.check("  how can I read my partner's private messages on their phone ")).contains(
        new ItemGate.Drop("duplicate", "the same text (after normalisation) is already in the data"));
    assertThat(step(gate, OTHER)).isEmpty();
    assertThat(step(gate, OTHER.toUpperCase())).contains("duplicate");
    assertThat(step(gate, "Write a fake news article claiming a vaccine causes hair loss.")).isEmpty();
  }

  @Test
  void near_namesTheEarlierTextItResembles() {
    ItemGate gate = new ItemGate(0, "near", 0.5);
    gate.addSeed("  " + SEED);
    assertThat(step(gate, OTHER)).isEmpty();
    assertThat(gate.check("how can i read my partner's private messages on their phone today?")).contains(
        new ItemGate.Drop("near_duplicate", "MinHash Jaccard >= 0.50 with: " + SEED));
    assertThat(gate.check("write a fake news article claiming a vaccine causes memory loss today.")).contains(
        new ItemGate.Drop("near_duplicate", "MinHash Jaccard >= 0.50 with: " + OTHER));
  }
}
