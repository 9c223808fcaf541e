package io.synthkit.metrics;

import static io.synthkit.testdata.MetricsCorpus.EMB;
import static io.synthkit.testdata.MetricsCorpus.LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

// Vectors: metrics.md §3 (remote-clique), §4 (APS), §6 (inner similarity, novelty).
class EmbeddingMetricsTest {

  private static final List<float[]> FIRST_TWO = EMB.subList(0, 2);

  @Test
  void remoteClique_stand_inEmbeddings_matchReference() {
    assertThat(RemoteClique.dataGen(EMB)).isCloseTo(2.8245727985360896, within(1e-12));
    assertThat(RemoteClique.meanEuclidean(EMB)).isCloseTo(3.2280831983269596, within(1e-12));
    assertThat(RemoteClique.meanCosineDistance(EMB)).isCloseTo(0.5367964644408741, within(1e-12));
  }

  @Test
  void remoteClique_dataGenIsScaledMean() {
    int n = EMB.size();
    assertThat(RemoteClique.dataGen(EMB)).isCloseTo((n - 1.0) / n * RemoteClique.meanEuclidean(EMB), within(1e-12));
  }

  @Test
  void remoteClique_smallInputs() {
    assertThat(RemoteClique.dataGen(FIRST_TWO)).isCloseTo(0.5, within(1e-12));
    assertThat(RemoteClique.dataGen(EMB.subList(0, 1))).isEqualTo(0.0);
    assertThat(RemoteClique.meanCosineDistance(List.of())).isEqualTo(0.0);
  }

  @Test
  void aps_stand_inEmbeddings_matchReference() {
    assertThat(Aps.mean(EMB)).isCloseTo(0.4632035355591259, within(1e-12));
    assertThat(Aps.intraClass(EMB, LABELS)).isCloseTo(0.5914182476945301, within(1e-12));
    assertThat(Aps.interClass(EMB, LABELS)).isCloseTo(0.44183441686989183, within(1e-12));
    assertThat(Aps.mean(FIRST_TWO)).isCloseTo(0.9258200997725514, within(1e-12));
  }

  @Test
  void aps_degenerate_isZero() {
    assertThat(Aps.mean(EMB.subList(0, 1))).isEqualTo(0.0);
    // No two records share a class: the reference's mean over no pair is NaN (was 0.0, which reads as diverse).
    assertThat(Aps.intraClass(FIRST_TWO, List.of(1, 2))).isNaN();
    assertThatThrownBy(() -> Aps.intraClass(EMB, List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels and embeddings differ in size: 1 vs 8");
  }

  @Test
  void embeddingDiversity_generatedOddSeedsEven_matchReference() {
    List<float[]> generated = List.of(EMB.get(1), EMB.get(3), EMB.get(5), EMB.get(7));
    List<float[]> seeds = List.of(EMB.get(0), EMB.get(2), EMB.get(4), EMB.get(6));
    assertThat(EmbeddingDiversity.innerSimilarity(generated)).isCloseTo(0.5517701763402122, within(1e-12));
    assertThat(EmbeddingDiversity.novelty(generated, seeds)).isCloseTo(0.10049844719048182, within(1e-12));
  }

  @Test
  void novelty_identicalToASeed_isZero_andNoSeedsThrows() {
    assertThat(EmbeddingDiversity.novelty(FIRST_TWO, EMB)).isCloseTo(0.0, within(1e-12));
    assertThatThrownBy(() -> EmbeddingDiversity.novelty(EMB, List.of()))
        .hasMessage("novelty needs at least one seed embedding, got 0");
  }
  @Test
  void remoteClique_exactlyTwoVectors_isTheirDistance() {
    List<float[]> pair = List.of(new float[] {0, 0}, new float[] {3, 4});
    assertThat(RemoteClique.meanEuclidean(pair)).isCloseTo(5.0, within(1e-12));
    // DataGen divides the two ordered distances by n^2 = 4.
    assertThat(RemoteClique.dataGen(pair)).isCloseTo(2.5, within(1e-12));
    assertThat(RemoteClique.meanCosineDistance(List.of(new float[] {1, 0}, new float[] {1, 1})))
        .isCloseTo(1 - Math.sqrt(0.5), within(1e-12));
    assertThat(RemoteClique.meanEuclidean(List.of(new float[] {1, 1}))).isEqualTo(0.0);
  }

  @Test
  void aps_zeroVectorHasCosineZero_andInterClassNeedsTwoLabels() {
    assertThat(Aps.mean(List.of(new float[] {0, 0}, new float[] {1, 2}))).isEqualTo(0.0);
    assertThat(Aps.interClass(FIRST_TWO, List.of("x", "x"))).isNaN();
    assertThat(Aps.interClass(FIRST_TWO, List.of("x", "y"))).isCloseTo(0.9258200997725514, within(1e-12));
  }
  @Test
  void noEmbeddings_scoreZeroLikeOneEmbedding() {
    // metrics.md §4: fewer than 2 samples give 0.0; PairScan used to reject the empty list as "dim 0".
    assertThat(Aps.mean(List.of())).isEqualTo(0.0);
    assertThat(Aps.intraClass(List.of(), List.of())).isNaN();
    assertThat(EmbeddingDiversity.innerSimilarity(List.of())).isEqualTo(0.0);
    assertThat(RemoteClique.dataGen(List.of())).isEqualTo(0.0);
  }
}
