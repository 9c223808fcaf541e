package io.synthkit.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactDedupTest {

  @Test
  void normalize_foldsCaseWidthSpacingAndSurroundingPunctuation() {
    assertThat(TextNormalizer.normalize("  “Hello,   WORLD!” ")).isEqualTo("hello, world");
    assertThat(TextNormalizer.normalize("ＦＵＬＬ\u00a0width\tTEXT...")).isEqualTo("full width text");
    assertThat(TextNormalizer.normalize("`quoted'")).isEqualTo("quoted");
    assertThat(TextNormalizer.normalize(" ?! ")).isEmpty();
  }

  @Test
  void normalize_keepsInnerPunctuation() {
    assertThat(TextNormalizer.normalize("Let's eat, grandma.")).isEqualTo("let's eat, grandma");
    assertThat(TextNormalizer.normalize("let's eat grandma")).isNotEqualTo(TextNormalizer.normalize("Let's eat, grandma"));
  }

  @Test
  void add_reportsNewOnlyOncePerKey() {
    ExactDedup dedup = new ExactDedup();
    assertThat(dedup.add("Write a poem.")).isTrue();
    assertThat(dedup.add("  write A POEM ")).isFalse();
    assertThat(dedup.contains("\"Write a poem\"")).isTrue();
    assertThat(dedup.add("Write a story.")).isTrue();
    assertThat(dedup.size()).isEqualTo(2);
  }

  @Test
  void contains_unseenKey_isFalseAndRecordsNothing() {
    ExactDedup dedup = new ExactDedup();
    assertThat(dedup.contains("Write a poem.")).isFalse();
    assertThat(dedup.size()).isZero();
    dedup.add("Write a poem.");
    assertThat(dedup.contains("Write a poem!")).isTrue();
    assertThat(dedup.contains("Write a poem, please")).isFalse();
  }
}
