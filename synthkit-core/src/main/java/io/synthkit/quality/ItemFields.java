package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Schema;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the parts of an item a stage needs (its answer, its choices) whatever the method calls them, so one stage works
 * after DataGen ({@code text}/{@code label}), Self-Instruct ({@code instruction}/{@code output}) or a user's own shape
 * ({@code question}/{@code answer}/{@code options}). A configured name always wins; otherwise the first present name
 * from a fixed list is used.
 */
final class ItemFields {

  /** Names tried, in order, for the gold answer. */
  static final List<String> ANSWER_NAMES = List.of("answer", "label", "output", "solution", "response", "target");
  /** Names tried, in order, for multiple-choice options. */
  static final List<String> OPTION_NAMES = List.of("options", "choices");

  private ItemFields() {}

  /**
   * Returns the answer field of an item.
   *
   * @param configured the stage's {@code answer_field}, or {@code null} to detect it
   * @param data the item
   * @return the field name, or {@code null} when the item has none
   */
  static @Nullable String answer(@Nullable String configured, ObjectNode data) {
    return configured != null ? configured : firstPresent(ANSWER_NAMES, data);
  }

  /**
   * Returns the options field of an item.
   *
   * @param configured the stage's {@code options_field}, or {@code null} to detect it
   * @param data the item
   * @return the field name, or {@code null} when the item has no list of options
   */
  static @Nullable String options(@Nullable String configured, ObjectNode data) {
    String name = configured != null ? configured : firstPresent(OPTION_NAMES, data);
    return name != null && data.path(name).isArray() ? name : null;
  }

  /**
   * Returns the answer field or fails with a message that names the stage and the fields the item has.
   *
   * @param stage the stage name
   * @param configured the stage's {@code answer_field}, or {@code null}
   * @param record the record
   * @return the field name
   * @throws SynthkitException when the item has no answer
   */
  static String requireAnswer(String stage, @Nullable String configured, DataRecord record) {
    String name = answer(configured, record.data());
    if (name == null || !record.data().has(name)) {
      throw SynthkitException.input(stage + ": record " + record.id() + " has no answer field " + (configured != null
          ? "'" + configured + "'" : "(looked for " + ANSWER_NAMES + ")") + "; its fields are " + names(record.data())
          + ". Set " + stage + ".answer_field.");
    }
    return name;
  }

  /**
   * Returns the field names of an item, in order.
   *
   * @param data the item
   * @return the names
   */
  static List<String> names(ObjectNode data) {
    List<String> out = new ArrayList<>();
    data.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * Returns a schema for an item of the same shape (same fields, same types), for rewrites.
   *
   * @param name the schema name
   * @param data the item to copy
   * @return the schema
   */
  static Schema sameShape(String name, ObjectNode data) {
    return Schema.json(name, ItemSchema.fieldsLike(data, names(data)));
  }

  /**
   * Returns a field's value as text: strings as they are, anything else as JSON.
   *
   * @param data the item
   * @param field the field
   * @return the text, empty when missing
   */
  static String text(ObjectNode data, String field) {
    JsonNode v = data.path(field);
    return v.isTextual() ? v.asText() : v.isMissingNode() || v.isNull() ? "" : v.toString();
  }

  private static @Nullable String firstPresent(List<String> names, ObjectNode data) {
    return names.stream().filter(data::has).findFirst().orElse(null);
  }
}
