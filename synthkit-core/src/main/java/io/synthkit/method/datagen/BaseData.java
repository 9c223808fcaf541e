package io.synthkit.method.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The base dataset DataGen imitates (paper §2.1): items read with {@link SeedFile}, projected onto the item fields,
 * with their ids, main text field and optional label field. Items "with a label" and "single text" items are both
 * accepted. Immutable.
 */
final class BaseData {

  private static final Set<String> ID_FIELDS = Set.of("id", "uuid");

  private final List<String> ids;
  private final List<ObjectNode> items;
  private final List<String> fields;
  private final String textField;
  private final @Nullable String labelField;
  private final ObjectNode itemSchema;

  private BaseData(List<String> ids, List<ObjectNode> items, List<String> fields, String textField,
      @Nullable String labelField, ObjectNode itemSchema) {
    this.ids = ids;
    this.items = items;
    this.fields = fields;
    this.textField = textField;
    this.labelField = labelField;
    this.itemSchema = itemSchema;
  }

  /**
   * Reads {@code data.seeds} and resolves the fields.
   *
   * @param config the run config
   * @param p the parameters
   * @return the base data
   * @throws SynthkitException naming the config key or file:line of any problem
   */
  static BaseData load(ConfigView config, DataGenParams p) {
    List<ObjectNode> raw = SeedFile.readSeeds(config, "text", "for datagen: the base dataset, a JSONL file of items"
        + " (e.g. {\"text\": ..., \"label\": ...}) or a .txt file with one item per line");
    String path = SeedFile.seedsName(config);
    List<String> fields = p.fields() != null ? p.fields() : defaultFields(raw.get(0), path);
    String text = p.textField() != null ? p.textField()
        : fields.contains("text") ? "text" : fields.contains("question") ? "question" : fields.get(0);
    String label = p.labelField() != null ? p.labelField()
        : fields.contains("label") ? "label" : fields.contains("answer") ? "answer" : null;
    requireField(config, fields, text, "datagen.text_field");
    if (label != null) {
      requireField(config, fields, label, "datagen.label_field");
    }
    SeedFile.requireText(raw, text, path, false, " (set datagen.text_field to the field holding the main text)");
    List<String> ids = new ArrayList<>();
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      ObjectNode item = raw.get(i);
      JsonNode id = item.has("id") ? item.get("id") : item.get("uuid");
      ids.add(id != null && !id.isNull() ? "base-" + id.asText() : "base-" + i);
      ObjectNode projected = Json.object();
      fields.forEach(f -> projected.set(f, item.path(f).isMissingNode() ? Json.tree("") : item.get(f)));
      items.add(projected);
    }
    return new BaseData(List.copyOf(ids), List.copyOf(items), List.copyOf(fields), text, label,
        ItemSchema.fieldsLike(items.get(0), fields));
  }

  private static List<String> defaultFields(ObjectNode first, String file) {
    List<String> out = new ArrayList<>();
    first.fieldNames().forEachRemaining(f -> {
      if (!ID_FIELDS.contains(f)) {
        out.add(f);
      }
    });
    if (out.isEmpty()) {
      throw SynthkitException.input(file + ": item 1 has no fields besides id/uuid; the first item sets the item"
          + " fields (or set datagen.fields)");
    }
    return out;
  }

  private static void requireField(ConfigView config, List<String> fields, String field, String key) {
    if (!fields.contains(field)) {
      throw SynthkitException.input(config.at(key) + "'" + field + "' is not one of the item fields " + fields);
    }
  }

  /** @return how many base items there are */
  int size() {
    return items.size();
  }

  /** @return the i-th item, projected onto the fields */
  ObjectNode item(int i) {
    return items.get(i);
  }

  /** @return the i-th item's id, {@code base-<id>} or {@code base-<index>} */
  String id(int i) {
    return ids.get(i);
  }

  /** @return the i-th item's main text */
  String text(int i) {
    return items.get(i).path(textField).asText();
  }

  /** @return every item's main text, in order */
  List<String> texts() {
    List<String> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(text(i));
    }
    return out;
  }

  List<String> fields() {
    return fields;
  }

  String textField() {
    return textField;
  }

  /** @return the label field, or {@code null} for unlabelled data */
  @Nullable String labelField() {
    return labelField;
  }

  /** @return the JSON schema of one item, typed after the first base item */
  ObjectNode itemSchema() {
    return itemSchema;
  }
}
