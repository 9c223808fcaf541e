package io.synthkit;

/**
 * Evaluates on a cluster, with the figures {@link Synthkit#evaluate(Evaluation)} gives: what
 * {@code synthkit evaluate DATASET --spark MASTER} calls. Found through {@link java.util.ServiceLoader}; the optional
 * synthkit-spark module provides {@code spark}. A separate interface from {@link io.synthkit.spi.ScaleOut} because
 * the spi depends on nothing else in synthkit and an evaluation's request and result are this package's types.
 */
public interface ClusterEvaluator {

  /**
   * Names the engine, as the CLI option does.
   *
   * @return for example {@code spark}
   */
  String name();

  /**
   * Measures the datasets with the per-record work on the cluster.
   *
   * @param evaluation the datasets and how to measure them
   * @param master the cluster to run on, e.g. {@code local[4]}, {@code spark://host:7077}
   * @return what {@link Synthkit#evaluate(Evaluation)} returns on the same datasets
   * @throws io.synthkit.spi.SynthkitException (exit 2) as the single-machine evaluation would, or for a bad master
   */
  Evaluation.Result evaluate(Evaluation evaluation, String master);
}
