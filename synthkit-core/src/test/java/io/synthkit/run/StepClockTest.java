package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepClockTest {

  private static final long S = 1_000_000_000L;

  @Test
  void sumsWallTimePerStepName_inFirstRunOrder_andStopsWhenTheMethodReturns() {
    StepClock c = new StepClock(null);
    c.enter("generating", 0);
    c.enter("evaluating", 2 * S);
    c.enter("generating", 5 * S);
    c.enter("generating", 6 * S); // the same step again: no new entry, the time keeps running
    c.enter("evaluating", 7 * S);
    assertThat(c.steps(8 * S)).containsExactly(java.util.Map.entry("generating", 4.0),
        java.util.Map.entry("evaluating", 4.0));
    c.stop(9 * S);
    assertThat(c.steps(100 * S)).containsEntry("evaluating", 5.0);
  }

  @Test
  void aResumedRunAddsToTheEarlierSessions() {
    StepClock first = new StepClock(null);
    first.enter("generating", 0);
    first.oneOff("starting the Python sandbox", 1.5);
    String saved = first.json(3 * S);
    StepClock second = new StepClock(saved);
    second.enter("generating", 10 * S);
    second.oneOff("starting the Python sandbox", 2.0);
    assertThat(second.steps(12 * S)).containsEntry("generating", 5.0);
    assertThat(second.oneOff()).containsEntry("starting the Python sandbox", 3.5);
  }
}
