package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One training example on its way to a file: where it came from, its plain data (what {@code jsonl} writes) and the
 * texts of its mapped roles (what every other format writes).
 *
 * @param id the record id (or {@code mix-N} for a mixed-in row)
 * @param mixed true when the row came from the {@code --mix} dataset
 * @param data the plain data object
 * @param values role to text; absent roles are missing
 */
record ExampleRow(String id, boolean mixed, ObjectNode data, Map<Role, String> values) {

  /** Returns a role's text, or null when the record has none (optional roles such as system and input). */
  @Nullable String get(Role role) {
    return values.get(role);
  }

  /**
   * Returns the text of a role the format needs; {@link Shapes#render} leaves out rows without one, so a missing
   * value here is a bug.
   */
  String require(Role role) {
    String v = values.get(role);
    if (v == null) {
      throw new IllegalStateException("row " + id + " has no " + role.key());
    }
    return v;
  }

  /** The prompt with Alpaca's optional input appended after a blank line, for formats without an input slot. */
  String promptWithInput() {
    String input = values.get(Role.INPUT);
    String prompt = require(Role.PROMPT);
    return input == null || input.isBlank() ? prompt : prompt + "\n\n" + input;
  }
}
