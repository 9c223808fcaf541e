package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A formatting example: the seed (depth 0) or an accepted record, with its depth in the self-reference tree or chain.
 *
 * @param id {@code seed} or the record id
 * @param item the example
 * @param depth 0 for the seed; one more than the formatting example it came from otherwise
 */
record Node(String id, ObjectNode item, int depth) {

  /** The id of the user's formatting example in events and {@code parents}. */
  static final String SEED = "seed";
}
