package io.synthkit.method.selfref;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The formatting examples a run may start from, each checked: the inline {@code self-reference.example}, or every item
 * of the file {@code data.seeds} (the run picks one of several with a seeded choice). Read once by
 * {@link SelfReference#validate} before the run directory exists, and again when the run starts, so every item is
 * checked whichever one the seed picks.
 *
 * @param shapes one per example, in file order
 * @param file the file as configured, or {@code null} for the inline example
 */
record FormattingExamples(List<ExampleShape> shapes, @Nullable String file) {

  FormattingExamples {
    shapes = List.copyOf(shapes);
  }

  /**
   * Reads the label space and the formatting examples.
   *
   * @param config the run config
   * @param p the parameters
   * @return the examples
   * @throws SynthkitException naming the config key, or the file and item at fault
   */
  static FormattingExamples read(ConfigView config, SelfReferenceParams p) {
    if (p.labelSpace() == null) {
      throw SynthkitException.input(config.at("self-reference.label_space") + "is required: fixed (the same"
          + " options in every example, e.g. [\"True\", \"False\"]) or variant (each example has its own options, as"
          + " in multiple-choice QA)");
    }
    LabelSpace space = LabelSpace.of(p.labelSpace());
    String seeds = config.data().seeds();
    if (p.example() != null) {
      if (seeds != null) {
        throw SynthkitException.input(config.at("self-reference.example") + "give the formatting example once:"
            + " inline here or as the file data.seeds, not both");
      }
      String where = config.at("self-reference.example");
      return new FormattingExamples(List.of(ExampleShape.of(p.example(), p, space, where)), null);
    }
    if (seeds == null) {
      throw SynthkitException.input(config.at("self-reference.example") + "is required: one formatting example"
          + " as a JSON object, e.g. {question: ..., options: [\"True\", \"False\"], answer: \"True\"}, or a file"
          + " named by data.seeds");
    }
    List<ObjectNode> items = read(SeedFile.seedsFile(config, ""));
    List<ExampleShape> shapes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      shapes.add(ExampleShape.of(items.get(i), p, space, seeds + ": item " + (i + 1) + ": "));
    }
    return new FormattingExamples(shapes, seeds);
  }

  /** A {@code .json} file may hold one pretty-printed object; anything else goes through {@link SeedFile}. */
  private static List<ObjectNode> read(Path file) {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") && Files.isRegularFile(file)) {
      try {
        String text = Files.readString(file);
        if (text.strip().startsWith("{")) {
          JsonNode node = Json.MAPPER.readTree(text);
          if (node instanceof ObjectNode o) {
            return List.of(o);
          }
        }
      } catch (JsonProcessingException e) {
        throw SynthkitException.input(file.getFileName() + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
            + e.getOriginalMessage() + ")", e);
      } catch (IOException e) {
        throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return SeedFile.read(file, "question");
  }
}
