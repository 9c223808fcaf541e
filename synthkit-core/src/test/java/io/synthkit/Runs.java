package io.synthkit;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunResult;

/**
 * Test access to the facade with internal configs: tests build {@link RunConfig}s with {@link ConfigBuilder} (which
 * can set model configs directly) and run them exactly as {@link Synthkit} runs a {@link RunSpec}.
 */
public final class Runs {

  private Runs() {}

  /** A config builder for a run, as {@link Synthkit#spec} starts one. */
  public static ConfigBuilder config(String name, String method) {
    return ConfigBuilder.create(name, method, Methods.names());
  }

  /** Runs a config to its end. */
  public static RunResult run(RunConfig config) {
    return Synthkit.run(new RunSpec(config));
  }

  /** Runs a config to its end. */
  public static RunResult run(RunConfig config, RunOptions options) {
    return Synthkit.run(new RunSpec(config), options);
  }

  /** Runs a method object that need not be registered (a test method) to its end. */
  public static RunResult run(Method<?> method, RunConfig config, RunOptions options) {
    return Synthkit.start(method, config, options).await();
  }

  /** Starts a run on its own thread. */
  public static RunHandle start(RunConfig config, RunOptions options) {
    return Synthkit.start(new RunSpec(config), options);
  }

  /** Estimates a run on the simulator. */
  public static RunSpec.Estimate estimate(RunConfig config) {
    return Synthkit.estimate(new RunSpec(config));
  }

  /** Wraps a config as the facade's spec. */
  public static RunSpec spec(RunConfig config) {
    return new RunSpec(config);
  }
}
