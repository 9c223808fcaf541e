package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.SynthkitException;
import io.synthkit.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    QualityStage create(JsonNode params, String path, RunConfig config);
  }

  private static final Map<String, Factory> FACTORIES = new TreeMap<>(Map.of(
      LengthStage.NAME, (p, path, c) -> new LengthStage(c.bind(p, LengthStage.Params.class, path)),
      DedupStage.NAME, (p, path, c) -> new DedupStage(c.bind(p, DedupStage.Params.class, path))));

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
  public static QualityPipeline fromConfig(RunConfig config) {
    JsonNode list = config.section("quality");
    if (list.isMissingNode() || list.isNull()) {
      return new QualityPipeline(List.of());
    }
    if (!list.isArray()) {
      throw SynthkitException.input(config.at("quality") + "expected a list of stages, e.g. [dedup, reflection]");
    }
    List<QualityStage> stages = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String path = "quality[" + i + "]";
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
      stages.add(f.create(params, path + "." + name, config));
    }
    return new QualityPipeline(stages);
  }
}
