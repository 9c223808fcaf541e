package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ParallelInOrderTest {

  @Test
  void outputsAreConsumedInInputOrder_whileLaterItemsStillRun() {
    CountDownLatch firstConsumed = new CountDownLatch(1);
    List<String> consumed = new CopyOnWriteArrayList<>();
    List<Boolean> lastSawFirst = new CopyOnWriteArrayList<>();
    Parallel.forEachInOrder(List.of(0, 1, 2), i -> {
      if (i == 2) { // the last item waits for the first output to be consumed: only streaming lets it
        try {
          lastSawFirst.add(firstConsumed.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "out" + i;
    }, out -> {
      consumed.add(out);
      firstConsumed.countDown();
      return true;
    });
    assertThat(consumed).containsExactly("out0", "out1", "out2");
    assertThat(lastSawFirst).containsExactly(true);
  }

  @Test
  void stopsHandingOutputsWhenTheConsumerSaysSo_butTheWorkFinishes() {
    AtomicInteger ran = new AtomicInteger();
    List<Integer> consumed = new CopyOnWriteArrayList<>();
    Parallel.forEachInOrder(List.of(0, 1, 2, 3), i -> {
      ran.incrementAndGet();
      return i;
    }, i -> {
      consumed.add(i);
      return i < 1;
    });
    assertThat(consumed).containsExactly(0, 1);
    assertThat(ran).hasValue(4);
  }

  @Test
  void aFailureReachesTheCaller_afterTheOutputsBeforeIt() {
    List<Integer> consumed = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> Parallel.forEachInOrder(List.of(0, 1, 2), i -> {
      if (i == 1) {
        throw new IllegalStateException("item 1 failed");
      }
      return i;
    }, consumed::add)).isInstanceOf(IllegalStateException.class).hasMessage("item 1 failed");
    assertThat(consumed).containsExactly(0);
  }
}
