package io.synthkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a run config in Java code. It produces the same tree a YAML file would and validates it the same way, so
 * every key documented for YAML works here with {@link #set(String, Object)}. Not thread-safe.
 *
 * <pre>{@code
 * RunConfig config = Synthkit.config("demo", "self-instruct")
 *     .target(100)
 *     .model("default", ...)        // or .simulated()
 *     .seeds(Path.of("seeds.jsonl"))
 *     .set("self-instruct.examples_per_prompt", 4)
 *     .build();
 * }</pre>
 */
public final class ConfigBuilder {

  private final ObjectNode tree = Json.object();
  private final Set<String> methodNames;
  private Path baseDir = Path.of("").toAbsolutePath();
  private Map<String, String> env = System.getenv();

  private ConfigBuilder(String name, String method, Set<String> methodNames) {
    this.methodNames = Set.copyOf(methodNames);
    tree.put("name", name).put("method", method);
  }

  /**
   * Starts a config.
   *
   * @param name the run name
   * @param method the method name
   * @param methodNames the registered method names (see {@code io.synthkit.Synthkit#config})
   * @return the builder
   */
  public static ConfigBuilder create(String name, String method, Set<String> methodNames) {
    return new ConfigBuilder(name, method, methodNames);
  }

  /**
   * Sets the target record count.
   *
   * @param n the target
   * @return this builder
   */
  public ConfigBuilder target(int n) {
    return set("target", n);
  }

  /**
   * Sets the seed.
   *
   * @param seed the seed
   * @return this builder
   */
  public ConfigBuilder seed(long seed) {
    return set("seed", seed);
  }

  /**
   * Sets the directory holding run directories.
   *
   * @param dir the directory
   * @return this builder
   */
  public ConfigBuilder outputDir(Path dir) {
    return set("output_dir", dir.toAbsolutePath().toString());
  }

  /**
   * Sets the seed/base data file.
   *
   * @param file the file
   * @return this builder
   */
  public ConfigBuilder seeds(Path file) {
    return set("data.seeds", file.toAbsolutePath().toString());
  }

  /**
   * Sets the dataset description.
   *
   * @param text the description
   * @return this builder
   */
  public ConfigBuilder description(String text) {
    return set("data.description", text);
  }

  /**
   * Sets a model role.
   *
   * @param role the role ({@code default} is required)
   * @param config its settings
   * @return this builder
   */
  public ConfigBuilder model(String role, ModelConfig config) {
    ((ObjectNode) tree.with("models")).set(role, Json.tree(config));
    return this;
  }

  /**
   * Uses the built-in simulator for every role (the data is then placeholder text, marked simulated).
   *
   * @return this builder
   */
  public ConfigBuilder simulated() {
    return set("models.default.provider", ProviderKind.SIMULATED.wire());
  }

  /**
   * Sets any key by its dotted path, as {@code --set} does.
   *
   * @param dottedPath e.g. {@code self-instruct.batch_size}
   * @param value a string, number, boolean, list or map
   * @return this builder
   */
  public ConfigBuilder set(String dottedPath, Object value) {
    String[] parts = dottedPath.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value instanceof JsonNode j ? j : Json.tree(value));
    return this;
  }

  /**
   * Sets constraints.
   *
   * @param constraints the constraints
   * @return this builder
   */
  public ConfigBuilder constraints(List<String> constraints) {
    return set("data.constraints", constraints);
  }

  /**
   * Sets the directory relative paths resolve against (default: the working directory).
   *
   * @param dir the directory
   * @return this builder
   */
  public ConfigBuilder baseDir(Path dir) {
    this.baseDir = dir.toAbsolutePath();
    return this;
  }

  /**
   * Replaces the environment used for {@code ${VAR}} and the model fallback (tests).
   *
   * @param environment the variables
   * @return this builder
   */
  public ConfigBuilder environment(Map<String, String> environment) {
    this.env = Map.copyOf(environment);
    return this;
  }

  /**
   * Validates and builds the config.
   *
   * @return the config
   */
  public RunConfig build() {
    return ConfigLoader.fromTree(tree, baseDir, env, methodNames);
  }
}
