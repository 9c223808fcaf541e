package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Mixes another dataset into an export, as Data Advisor trains on its safety data concatenated with Alpagasus utility
 * data ({@code train_target_model.py}). Alpaca-shaped rows ({@code instruction}, {@code input}, {@code output}) become
 * prompt = instruction, plus a space and the input when there is one, and response = output: exactly what the
 * paper's {@code utils/export_alpagasus.py} did. Other rows are mapped with the default candidates
 * ({@code prompt/question/...}, {@code response/output/answer/...}).
 *
 * <p>{@code ratio} is the number of mixed rows per generated row (0.5 adds half as many utility rows as the run has);
 * without a ratio every utility row is used, as the paper's code did. The chosen utility rows are a seeded sample, and
 * the combined rows are shuffled with the same seed.
 */
final class Mixer {

  private Mixer() {}

  /**
   * Reads a utility dataset as prompt/response rows.
   *
   * @param file the utility JSONL
   * @return its rows (rows without a prompt or a response, or with a blank one, are dropped)
   */
  static List<ExampleRow> read(Path file) {
    Dataset d = Dataset.load(file);
    FieldMapping auto = FieldMapping.defaults(null, d.records());
    List<ExampleRow> out = new ArrayList<>(d.size());
    int i = 0;
    for (DataRecord r : d.records()) {
      ObjectNode data = r.data();
      String prompt;
      String response;
      if (data.path("instruction").isTextual() && data.path("output").isTextual()) {
        String input = data.path("input").asText("");
        prompt = input.isEmpty() ? data.get("instruction").asText() : data.get("instruction").asText() + " " + input;
        response = data.get("output").asText();
      } else {
        prompt = auto.text(Role.PROMPT, r);
        response = auto.text(Role.RESPONSE, r);
      }
      // Every format a mix is allowed with needs both: a blank one would leave a row no format can render.
      if (prompt == null || response == null || prompt.isBlank() || response.isBlank()) {
        continue;
      }
      Map<Role, String> values = new EnumMap<>(Role.class);
      values.put(Role.PROMPT, prompt);
      values.put(Role.RESPONSE, response);
      out.add(new ExampleRow("mix-" + i++, true, Json.object().put("prompt", prompt).put("response", response),
          values));
    }
    if (out.isEmpty()) {
      throw SynthkitException.input(file + ": no row has a prompt and a response (Alpaca rows need instruction and"
          + " output)");
    }
    return out;
  }

  /**
   * Mixes.
   *
   * @param generated the run's rows
   * @param utility the utility rows
   * @param ratio utility rows per generated row, or null for all utility rows
   * @param seed the seed of the sample and the shuffle
   * @return the shuffled mixture
   */
  static List<ExampleRow> mix(List<ExampleRow> generated, List<ExampleRow> utility, @Nullable Double ratio,
      long seed) {
    if (ratio != null && !(ratio >= 0)) {
      throw SynthkitException.input("--mix-ratio must be zero or positive: " + ratio);
    }
    int wanted = ratio == null ? utility.size() : (int) Math.min(utility.size(), Math.round(ratio * generated.size()));
    SplittableRandom random = Rng.of(seed, "export/mix");
    List<ExampleRow> out = new ArrayList<>(generated);
    out.addAll(wanted == utility.size() ? utility : Rng.sample(utility, wanted, random));
    return Rng.shuffled(out, random);
  }

  /**
   * How many utility rows a ratio asks for.
   *
   * @return round(ratio × generated), or all when there is no ratio
   */
  static long requested(int generated, int available, @Nullable Double ratio) {
    return ratio == null ? available : Math.round(ratio * generated);
  }
}
