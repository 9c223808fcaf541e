package io.synthkit.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task every few seconds on a daemon thread until closed (the run's periodic manifest and counter saves). */
final class Ticker implements AutoCloseable {

  private final ScheduledExecutorService timer;

  private Ticker(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static Ticker every(long seconds, Runnable task) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synthkit-manifest");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(task, seconds, seconds, TimeUnit.SECONDS);
    return new Ticker(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
