package io.synthkit;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated run configuration: what {@code synthkit generate CONFIG} runs. Load one from YAML with
 * {@link Synthkit#load(Path, String...)} or build one in code with {@link Synthkit#spec(String, String)}; every key
 * has been checked against the method's parameters, so running it fails only for reasons outside the config.
 * Immutable and thread-safe.
 */
public final class RunSpec {

  private final RunConfig config;

  RunSpec(RunConfig config) {
    this.config = config;
  }

  RunConfig config() {
    return config;
  }

  /**
   * Returns the run's name (its directory's name).
   *
   * @return the name
   */
  public String name() {
    return config.name();
  }

  /**
   * Returns the method that runs.
   *
   * @return for example {@code data-advisor}
   */
  public String method() {
    return config.method();
  }

  /**
   * Returns how many records the run produces.
   *
   * @return the target
   */
  public int target() {
    return config.target();
  }

  /**
   * Returns the seed all randomness derives from.
   *
   * @return the seed
   */
  public long seed() {
    return config.seed();
  }

  /**
   * Returns the run directory.
   *
   * @return {@code <output_dir>/<name>}
   */
  public Path runDir() {
    return config.runDir();
  }

  /**
   * Returns what loading the config decided on the user's behalf (for example that no model is configured and the
   * simulator runs), to show before the run starts.
   *
   * @return the notices, in order
   */
  public List<String> notices() {
    return config.notices();
  }

  /**
   * Returns a copy with another target (raising it extends a finished run).
   *
   * @param target the new target
   * @return the copy
   */
  public RunSpec withTarget(int target) {
    return new RunSpec(config.withTarget(target));
  }

  @Override
  public String toString() {
    return "RunSpec" + config.redacted();
  }

  /**
   * What a run is expected to cost, from {@link Synthkit#estimate(RunSpec)}: the method run against the simulator
   * with every role's configured price. Prompt tokens are counted on the real prompts; completion lengths are the
   * simulator's, so treat completion figures as indicative.
   *
   * @param byRole usage per role, in the config's role order
   * @param total the sum
   * @param records records the simulated run produced
   * @param rejected items it rejected
   */
  public record Estimate(Map<String, Usage> byRole, Usage total, int records, int rejected) {

    /** Copies the map, keeping its order. */
    public Estimate {
      byRole = Collections.unmodifiableMap(new LinkedHashMap<>(byRole));
    }
  }

  /**
   * Builds a run configuration in code, key by key, as a YAML file would set them. Not thread-safe.
   */
  public static final class Builder {
    private final ConfigBuilder b;

    Builder(String name, String method) {
      this.b = ConfigBuilder.create(name, method, Methods.names());
    }

    /**
     * Sets the target.
     *
     * @param n records to produce
     * @return this builder
     */
    public Builder target(int n) {
      b.target(n);
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      b.seed(seed);
      return this;
    }

    /**
     * Sets where run directories go.
     *
     * @param dir the output directory
     * @return this builder
     */
    public Builder outputDir(Path dir) {
      b.outputDir(dir);
      return this;
    }

    /**
     * Sets {@code data.seeds}.
     *
     * @param file a JSONL, JSON or text file
     * @return this builder
     */
    public Builder seeds(Path file) {
      b.seeds(file);
      return this;
    }

    /**
     * Sets {@code data.description}.
     *
     * @param text what the dataset is for
     * @return this builder
     */
    public Builder description(String text) {
      b.description(text);
      return this;
    }

    /**
     * Sets {@code data.constraints}.
     *
     * @param constraints constraints every item must satisfy
     * @return this builder
     */
    public Builder constraints(List<String> constraints) {
      b.constraints(constraints);
      return this;
    }

    /**
     * Runs every role on synthkit's simulator (placeholder output, marked simulated).
     *
     * @return this builder
     */
    public Builder simulated() {
      b.simulated();
      return this;
    }

    /**
     * Sets any key, as {@code --set dotted.key=value} does; values are plain Java values (strings, numbers,
     * booleans, lists and maps).
     *
     * @param dottedPath e.g. {@code models.default.temperature} or {@code data-advisor.iterations}
     * @param value the value
     * @return this builder
     */
    public Builder set(String dottedPath, Object value) {
      b.set(dottedPath, value);
      return this;
    }

    /**
     * Sets the directory relative paths are resolved against (the config file's directory for a YAML config).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder baseDir(Path dir) {
      b.baseDir(dir);
      return this;
    }

    /**
     * Sets the environment {@code ${VAR}} references and provider defaults read (the process environment by
     * default).
     *
     * @param environment variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      b.environment(environment);
      return this;
    }

    /**
     * Validates and builds the spec.
     *
     * @return the spec
     * @throws io.synthkit.spi.SynthkitException (exit 2) naming the key when something is invalid
     */
    public RunSpec build() {
      return new RunSpec(b.build());
    }
  }
}
