package io.synthkit.metrics;

import static io.synthkit.testdata.MetricsCorpus.EDGE_DUP;
import static io.synthkit.testdata.MetricsCorpus.EDGE_SINGLE;
import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

// Vectors: metrics.md §4 (INGF) and §7 (entity overlap).
class TextMetricsTest {

  @Test
  void ingfV1_matchesReference() {
    assertThat(Ingf.collisionV1(TEXTS)).isCloseTo(0.012323323776470002, within(1e-12));
    assertThat(Ingf.collisionV1(EDGE_DUP)).isCloseTo(0.16666666666666669, within(1e-12));
    assertThat(Ingf.collisionV1(EDGE_SINGLE)).isCloseTo(0.1111111111111111, within(1e-12));
  }

  @Test
  void ingfV2_matchesReference() {
    assertThat(Ingf.meanFrequencyV2(TEXTS)).isCloseTo(1.1470588235294117, within(1e-12));
    assertThat(Ingf.meanFrequencyV2(EDGE_DUP)).isEqualTo(2.0);
    assertThat(Ingf.meanFrequencyV2(EDGE_SINGLE)).isEqualTo(1.0);
  }

  @Test
  void ingf_noNGrams_isZero() {
    assertThat(Ingf.collisionV1(List.of("", " "))).isEqualTo(0.0);
    assertThat(Ingf.meanFrequencyV2(List.of("two words"))).isEqualTo(0.0);
  }

  @Test
  void entityOverlap_matchesReference() {
    Set<String> original = Set.of("Barack Obama", "Berlin", "NASA", "Paris", "UN");
    Set<String> generated = Set.of("Angela Merkel", "Barack Obama", "ESA", "Paris", "paris");
    assertThat(EntityOverlap.of(original, generated)).isCloseTo(0.4, within(1e-12));
    assertThat(EntityOverlap.of(original, Set.of())).isEqualTo(0.0);
    assertThat(EntityOverlap.of(Set.of(), generated)).isEqualTo(0.0);
  }

  @Test
  void entityOverlap_dividesBySmallerSet() {
    assertThat(EntityOverlap.of(Set.of("a"), Set.of("a", "b", "c"))).isEqualTo(1.0);
    assertThat(EntityOverlap.of(Set.of("a", "b", "c", "d"), Set.of("a", "x"))).isEqualTo(0.5);
  }
}
