package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.json.Json;
import io.synthkit.spi.Schema;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shape every example must have, read from the one formatting example the user brings: its keys and their types,
 * which keys hold the question, the options and the answer, and the label space. Immutable.
 *
 * @param seed the formatting example, as the user wrote it
 * @param fields its keys, in order
 * @param question the key of the question text
 * @param options the key of the option list
 * @param answer the key of the answer (one of the options)
 * @param labelSpace fixed or variant
 * @param seedOptions the formatting example's options (the label space itself when fixed)
 */
record ExampleShape(ObjectNode seed, List<String> fields, String question, String options, String answer,
    LabelSpace labelSpace, List<String> seedOptions) {

  ExampleShape {
    fields = List.copyOf(fields);
    seedOptions = List.copyOf(seedOptions);
  }

  /**
   * Reads the shape of a formatting example and checks that it can serve as one.
   *
   * @param seed the formatting example
   * @param p the parameters (field names)
   * @param labelSpace the label space
   * @param where names the example for error messages (config key or file)
   * @return the shape
   * @throws SynthkitException for an example that is not a usable formatting example
   */
  static ExampleShape of(ObjectNode seed, SelfReferenceParams p, LabelSpace labelSpace, String where) {
    List<String> fields = new ArrayList<>();
    seed.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      JsonNode v = seed.get(f);
      if (v.isObject() || (v.isArray() && v.size() > 0 && v.get(0).isContainerNode())) {
        throw SynthkitException.input(where + "field '" + f + "' holds nested objects; a formatting example has"
            + " flat fields (strings, numbers, booleans, lists of them)");
      }
    }
    String question = field(fields, p.questionField(), "question_field", where, "question");
    String options = field(fields, p.optionsField(), "options_field", where, "options", "choices");
    String answer = field(fields, p.answerField(), "answer_field", where, "answer", "label");
    if (!seed.get(question).isTextual() || seed.get(question).asText().isBlank()) {
      throw SynthkitException.input(where + "'" + question + "' must be a non-empty string");
    }
    List<String> opts = texts(seed.get(options));
    if (opts == null || opts.size() < 2 || new HashSet<>(opts).size() != opts.size()) {
      throw SynthkitException.input(where + "'" + options + "' must be a list of at least two different strings: "
          + seed.get(options));
    }
    if (!seed.get(answer).isTextual() || !opts.contains(seed.get(answer).asText())) {
      throw SynthkitException.input(where + "'" + answer + "' must be one of the options " + opts + ": "
          + seed.get(answer));
    }
    return new ExampleShape(seed.deepCopy(), fields, question, options, answer, labelSpace, opts);
  }

  private static String field(List<String> fields, String configured, String key, String where, String... names) {
    if (configured != null) {
      if (!fields.contains(configured)) {
        throw SynthkitException.input(where + key + " '" + configured + "' is not a key of the example " + fields);
      }
      return configured;
    }
    for (String name : names) {
      for (String f : fields) {
        if (f.toLowerCase(Locale.ROOT).equals(name)) {
          return f;
        }
      }
    }
    throw SynthkitException.input(where + "no key named " + String.join(" or ", names) + " among " + fields
        + "; set self-reference." + key);
  }

  /**
   * Returns the string elements of a list, or null when the value is not a list of strings.
   *
   * @param value a JSON value
   * @return the strings, or null
   */
  static @Nullable List<String> texts(@Nullable JsonNode value) {
    if (value == null || !value.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : value) {
      if (!v.isTextual()) {
        return null;
      }
      out.add(v.asText());
    }
    return out;
  }

  /** @return how many options every example has */
  int optionCount() {
    return seedOptions.size();
  }

  /** @return the labels the balance report counts: the fixed options, or answer positions A, B, ... */
  List<String> categories() {
    if (labelSpace == LabelSpace.FIXED) {
      return seedOptions;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < optionCount(); i++) {
      out.add(position(i));
    }
    return out;
  }

  /**
   * Returns an example's label for the balance report and the record's {@code category}: the answer in a fixed label
   * space; in a variant one, the answer's position (A, B, ...), since the answer texts are all different and a
   * multiple-choice head learns the position.
   *
   * @param item a valid example
   * @return the label
   */
  String category(ObjectNode item) {
    String a = item.path(answer).asText();
    return labelSpace == LabelSpace.FIXED ? a : position(Objects.requireNonNull(texts(item.get(options)),
        "a valid example's options are strings").indexOf(a));
  }

  private static String position(int i) {
    return i < 26 ? String.valueOf((char) ('A' + i)) : "option " + (i + 1);
  }

  /**
   * Returns the question text of an example.
   *
   * @param item the example
   * @return its question, or an empty string
   */
  String questionOf(ObjectNode item) {
    return item.path(question).asText("");
  }

  /**
   * Returns a copy with the keys in the formatting example's order (models may reorder them).
   *
   * @param item a valid example
   * @return the copy
   */
  ObjectNode ordered(ObjectNode item) {
    ObjectNode out = Json.object();
    fields.forEach(f -> out.set(f, item.get(f)));
    return out;
  }

  /**
   * Builds the schema of one call's reply: {@code {"items": [n examples]}}, each typed after the formatting example,
   * with the option count fixed and, in a fixed label space, the option list and the answer pinned to the labels.
   *
   * @param n examples per call
   * @return the schema
   */
  Schema schema(int n) {
    ObjectNode item = ItemSchema.fieldsLike(seed, fields);
    ObjectNode props = (ObjectNode) item.get("properties");
    ObjectNode opts = ((ObjectNode) props.get(options)).put("minItems", optionCount()).put("maxItems", optionCount());
    if (labelSpace == LabelSpace.FIXED) {
      ArrayNode labels = Json.array();
      seedOptions.forEach(labels::add);
      opts.set("const", labels);
      ((ObjectNode) props.get(answer)).set("enum", labels.deepCopy());
    }
    return ItemSchema.batch("new_examples", item, n);
  }
}
