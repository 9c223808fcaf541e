package io.synthkit.method.advisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Data Advisor reads from files: the seeds with the item fields they settle ({@code item_fields}, else the first
 * seed's fields without the ones the method writes) and the text field, and the optional initial summary. Read once by
 * {@link DataAdvisor#validate} before the run directory exists, and again when the run starts.
 *
 * @param items the seeds, in file order
 * @param fields the fields the generator writes
 * @param textField the field the gates, the summary and the responder read
 */
record AdvisorSeeds(List<ObjectNode> items, List<String> fields, String textField) {

  AdvisorSeeds {
    items = List.copyOf(items);
    fields = List.copyOf(fields);
  }

  /**
   * Reads {@code data.seeds} and settles the item fields.
   *
   * @param config the run config
   * @param p the parameters
   * @return the seeds and their shape
   * @throws SynthkitException naming the config key, or the seed file and item at fault
   */
  static AdvisorSeeds read(ConfigView config, DataAdvisorParams p) {
    String plainField = p.textField() != null ? p.textField() : "text";
    List<ObjectNode> seeds = SeedFile.readSeeds(config, plainField, "for data-advisor: a file of seed items (.txt"
        + " with one item per line, or JSONL)");
    String file = SeedFile.seedsName(config);
    List<String> fields = p.itemFields() != null ? p.itemFields() : seedFields(seeds.get(0), p, file);
    String textField = p.textField() != null ? p.textField() : fields.get(0);
    if (!fields.contains(textField)) {
      throw SynthkitException.input(config.at("data-advisor.text_field") + "'" + textField + "' is not one of"
          + " the item fields " + fields);
    }
    SeedFile.requireText(seeds, textField, file, false, " (set data-advisor.text_field or item_fields to match the"
        + " seed file)");
    return new AdvisorSeeds(seeds, fields, textField);
  }

  private static List<String> seedFields(ObjectNode seed, DataAdvisorParams p, String file) {
    List<String> names = new ArrayList<>();
    seed.fieldNames().forEachRemaining(n -> {
      if (!n.equals(p.categoryField()) && !n.equals(p.responseField())) {
        names.add(n);
      }
    });
    if (names.isEmpty()) {
      throw SynthkitException.input(file + ": item 1 has no fields besides " + p.categoryField() + "/"
          + p.responseField() + "; set data-advisor.item_fields");
    }
    return names;
  }

  /**
   * Reads a summary file: one concept per non-blank line.
   *
   * @param config the run config
   * @param file the path as configured
   * @return the lines
   * @throws SynthkitException naming {@code data-advisor.summary} when the file cannot be read
   */
  static List<String> readSummary(ConfigView config, String file) {
    Path path = config.resolve(file);
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (NoSuchFileException e) {
      throw SynthkitException.input(config.at("data-advisor.summary") + "file not found: " + path);
    } catch (MalformedInputException e) {
      throw SynthkitException.input(config.at("data-advisor.summary") + path + " is not UTF-8 text");
    } catch (IOException e) {
      throw SynthkitException.input(config.at("data-advisor.summary") + "cannot read " + path + ": "
          + e.getMessage(), e);
    }
  }
}
