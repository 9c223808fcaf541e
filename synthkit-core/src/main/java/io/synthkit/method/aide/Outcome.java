package io.synthkit.method.aide;

import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Rejection;

/** What one branch of a node produced. */
sealed interface Outcome {

  /** @return the branch */
  Branch branch();

  /**
   * A new item, ready to offer to the dataset; it becomes a node of the next hop if the dataset takes it.
   *
   * @param branch the branch
   * @param child the child node
   * @param record the record
   */
  record Grown(Branch branch, Node child, DataRecord record) implements Outcome {}

  /**
   * A dropped candidate.
   *
   * @param branch the branch
   * @param rejection what and why
   */
  record Dropped(Branch branch, Rejection rejection) implements Outcome {}
}
