package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.SynthkitException;
import org.junit.jupiter.api.Test;

class RetrieversTest {

  @Test
  void open_lucene_withoutTheModule_saysWhichModuleToAdd() {
    assertThat(Retrievers.available()).doesNotContain("lucene");
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of("lucene")))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("needs the synthkit-lucene module")
        .hasMessageContaining("io.synthkit:synthkit-lucene");
  }

  @Test
  void open_unknownProvider_listsTheAvailableOnes() {
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of("bing")))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("unknown retrieval.provider \"bing\"; available: ");
  }

  @Test
  void open_noProvider_isAnInputError() {
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of(" ")))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("retrieval.provider is required; available: ")
        .extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_USAGE);
  }
}
