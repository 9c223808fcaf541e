package io.synthkit.method.selfinstruct;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds of a Self-Instruct run and the item shape they settle: {@code fields} (default: the first seed's) and the
 * text field the filters read (default: the first field). Read once by {@link SelfInstruct#validate} before the run
 * directory exists, and again when the run starts.
 *
 * @param items the seeds, in file order
 * @param fields the item fields
 * @param textField the field the length and ROUGE-L filters look at
 */
record SeedItems(List<ObjectNode> items, List<String> fields, String textField) {

  SeedItems {
    items = List.copyOf(items);
    fields = List.copyOf(fields);
  }

  /**
   * Reads {@code data.seeds} and checks it against the parameters.
   *
   * @param config the run config
   * @param p the parameters
   * @return the seeds and their shape
   * @throws SynthkitException naming the config key, or the seed file and item at fault
   */
  static SeedItems read(ConfigView config, SelfInstructParams p) {
    List<ObjectNode> seeds = SeedFile.readSeeds(config, "instruction", "for self-instruct: a JSONL file of example"
        + " items (or a .txt file with one item per line)");
    String file = SeedFile.seedsName(config);
    List<String> fields = p.fields() != null ? p.fields() : fieldNames(seeds.get(0), file);
    String textField = p.textField() != null ? p.textField() : fields.get(0);
    if (!fields.contains(textField)) {
      throw SynthkitException.input(config.at("self-instruct.text_field") + "'" + textField
          + "' is not one of the item fields " + fields);
    }
    SeedFile.requireText(seeds, textField, file, false, " (set self-instruct.text_field to the field the filters"
        + " read)");
    return new SeedItems(seeds, fields, textField);
  }

  private static List<String> fieldNames(ObjectNode seed, String file) {
    List<String> names = new ArrayList<>();
    seed.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      throw SynthkitException.input(file + ": item 1 has no fields; the first seed sets the item fields (or set"
          + " self-instruct.fields)");
    }
    return names;
  }
}
