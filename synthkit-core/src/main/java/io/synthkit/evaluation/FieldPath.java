package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dotted path into a dataset record, as {@code --field} and {@code --map} take it: {@code prompt},
 * {@code data.prompt}, {@code meta.category}, {@code messages.0.content}. A path whose first segment is {@code data},
 * {@code meta} or {@code id} starts at the record; any other path starts at the record's {@code data} (so
 * {@code prompt} and {@code data.prompt} are the same). Numeric segments index arrays.
 *
 * @param segments the path's segments, non-empty
 */
public record FieldPath(List<String> segments) {

  /** Field names tried, in order, when no text field is given: the usual names of an item's main text. */
  public static final List<String> TEXT_CANDIDATES = List.of("prompt", "question", "instruction", "query", "text",
      "input", "problem", "content", "sentence", "task", "message");

  /** Checks the segments. */
  public FieldPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
      throw SynthkitException.input("a field path needs non-empty dot-separated names: " + String.join(".", segments));
    }
  }

  /**
   * Parses a dotted path.
   *
   * @param dotted for example {@code data.messages.1.content}
   * @return the path
   * @throws SynthkitException (exit 2) for an empty path or an empty segment
   */
  public static FieldPath parse(String dotted) {
    if (dotted == null || dotted.isBlank()) {
      throw SynthkitException.input("a field path must not be empty");
    }
    return new FieldPath(List.of(dotted.strip().split("\\.", -1)));
  }

  /**
   * Reads the value at this path.
   *
   * @param item the record
   * @return the node, or a missing node when any segment is absent
   */
  public JsonNode read(DataRecord item) {
    String first = segments.get(0);
    JsonNode node;
    int from = 1;
    switch (first) {
      case "data" -> node = item.data();
      case "meta" -> node = item.meta();
      case "id" -> {
        return segments.size() == 1 ? TextNode.valueOf(item.id()) : MissingNode.getInstance();
      }
      default -> {
        node = item.data();
        from = 0;
      }
    }
    for (int i = from; i < segments.size() && !node.isMissingNode(); i++) {
      String s = segments.get(i);
      node = node.isArray() && s.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(s)) : node.path(s);
    }
    return node;
  }

  /**
   * Reads the value as text: strings as they are, numbers and booleans as JSON text, anything else (missing, null,
   * objects, arrays) as {@code null}.
   *
   * @param item the record
   * @return the text or null
   */
  public @Nullable String text(DataRecord item) {
    JsonNode n = read(item);
    return n.isValueNode() && !n.isNull() ? n.asText() : null;
  }

  /**
   * Picks the main text field of a dataset: the first of {@link #TEXT_CANDIDATES} that is a non-blank string in at
   * least half of the (first 200) items, else a chat {@code messages} array's first user turn, else the string field
   * with the longest mean length.
   *
   * @param items the records
   * @return the path
   * @throws SynthkitException (exit 2) when the items have no string field at all
   */
  public static FieldPath detect(List<DataRecord> items) {
    List<DataRecord> head = items.subList(0, Math.min(items.size(), 200));
    for (String name : TEXT_CANDIDATES) {
      FieldPath p = new FieldPath(List.of(name));
      long ok = head.stream().filter(it -> isText(p.read(it))).count();
      if (!head.isEmpty() && ok * 2 >= head.size()) {
        return p;
      }
    }
    FieldPath chat = chatUserTurn(head);
    if (chat != null) {
      return chat;
    }
    return longestStringField(head);
  }

  private static boolean isText(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank();
  }

  /** OpenAI-style {@code messages}: the first message whose role is user, found on the first item. */
  private static @Nullable FieldPath chatUserTurn(List<DataRecord> head) {
    if (head.isEmpty() || !head.get(0).data().path("messages").isArray()) {
      return null;
    }
    JsonNode messages = head.get(0).data().path("messages");
    for (int i = 0; i < messages.size(); i++) {
      if ("user".equals(messages.get(i).path("role").asText()) && messages.get(i).path("content").isTextual()) {
        return new FieldPath(List.of("messages", Integer.toString(i), "content"));
      }
    }
    return null;
  }

  private static FieldPath longestStringField(List<DataRecord> head) {
    String best = null;
    double bestMean = -1;
    for (String name : fieldNames(head)) {
      FieldPath p = new FieldPath(List.of(name));
      double sum = 0;
      for (DataRecord it : head) {
        JsonNode n = p.read(it);
        sum += n.isTextual() ? n.asText().length() : 0;
      }
      if (sum / head.size() > bestMean && sum > 0) {
        best = name;
        bestMean = sum / head.size();
      }
    }
    if (best == null) {
      throw SynthkitException.input("found no text field in the items (fields: " + fieldNames(head)
          + "); name one with --field");
    }
    return new FieldPath(List.of(best));
  }

  private static Collection<String> fieldNames(List<DataRecord> head) {
    List<String> names = new ArrayList<>();
    for (DataRecord it : head) {
      it.data().fieldNames().forEachRemaining(n -> {
        if (!names.contains(n)) {
          names.add(n);
        }
      });
    }
    return names;
  }

  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
