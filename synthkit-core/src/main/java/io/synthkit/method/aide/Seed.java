package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seed item, the root of one expansion tree.
 *
 * @param index its zero-based position in the seed file
 * @param item the item as the user wrote it (shown as a task demonstration)
 * @param question its question text
 */
record Seed(int index, ObjectNode item, String question) {

  /** @return the id used in record meta, {@code seed-<index>} */
  String id() {
    return "seed-" + index;
  }
}
