package io.synthkit.method.aide;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.Schema;
import java.util.List;
import java.util.function.Consumer;

/**
 * What AIDE's model roles return: one small record per call kind, with field descriptions the model sees. Array
 * lengths and value ranges that depend on the config are added to the derived schemas by {@link #schema}, so the
 * gateway's validation and repair enforce them.
 */
final class Replies {

  private Replies() {}

  /**
   * The extractor's reading of a node.
   *
   * @param topic the main topic
   * @param attributes the most related knowledge attributes
   * @param extra further triplets about the topic (absent when {@code extra_triplets} is 0)
   */
  record Extracted(
      @JsonPropertyDescription("the main topic of the item, a short noun phrase") String topic,
      @JsonPropertyDescription("the knowledge attributes most related to the topic, each with its relation")
          List<Relation> attributes,
      @JsonPropertyDescription("further entities under the same topic, different from the attributes")
          List<Relation> extra) {}

  /**
   * One edge from the topic: ⟨topic, relation, attribute⟩.
   *
   * @param relation how the attribute relates to the topic
   * @param attribute the attribute
   */
  record Relation(
      @JsonPropertyDescription("the relation from the topic to the attribute, e.g. 'requires', 'is measured by'")
          String relation,
      @JsonPropertyDescription("the attribute, one to three words") String attribute) {}

  /**
   * A synthesized, improved or shortened question.
   *
   * @param question the new question
   */
  record Draft(@JsonPropertyDescription("the new item's question, complete and self-contained") String question) {}

  /**
   * A grader's verdict.
   *
   * @param feedback what to change
   * @param score 1 (worst) to 10 (best)
   */
  record Grade(
      @JsonPropertyDescription("one or two sentences: what is good and what to change") String feedback,
      @JsonPropertyDescription("the grade from 1 (worst) to 10 (best)") int score) {}

  /**
   * A multiple-choice annotation.
   *
   * @param reasoning the annotator's working
   * @param correct the correct option
   * @param incorrect the wrong options
   */
  record MultipleChoice(
      @JsonPropertyDescription("brief step-by-step working that leads to the correct option") String reasoning,
      @JsonPropertyDescription("the one correct option, as option text without a letter") String correct,
      @JsonPropertyDescription("plausible but clearly wrong options, without letters") List<String> incorrect) {}

  /**
   * A yes/no annotation.
   *
   * @param reasoning the annotator's working
   * @param answer {@code yes} or {@code no}
   */
  record YesNo(
      @JsonPropertyDescription("brief step-by-step working") String reasoning,
      @JsonPropertyDescription("yes or no") String answer) {}

  /**
   * A free-text annotation.
   *
   * @param answer the answer
   */
  record FreeText(@JsonPropertyDescription("the complete answer, in the style of the demonstrations") String answer) {}

  /**
   * The consistency check of an annotation.
   *
   * @param reasoning the checker's working
   * @param consistent whether the answer fits the question
   */
  record Check(
      @JsonPropertyDescription("solve the question yourself, then compare with the proposed answer") String reasoning,
      @JsonPropertyDescription("true when the proposed answer is correct and fits the question") boolean consistent) {}

  /**
   * Derives a record's schema and tightens it.
   *
   * @param type the reply record
   * @param patch edits the schema's root object
   * @return the schema, binding to {@code type}
   */
  static Schema schema(Class<?> type, Consumer<ObjectNode> patch) {
    Schema base = Schema.of(type);
    ObjectNode json = base.json().deepCopy();
    patch.accept(json);
    return new Schema(base.name(), json, type);
  }

  /** Requires exactly {@code n} items in an array property, or removes the property when {@code n} is 0. */
  static void exactly(ObjectNode schema, String property, int n) {
    if (n == 0) {
      ((ObjectNode) schema.get("properties")).remove(property);
      ArrayNode required = (ArrayNode) schema.get("required");
      for (int i = required.size() - 1; i >= 0; i--) {
        if (required.get(i).asText().equals(property)) {
          required.remove(i);
        }
      }
      return;
    }
    ((ObjectNode) schema.get("properties").get(property)).put("minItems", n).put("maxItems", n);
  }

  /** Bounds an integer property. */
  static void range(ObjectNode schema, String property, int min, int max) {
    ((ObjectNode) schema.get("properties").get(property)).put("minimum", min).put("maximum", max);
  }

  /** Restricts a string property to values. */
  static void oneOf(ObjectNode schema, String property, String... values) {
    ArrayNode e = ((ObjectNode) schema.get("properties").get(property)).putArray("enum");
    for (String v : values) {
      e.add(v);
    }
  }
}
