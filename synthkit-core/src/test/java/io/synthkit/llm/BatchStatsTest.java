package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchStatsTest {

  @Test
  void line_showsJobsAndRequestsByState() {
    BatchStats stats = new BatchStats();
    assertThat(stats.snapshot().line()).isEmpty();
    stats.submitted("batch_a");
    stats.submitted("batch_b");
    for (int i = 0; i < 5; i++) {
      stats.waiting();
    }
    stats.done("batch_a");
    stats.stoppedWaiting();
    stats.answered();
    stats.stoppedWaiting();
    stats.fellBack();
    assertThat(stats.snapshot().line())
        .isEqualTo("batches 2 (1 running, 1 done), requests 3 waiting, 1 answered, 1 direct");
    assertThat(stats.snapshot().ids()).containsExactly("batch_a", "batch_b");
  }
}
