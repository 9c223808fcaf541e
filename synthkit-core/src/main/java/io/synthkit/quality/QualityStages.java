package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry of quality stages and the parser of the config's {@code quality:} list, whose entries are a stage name
 * ({@code - dedup}) or a one-key map with parameters ({@code - dedup: {near_threshold: 0.9}}).
 */
public final class QualityStages {

  /** Creates a stage from its (possibly empty) parameter section. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Creates the stage.
     *
     * @param params the parameter section, possibly missing
     * @param path the key path for error messages, e.g. {@code quality[1].dedup}
     * @param config the run config (for binding with line numbers and resolving paths)
     * @return the stage
     */
    QualityStage create(@Nullable JsonNode params, String path, ConfigView config);
  }

  /** The model role LLM-based stages use unless their {@code role} parameter names another. */
  public static final String DEFAULT_ROLE = "checker";

  private static final Map<String, Factory> FACTORIES = new TreeMap<>(Map.of(
      LengthStage.NAME, (p, path, c) -> new LengthStage(c.bind(p, LengthStage.Params.class, path)),
      DedupStage.NAME, (p, path, c) -> new DedupStage(c.bind(p, DedupStage.Params.class, path)),
      ReflectionStage.NAME, (p, path, c) -> new ReflectionStage(c.bind(p, ReflectionStage.Params.class, path)),
      MathCheckStage.NAME, (p, path, c) -> new MathCheckStage(c.bind(p, MathCheckStage.Params.class, path)),
      FactCheckStage.NAME, (p, path, c) -> new FactCheckStage(c.bind(p, FactCheckStage.Params.class, path),
          c.retrieval()),
      DifficultyStage.NAME, (p, path, c) -> new DifficultyStage(c.bind(p, DifficultyStage.Params.class, path)),
      GroupCheckStage.NAME, (p, path, c) -> new GroupCheckStage(c.bind(p, GroupCheckStage.Params.class, path)),
      ConstraintCheckStage.NAME, QualityStages::constraintCheck));

  private QualityStages() {}

  /** @return the stage names */
  public static List<String> names() {
    return new ArrayList<>(FACTORIES.keySet());
  }

  /**
   * Builds the pipeline of a run config.
   *
   * @param config the config
   * @return the pipeline (empty when no {@code quality:} section)
   * @throws SynthkitException naming the entry and the known stages
   */
  public static QualityPipeline fromConfig(ConfigView config) {
    return fromList(config.section("quality"), "quality", config);
  }

  /**
   * Builds a pipeline from a list in the {@code quality:} syntax found elsewhere in the config (a method's own stage
   * list, such as {@code datagen.stages}).
   *
   * @param list the list node, possibly missing (no stages)
   * @param at its key path, for error messages
   * @param config the run config
   * @return the pipeline
   * @throws SynthkitException naming the entry and the known stages
   */
  public static QualityPipeline fromList(JsonNode list, String at, ConfigView config) {
    if (list == null || list.isMissingNode() || list.isNull()) {
      return new QualityPipeline(List.of());
    }
    if (!list.isArray()) {
      throw SynthkitException.input(config.at(at) + "expected a list of stages, e.g. [dedup, reflection]");
    }
    List<QualityStage> stages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String path = at + "[" + i + "]";
      String name;
      JsonNode params;
      if (entry.isTextual()) {
        name = entry.asText();
        params = null;
      } else if (entry.isObject() && entry.size() == 1) {
        name = entry.fieldNames().next();
        params = entry.get(name);
      } else {
        throw SynthkitException.input(config.at(path) + "expected a stage name or {name: {parameters}}");
      }
      Factory f = FACTORIES.get(name);
      if (f == null) {
        throw SynthkitException.input(config.at(path) + "unknown quality stage '" + name + "'; available: "
            + String.join(", ", FACTORIES.keySet()));
      }
      try {
        stages.add(f.create(params, path + "." + name, config));
      } catch (IllegalArgumentException e) {
        throw SynthkitException.input(config.at(path + "." + name) + e.getMessage());
      }
    }
    return new QualityPipeline(stages);
  }

  private static QualityStage constraintCheck(@Nullable JsonNode params, String path, ConfigView config) {
    ConstraintCheckStage.Params p = config.bind(params, ConstraintCheckStage.Params.class, path);
    return new ConstraintCheckStage(p, p.constraints() != null ? p.constraints() : config.data().constraints());
  }
}
