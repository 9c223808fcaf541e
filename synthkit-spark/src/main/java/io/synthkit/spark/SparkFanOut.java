package io.synthkit.spark;

import io.synthkit.spi.CallFanOut;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's side of a fanned-out run: each group of calls that gathered in the gateway becomes one Spark job whose
 * tasks answer their share of the calls on the executors ({@link RelayTask}). Every answer is kept under its call's id
 * in {@code <run dir>/fanout/} as soon as it arrives, so a retried or speculative task, or the next session of the
 * run, gets it from there instead of paying for it again. Thread-safe: Spark runs jobs submitted from several threads
 * side by side.
 */
final class SparkFanOut implements CallFanOut {

  private final JavaSparkContext jsc;
  private final RelayTask task;
  private final String label;
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();

  /**
   * @param jsc the context the jobs run on
   * @param name the run's name, for the Spark UI
   * @param config the YAML run config, on storage every executor sees (executors read their models and keys there)
   * @param overrides the run's overrides
   * @param store where answers are kept, on storage every executor sees
   */
  SparkFanOut(JavaSparkContext jsc, String name, Path config, List<String> overrides, Path store) {
    this.jsc = jsc;
    this.task = new RelayTask(config.toAbsolutePath().toString(), List.copyOf(overrides),
        store.toAbsolutePath().toString());
    this.label = name;
  }

  @Override
  public List<Answer> send(List<Call> group) {
    if (group.isEmpty()) {
      return List.of();
    }
    int slices = Math.max(1, Math.min(group.size(), jsc.defaultParallelism()));
    jobs.incrementAndGet();
    calls.addAndGet(group.size());
    jsc.setJobDescription("synthkit " + label + ": " + group.size() + (group.size() == 1 ? " call" : " calls")
        + " to models." + group.get(0).role());
    try {
      return jsc.parallelize(group, slices).mapPartitions(task).collect();
    } finally {
      jsc.setJobDescription(null);
    }
  }

  @Override
  public String describe() {
    return "spark " + jsc.master();
  }

  /** @return jobs run so far */
  long jobs() {
    return jobs.get();
  }

  /** @return calls sent so far (answered from the store or by a server) */
  long calls() {
    return calls.get();
  }
}
