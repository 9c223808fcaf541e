package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dataset sink's id index: first value wins, lookups survive growth, and the hash never marks a slot empty. */
class IdIndexTest {

  @Test
  void putIfAbsent_keepsTheFirstValue_andCountsDistinctIds() {
    IdIndex index = new IdIndex();
    assertThat(index.get("a")).isNull();
    assertThat(index.putIfAbsent("a", 1)).isTrue();
    assertThat(index.putIfAbsent("a", 2)).isFalse();
    assertThat(index.putIfAbsent("b", 3)).isTrue();
    assertThat(index.get("a")).isEqualTo(1);
    assertThat(index.get("b")).isEqualTo(3);
    assertThat(index.get("c")).isNull();
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void everyEntry_survivesTheTableGrowingSeveralTimes() {
    IdIndex index = new IdIndex();
    int n = 5000;
    for (int i = 0; i < n; i++) {
      assertThat(index.putIfAbsent("rec-" + i, i * 7)).isTrue();
    }
    assertThat(index.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(index.get("rec-" + i)).isEqualTo(i * 7);
      assertThat(index.putIfAbsent("rec-" + i, -1)).isFalse();
    }
    assertThat(index.get("rec-" + n)).isNull();
    assertThat(index.size()).isEqualTo(n);
  }

  @Test
  void hash_dependsOnEveryCharacterAndItsPosition() {
    assertThat(IdIndex.hash("ab")).isNotEqualTo(IdIndex.hash("ba"));
    assertThat(IdIndex.hash("a")).isNotEqualTo(IdIndex.hash("b"));
    assertThat(IdIndex.hash("")).isNotZero();
    assertThat(IdIndex.hash("rec-1")).isEqualTo(IdIndex.hash("rec-1")).isNotZero();
  }
}
