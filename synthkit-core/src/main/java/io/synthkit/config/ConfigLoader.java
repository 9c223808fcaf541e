package io.synthkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.synthkit.secret.Secrets;
import io.synthkit.llm.Budget;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.sandbox.SandboxConfig;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.ConfigView.DataConfig;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Loads a run config: YAML with line numbers, {@code --set} overrides, {@code ${VAR}} interpolation, strict binding of
 * the common sections, paths resolved against the config file, and the model fallback (config, then
 * {@code OPENAI_API_KEY}/{@code OPENAI_BASE_URL}/{@code ANTHROPIC_API_KEY}, then the simulator, said plainly).
 * Stateless.
 */
public final class ConfigLoader {

  /** Top-level keys every config may have, besides one section per method. */
  public static final Set<String> COMMON_KEYS = Set.of("name", "method", "target", "seed", "output_dir", "models",
      "data", "budget", "embeddings", "retrieval", "sandbox", "prompts_dir", "quality", "personas", "report",
      "scale");
  private static final Set<String> SECRET_KEYS = Set.of("api_key", "apikey", "token", "secret", "password",
      "authorization", "access_token");
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigLoader() {}

  /**
   * Loads a config file.
   *
   * @param file the YAML file
   * @param overrides {@code dotted.key=value} strings from {@code --set}
   * @param env the environment (usually {@code System.getenv()})
   * @param methodNames names of the registered methods (their sections are allowed)
   * @return the validated config
   * @throws SynthkitException with file, line and key for any problem
   */
  public static RunConfig load(Path file, List<String> overrides, Map<String, String> env, Set<String> methodNames) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      text = text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte-order mark is not content
    } catch (NoSuchFileException e) {
      throw SynthkitException.input("config file not found: " + file);
    } catch (IOException e) {
      throw SynthkitException.input("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    String source = file.getFileName().toString();
    YamlTree.Parsed parsed = YamlTree.parse(text, source);
    Path base = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a config file lies in a directory");
    String defaultName = source.replaceFirst("\\.ya?ml$", "");
    return bind(parsed.tree(), new HashMap<>(parsed.lines()), source, base, overrides, env, methodNames, defaultName);
  }

  /**
   * Completes the overrides of a models-only file ({@code models:}, and optionally {@code budget:} and
   * {@code prompts_dir:}, as {@code synthkit benchmark} accepts) with a placeholder method and target, so that
   * {@link #load} validates its models, budget and secrets as in any run config. A full run config is left alone.
   *
   * @param file the YAML file
   * @param overrides the user's {@code --set} overrides
   * @return the overrides, plus {@code method=datagen} and {@code target=1} where the file has neither
   * @throws SynthkitException (exit 2) when the file cannot be read
   */
  public static List<String> completeModelsOnly(Path file, List<String> overrides) {
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw SynthkitException.input("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    List<String> all = new ArrayList<>(overrides);
    if (tree == null || !tree.has("method")) {
      all.add("method=datagen"); // any method would do: only models, budget and prompts are used
    }
    if (tree == null || !tree.has("target")) {
      all.add("target=1");
    }
    return all;
  }

  /**
   * Validates a config tree built in code (see {@link ConfigBuilder}).
   *
   * @param tree the config tree
   * @param baseDir directory relative paths are resolved against
   * @param env the environment
   * @param methodNames names of the registered methods
   * @return the validated config
   */
  public static RunConfig fromTree(ObjectNode tree, Path baseDir, Map<String, String> env, Set<String> methodNames) {
    return bind(tree.deepCopy(), new HashMap<>(), "config", baseDir, List.of(), env, methodNames, null);
  }

  private static RunConfig bind(ObjectNode raw, Map<String, Integer> lines, String source, Path base,
      List<String> overrides, Map<String, String> env, Set<String> methodNames, @Nullable String defaultName) {
    Binder binder = new Binder(source, lines);
    Set<String> setPaths = new java.util.HashSet<>();
    for (String o : overrides) {
      setPaths.add(applyOverride(raw, o, lines));
    }
    Map<String, Integer> fileLines = Map.copyOf(lines);
    // Where a value the user gave came from, for notices that say so: --set, or the file (with its line).
    Function<String, String> origin = path -> {
      for (String set : setPaths) {
        if (path.equals(set) || path.startsWith(set + ".")) {
          return "--set " + set;
        }
      }
      Integer line = fileLines.get(path);
      return line == null ? source : source + ":" + line;
    };
    ObjectNode rawCopy = raw.deepCopy();
    ObjectNode tree = raw;
    Interpolator.apply(tree, env::get, binder::at);
    checkTopLevel(tree, methodNames, binder);
    List<String> notices = new ArrayList<>();

    String method = requireText(tree, "method", binder, "one of " + String.join(", ", new TreeSet<>(methodNames)));
    if (!methodNames.contains(method)) {
      throw SynthkitException.input(binder.at("method") + "unknown method '" + method + "'; available: "
          + String.join(", ", new TreeSet<>(methodNames)));
    }
    String name = tree.hasNonNull("name") ? tree.get("name").asText() : defaultName;
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw SynthkitException.input(binder.at("name") + "must be letters, digits, '.', '_' or '-' (it names the run"
          + " directory): " + name);
    }
    tree.put("name", name);
    int target = positiveInt(tree, "target", binder);
    long seed = tree.hasNonNull("seed") ? integral(tree, "seed", binder) : 42L;
    tree.put("seed", seed);
    Path outputDir = base.resolve(tree.hasNonNull("output_dir") ? tree.get("output_dir").asText() : "runs")
        .toAbsolutePath().normalize();
    Map<String, ModelConfig> models = startingAtShard(models(tree, binder, env, notices, origin), tree, binder);
    DataConfig data = binder.bind(tree.get("data"), DataConfig.class, "data");
    Budget budget = binder.bind(tree.get("budget"), Budget.class, "budget");
    EmbeddingsConfig embeddings = tree.has("embeddings")
        ? binder.bind(tree.get("embeddings"), EmbeddingsConfig.class, "embeddings") : EmbeddingsConfig.DEFAULT;
    RetrievalConfig retrieval = tree.has("retrieval")
        ? binder.bind(tree.get("retrieval"), RetrievalConfig.class, "retrieval") : null;
    if (retrieval != null && retrieval.index() != null) {
      retrieval = new RetrievalConfig(retrieval.provider(), base.resolve(retrieval.index()).normalize().toString(),
          retrieval.baseUrl(), retrieval.language(), retrieval.requestsPerSecond(), retrieval.passagesPerQuery(),
          retrieval.maxPassageChars(), retrieval.userAgent());
    }
    if (tree.has("sandbox")) {
      binder.bind(tree.get("sandbox"), SandboxConfig.class, "sandbox"); // typos fail now, not at the first program
    }
    Path prompts = tree.hasNonNull("prompts_dir") ? base.resolve(tree.get("prompts_dir").asText()).normalize() : null;
    ObjectNode redacted = redact(tree, rawCopy);
    return new RunConfig(name, method, target, seed, outputDir, models, data, budget, embeddings, retrieval, prompts,
        tree, redacted, base, binder, notices);
  }

  private static void checkTopLevel(ObjectNode tree, Set<String> methodNames, Binder binder) {
    Iterator<String> keys = tree.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!COMMON_KEYS.contains(k) && !methodNames.contains(k)) {
        TreeSet<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(methodNames);
        throw SynthkitException.input(binder.at(k) + "unknown key; allowed at the top level: "
            + String.join(", ", allowed));
      }
    }
  }

  private static Map<String, ModelConfig> models(ObjectNode tree, Binder binder, Map<String, String> env,
      List<String> notices, Function<String, String> origin) {
    JsonNode node = tree.path("models");
    if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
      throw SynthkitException.input(binder.at("models") + "expected a mapping of role names to model settings");
    }
    Map<String, ModelConfig> out = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(),
          checkSimulator(binder.bind(e.getValue(), ModelConfig.class, "models." + e.getKey()), binder,
              "models." + e.getKey())));
    }
    ModelConfig def = out.getOrDefault("default", ModelConfig.EMPTY);
    if (def.provider() == null) {
      def = fromEnvironment(def, env, notices, k -> origin.apply("models.default." + k));
      ObjectNode models = node.isObject() ? (ObjectNode) node : tree.putObject("models");
      ObjectNode d = models.has("default") ? (ObjectNode) models.get("default") : models.putObject("default");
      // fromEnvironment always picks a provider (the simulator at the latest).
      d.put("provider", Objects.requireNonNull(def.provider(), "provider").wire());
      if (def.baseUrl() != null && !d.has("base_url")) {
        d.put("base_url", def.baseUrl());
      }
      if (def.model() != null && !d.has("model")) {
        d.put("model", def.model());
      }
    }
    out.put("default", def);
    return out;
  }

  /**
   * Resolves the default model the way {@code generate} does without a {@code models:} section: OpenAI variables,
   * then Anthropic's, then the simulator. For commands that need a model but no run config.
   *
   * @param env the environment
   * @param notices receives what was chosen and why, for the user
   * @return the {@code default} role's settings
   */
  public static ModelConfig defaultModel(Map<String, String> env, List<String> notices) {
    return fromEnvironment(ModelConfig.EMPTY, env, notices, k -> "the config");
  }

  /**
   * The documented fallback: OpenAI variables, then Anthropic's, then the simulator. The notice names where each value
   * came from ({@code origin} says it for values the config gave: the file and line, or --set).
   */
  private static ModelConfig fromEnvironment(ModelConfig def, Map<String, String> env, List<String> notices,
      Function<String, String> origin) {
    String openAiKey = nonBlank(env.get("OPENAI_API_KEY"));
    String openAiBase = nonBlank(env.get("OPENAI_BASE_URL"));
    String anthropicKey = nonBlank(env.get("ANTHROPIC_API_KEY"));
    String envModel = nonBlank(env.get("SYNTHKIT_MODEL"));
    String model = def.model() != null ? def.model() : envModel;
    String modelFrom = def.model() != null ? origin.apply("model") : envModel != null ? "SYNTHKIT_MODEL" : null;
    if (def.baseUrls() != null) {
      ModelConfig c = def.withEndpoint(ProviderKind.OPENAI, null).withBaseUrls(def.baseUrls())
          .withModel(model != null ? model : "gpt-4o-mini");
      notices.add("models.default: using " + def.baseUrls().size() + " OpenAI-compatible endpoints (from "
          + origin.apply("base_urls") + ") with model " + c.model() + " (from " + (modelFrom != null ? modelFrom
          : "the default") + ")");
      return c.apiKey() == null && openAiKey != null ? withKey(c, openAiKey) : c;
    }
    if (def.baseUrl() != null || openAiKey != null || openAiBase != null) {
      ModelConfig c = def.withEndpoint(ProviderKind.OPENAI, def.baseUrl() != null ? def.baseUrl() : openAiBase)
          .withModel(model != null ? model : "gpt-4o-mini");
      String urlFrom = def.baseUrl() != null ? origin.apply("base_url") : openAiBase != null ? "OPENAI_BASE_URL"
          : "the default, as OPENAI_API_KEY is set";
      notices.add("models.default: using the OpenAI-compatible endpoint " + (c.baseUrl() == null
          ? "https://api.openai.com/v1" : Secrets.redact(c.baseUrl())) + " (from " + urlFrom + ") with model " + c.model() + " (from "
          + (modelFrom != null ? modelFrom : "the default") + ")");
      return c.apiKey() == null && openAiKey != null ? withKey(c, openAiKey) : c;
    }
    if (def.apiKey() != null || anthropicKey != null) {
      if (model == null) {
        throw SynthkitException.input("models.default.model is required for Anthropic (or set SYNTHKIT_MODEL)");
      }
      ModelConfig c = def.withEndpoint(ProviderKind.ANTHROPIC, null).withModel(model);
      notices.add("models.default: using the Anthropic API (from " + (def.apiKey() != null ? origin.apply("api_key")
          : "ANTHROPIC_API_KEY") + ") with model " + model + " (from " + modelFrom + ")");
      // c has no key only when the config gave none, so the key came from ANTHROPIC_API_KEY.
      return c.apiKey() == null ? withKey(c, Objects.requireNonNull(anthropicKey, "ANTHROPIC_API_KEY")) : c;
    }
    notices.add("no model is configured (no models.default provider/base_url/api_key, and none of OPENAI_API_KEY, "
        + "OPENAI_BASE_URL, ANTHROPIC_API_KEY is set): running on the built-in simulator. The output is placeholder "
        + "text, marked simulated, useful only to try synthkit out.");
    return def.withEndpoint(ProviderKind.SIMULATED, null);
  }

  /** Binds the raw {@code simulator:} options now, so a typo fails at load like every other key. */
  private static ModelConfig checkSimulator(ModelConfig c, Binder binder, String path) {
    if (c.simulator() != null) {
      binder.bind(c.simulator(), SimulatorOptions.class, path + ".simulator");
    }
    return c;
  }

  private static ModelConfig withKey(ModelConfig c, String key) {
    return c.withApiKey(key);
  }

  /** Applies one {@code --set} and returns the dotted path it set. */
  private static String applyOverride(ObjectNode tree, String override, Map<String, Integer> lines) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw SynthkitException.input("--set " + override + ": expected dotted.key=value");
    }
    String path = override.substring(0, eq).strip();
    String value = override.substring(eq + 1);
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw SynthkitException.input("--set " + path + ": " + String.join(".", List.of(parts).subList(0, i + 1))
            + " is not a mapping");
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], scalar(value));
    lines.remove(path);
    return path;
  }

  private static JsonNode scalar(String value) {
    if (value.isEmpty()) {
      return TextNode.valueOf("");
    }
    try {
      JsonNode n = YAML.readTree(value);
      return n == null || n.isMissingNode() ? TextNode.valueOf(value) : n;
    } catch (IOException e) {
      return TextNode.valueOf(value);
    }
  }

  /**
   * Replaces secrets by the ${VAR} reference they were written as, or by {@link Secrets#MASK}, and registers them with
   * {@link Secrets} so that no message shows them either.
   */
  static ObjectNode redact(ObjectNode tree, ObjectNode raw) {
    ObjectNode out = tree.deepCopy();
    redactInto(out, raw, false);
    return out;
  }

  private static void redactInto(JsonNode node, @Nullable JsonNode raw, boolean secretContext) {
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      JsonNode v = obj.get(k);
      JsonNode r = raw == null ? null : raw.get(k);
      boolean secret = secretContext || SECRET_KEYS.contains(k.toLowerCase(Locale.ROOT));
      if (v.isObject()) {
        redactInto(v, r, secret || "headers".equals(k));
      } else if (secret && v.isTextual() && !v.asText().isEmpty()) {
        Secrets.register(v.asText());
        String shown = r != null && r.isTextual() && Interpolator.isReference(r.asText()) ? r.asText() : Secrets.MASK;
        obj.put(k, shown);
      } else if (v.isTextual()) {
        // Any other value may hold a credential too (a base_url with user:password@): learn it, then hide it.
        Secrets.registerUrl(v.asText());
        obj.put(k, Secrets.redact(v.asText()));
      } else if (v instanceof com.fasterxml.jackson.databind.node.ArrayNode list) {
        // Lists of text too (base_urls).
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).isTextual()) {
            Secrets.registerUrl(list.get(i).asText());
            list.set(i, TextNode.valueOf(Secrets.redact(list.get(i).asText())));
          }
        }
      }
    }
  }

  private static String requireText(ObjectNode tree, String key, Binder binder, String allowed) {
    JsonNode n = tree.get(key);
    if (n == null || n.isNull() || n.asText().isBlank()) {
      throw SynthkitException.input(binder.at(key) + "is required; " + allowed);
    }
    if (!n.isTextual()) {
      throw SynthkitException.input(binder.at(key) + "expected a string");
    }
    return n.asText();
  }

  /**
   * A shard of a sharded run ({@code scale.shard}, which synthkit-spark sets to the shard's number) lists each role's
   * {@code base_urls} starting at its own entry: ties in load go to the earliest entry, so without this every shard
   * that starts at the same moment would send its first calls to the first server.
   */
  private static Map<String, ModelConfig> startingAtShard(Map<String, ModelConfig> models, ObjectNode tree,
      Binder binder) {
    JsonNode shard = tree.path("scale").path("shard");
    if (shard.isMissingNode() || shard.isNull()) {
      return models;
    }
    if (!shard.isIntegralNumber() || shard.asLong() < 0 || shard.asLong() > Integer.MAX_VALUE) {
      throw SynthkitException.input(binder.at("scale.shard") + "must be a whole number >= 0 (the shard's number): "
          + shard);
    }
    Map<String, ModelConfig> out = new LinkedHashMap<>();
    models.forEach((role, m) -> out.put(role, m.startingAt(shard.asInt())));
    return out;
  }

  private static int positiveInt(ObjectNode tree, String key, Binder binder) {
    JsonNode n = tree.get(key);
    if (n == null || n.isNull()) {
      throw SynthkitException.input(binder.at(key) + "is required: how many records to generate");
    }
    long v = integral(tree, key, binder);
    if (v < 1 || v > 100_000_000) {
      throw SynthkitException.input(binder.at(key) + "must be between 1 and 100000000: " + v);
    }
    return (int) v;
  }

  private static long integral(ObjectNode tree, String key, Binder binder) {
    JsonNode n = tree.get(key);
    if (!n.isIntegralNumber()) {
      throw SynthkitException.input(binder.at(key) + "expected a whole number: " + n);
    }
    return n.asLong();
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
