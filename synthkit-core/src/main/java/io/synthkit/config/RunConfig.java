package io.synthkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.llm.Budget;
import io.synthkit.llm.ModelConfig;
import io.synthkit.spi.ConfigView.DataConfig;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.RetrievalConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated run configuration: the common sections bound to records, the method's own section kept as a tree (the
 * method binds it to its parameter record), and the effective tree for the manifest and resume checks. Create one with
 * {@link ConfigLoader} (from YAML) or {@link ConfigBuilder} (in code). Immutable.
 */
public final class RunConfig implements ConfigView {

  private final String name;
  private final String method;
  private final int target;
  private final long seed;
  private final Path outputDir;
  private final Map<String, ModelConfig> models;
  private final DataConfig data;
  private final Budget budget;
  private final EmbeddingsConfig embeddings;
  private final @Nullable RetrievalConfig retrieval;
  private final @Nullable Path promptsDir;
  private final ObjectNode tree;
  private final ObjectNode redacted;
  private final Path baseDir;
  private final Binder binder;
  private final List<String> notices;

  RunConfig(String name, String method, int target, long seed, Path outputDir, Map<String, ModelConfig> models,
      DataConfig data, Budget budget, EmbeddingsConfig embeddings, @Nullable RetrievalConfig retrieval,
      @Nullable Path promptsDir,
      ObjectNode tree, ObjectNode redacted, Path baseDir, Binder binder, List<String> notices) {
    this.name = name;
    this.method = method;
    this.target = target;
    this.seed = seed;
    this.outputDir = outputDir;
    this.models = Map.copyOf(models);
    this.data = data;
    this.budget = budget;
    this.embeddings = embeddings;
    this.retrieval = retrieval;
    this.promptsDir = promptsDir;
    this.tree = tree;
    this.redacted = redacted;
    this.baseDir = baseDir;
    this.binder = binder;
    this.notices = List.copyOf(notices);
  }

  /** @return the run name (the run directory's name) */
  public String name() {
    return name;
  }

  /** @return the method name, e.g. {@code self-instruct} */
  public String method() {
    return method;
  }

  /** @return how many accepted records the run produces */
  public int target() {
    return target;
  }

  /** @return the seed all randomness derives from */
  public long seed() {
    return seed;
  }

  /** @return the directory holding run directories */
  public Path outputDir() {
    return outputDir;
  }

  /** @return the run directory, {@code output_dir/name} */
  public Path runDir() {
    return outputDir.resolve(name);
  }

  /** @return role name to model settings ({@code default} always present) */
  public Map<String, ModelConfig> models() {
    return models;
  }

  /** @return the data section */
  public DataConfig data() {
    return data;
  }

  /** @return the spending limits */
  public Budget budget() {
    return budget;
  }

  /** @return the embeddings section (defaults when absent) */
  public EmbeddingsConfig embeddings() {
    return embeddings;
  }

  /** @return the retrieval section, or {@code null} when none is configured */
  public @Nullable RetrievalConfig retrieval() {
    return retrieval;
  }

  /** @return the prompt override directory, or {@code null} */
  public @Nullable Path promptsDir() {
    return promptsDir;
  }

  /** @return messages for the user about how the config was completed (e.g. the simulator fallback) */
  public List<String> notices() {
    return notices;
  }

  @Override
  public String provider(String role) {
    // ConfigLoader always puts a default model (the environment fallback or the simulator).
    ModelConfig base = Objects.requireNonNull(models.get("default"), "no default model");
    ModelConfig c = role.equals("default") ? base : models.getOrDefault(role, ModelConfig.EMPTY).over(base);
    // Every role layers over the default, which always has a provider.
    return Objects.requireNonNull(c.provider(), "provider").wire();
  }

  /**
   * Returns a top-level section as a tree (e.g. the method's parameters, {@code quality}, {@code sandbox}).
   *
   * @param key the section key
   * @return the section, or a missing node
   */
  public JsonNode section(String key) {
    return tree.path(key);
  }

  /**
   * Binds a top-level section to a record type with file/line error messages.
   *
   * @param key the section key, e.g. {@code self-instruct}
   * @param type the parameter record
   * @param <T> the type
   * @return the bound value (an empty section binds the record's defaults)
   */
  public <T> T bind(String key, Class<T> type) {
    return binder.bind(tree.get(key), type, key);
  }

  /**
   * Binds any part of the config tree.
   *
   * @param node the subtree
   * @param type the record type
   * @param path its key path, for messages
   * @param <T> the type
   * @return the bound value
   */
  public <T> T bind(@Nullable JsonNode node, Class<T> type, String path) {
    return binder.bind(node, type, path);
  }

  /**
   * Formats an error location prefix for a key, for methods validating their own parameters.
   *
   * @param path the dotted key path
   * @return {@code file:line: path: }
   */
  public String at(String path) {
    return binder.at(path);
  }

  /**
   * Resolves a path from the config against the config file's directory.
   *
   * @param path a path as written in the config
   * @return the absolute path
   */
  public Path resolve(String path) {
    return baseDir.resolve(path).toAbsolutePath().normalize();
  }

  /** @return the directory of the config file (or the working directory for configs built in code) */
  public Path baseDir() {
    return baseDir;
  }

  /** @return the effective config tree, secrets included; never write it anywhere */
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /** @return the effective config with secrets replaced by their ${VAR} reference or a placeholder */
  public ObjectNode redacted() {
    return redacted.deepCopy();
  }

  /**
   * Returns a copy with a different target (used to extend a finished run).
   *
   * @param newTarget the new target
   * @return the copy
   */
  public RunConfig withTarget(int newTarget) {
    ObjectNode t = tree.deepCopy().put("target", newTarget);
    ObjectNode r = redacted.deepCopy().put("target", newTarget);
    return new RunConfig(name, method, newTarget, seed, outputDir, models, data, budget, embeddings, retrieval,
        promptsDir, t, r, baseDir, binder, notices);
  }

  /**
   * Returns a copy whose roles all use other settings (used by {@code --dry-run} to run on the simulator).
   *
   * @param replaced role to settings
   * @param newOutputDir where the copy writes its run
   * @return the copy
   */
  public RunConfig withModels(Map<String, ModelConfig> replaced, Path newOutputDir) {
    return new RunConfig(name, method, target, seed, newOutputDir, replaced, data, budget, embeddings, retrieval,
        promptsDir, tree, redacted, baseDir, binder, notices);
  }
}
