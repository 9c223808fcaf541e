package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

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

  String get(Role role) {
    return values.get(role);
  }

  /** The prompt with Alpaca's optional input appended after a blank line, for formats without an input slot. */
  String promptWithInput() {
    String input = values.get(Role.INPUT);
    String prompt = values.get(Role.PROMPT);
    return input == null || input.isBlank() ? prompt : prompt + "\n\n" + input;
  }
}
