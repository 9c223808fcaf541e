package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.dedup.TextNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks generated examples one by one, in the order the method consumes them, against the formatting example's shape
 * and everything accepted before. The rules, in order (the first that fails names the rejection step): {@code keys}
 * (same keys), {@code types} (same value kinds), {@code options} (fixed: identical list; variant: same count, no
 * repeats), {@code answer} (one of the options), {@code empty} (a question), {@code copy} (not the question of the
 * seed or of the formatting example in use), {@code duplicate} (exact, after {@link TextNormalizer}), {@code balance}
 * (see {@link LabelBalance}), {@code near_duplicate} (optional MinHash word Jaccard). A passed question joins the
 * history at once, so a repeat later in the same reply is a duplicate.
 *
 * <p>Not thread-safe; the method consumes replies on one thread.
 */
final class ExampleValidator {

  /**
   * Why an example was refused.
   *
   * @param step the rule, used as the rejection step
   * @param reason one line with the values involved
   */
  record Verdict(String step, String reason) {}

  private final ExampleShape shape;
  private final LabelBalance balance;
  private final ExactDedup history = new ExactDedup();
  private final @Nullable NearDuplicateIndex near;
  private final List<String> offered = new ArrayList<>();
  private final double nearThreshold;

  ExampleValidator(ExampleShape shape, LabelBalance balance, @Nullable Double nearThreshold) {
    this.shape = shape;
    this.balance = balance;
    this.nearThreshold = nearThreshold == null ? 0 : nearThreshold;
    this.near = nearThreshold == null ? null
        : new NearDuplicateIndex(MinHash.datasketch(), Shingler.wordNGrams(1), nearThreshold);
  }

  /**
   * Checks one example; when it passes, its question joins the history and its label the pending counts.
   *
   * @param value the example as the model wrote it
   * @param formatting the formatting example of the call
   * @param pending labels passed earlier in the same call, not yet counted by the balance
   * @return the refusal, or empty when the example is valid
   */
  Optional<Verdict> check(JsonNode value, Node formatting, Map<String, Integer> pending) {
    Verdict v = structure(value);
    if (v == null) {
      v = content((ObjectNode) value, formatting, pending);
    }
    if (v != null) {
      return Optional.of(v);
    }
    ObjectNode item = (ObjectNode) value;
    history.add(shape.questionOf(item));
    pending.merge(shape.category(item), 1, Integer::sum);
    return Optional.empty();
  }

  private @Nullable Verdict structure(JsonNode value) {
    if (!value.isObject()) {
      return new Verdict("keys", "not a JSON object: " + value);
    }
    Set<String> keys = new LinkedHashSet<>();
    value.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(new HashSet<>(shape.fields()))) {
      Set<String> missing = new LinkedHashSet<>(shape.fields());
      missing.removeAll(keys);
      keys.removeAll(shape.fields());
      return new Verdict("keys", "keys differ from the formatting example: missing " + missing + ", unexpected "
          + keys);
    }
    for (String f : shape.fields()) {
      String problem = typeProblem(shape.seed().get(f), value.get(f));
      if (problem != null) {
        return new Verdict("types", "'" + f + "': " + problem);
      }
    }
    // The type check above matched the options against the seed's list of strings.
    List<String> options = Objects.requireNonNull(ExampleShape.texts(value.get(shape.options())),
        "options that pass the type check are strings");
    if (shape.labelSpace() == LabelSpace.FIXED && !options.equals(shape.seedOptions())) {
      return new Verdict("options", "options " + options + " differ from the fixed label space "
          + shape.seedOptions());
    }
    if (options.size() != shape.optionCount()) {
      return new Verdict("options", options.size() + " options, the label space has " + shape.optionCount());
    }
    if (new HashSet<>(options).size() != options.size()) {
      return new Verdict("options", "options repeat: " + options);
    }
    String answer = value.get(shape.answer()).asText();
    if (!options.contains(answer)) {
      return new Verdict("answer", "'" + answer + "' is not one of the options " + options);
    }
    return null;
  }

  private @Nullable Verdict content(ObjectNode item, Node formatting, Map<String, Integer> pending) {
    String q = shape.questionOf(item);
    String key = TextNormalizer.normalize(q);
    if (key.isEmpty()) {
      return new Verdict("empty", "the question is empty");
    }
    if (key.equals(TextNormalizer.normalize(shape.questionOf(formatting.item())))
        || key.equals(TextNormalizer.normalize(shape.questionOf(shape.seed())))) {
      return new Verdict("copy", "repeats the question of the formatting example ("
          + (key.equals(TextNormalizer.normalize(shape.questionOf(shape.seed()))) ? Node.SEED : formatting.id())
          + ")");
    }
    if (history.contains(q)) {
      return new Verdict("duplicate", "the same question (after normalisation) was already generated");
    }
    String label = shape.category(item);
    if (!balance.allows(label, pending)) {
      return new Verdict("balance", balance.refusal(label, pending));
    }
    if (near != null) {
      OptionalInt match = near.offer(q);
      offered.add(q);
      if (match.isPresent()) {
        return new Verdict("near_duplicate", "word Jaccard >= " + nearThreshold + " with an earlier question: "
            + offered.get(match.getAsInt()));
      }
    }
    return null;
  }

  /** Compares value kinds; a null in the formatting example (an absent context) allows a string or null. */
  private static @Nullable String typeProblem(JsonNode expected, JsonNode actual) {
    String want = kind(expected);
    String got = kind(actual);
    if (want.equals("null") ? !(got.equals("null") || got.equals("string")) : !want.equals(got)) {
      return got + " found, " + (want.equals("null") ? "string or null" : want) + " expected";
    }
    if (expected.isArray() && !expected.isEmpty()) {
      String element = kind(expected.get(0));
      for (Iterator<JsonNode> it = actual.elements(); it.hasNext(); ) {
        String k = kind(it.next());
        if (!k.equals(element)) {
          return "a list element is " + k + ", " + element + " expected";
        }
      }
    }
    return null;
  }

  private static String kind(JsonNode v) {
    if (v.isNumber()) {
      return "number";
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
