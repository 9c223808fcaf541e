package io.synthkit.method.aide;

/**
 * A node of an expansion tree: a seed (hop 0) or an accepted item (hop >= 1).
 *
 * @param path the node's place in its tree, e.g. {@code s3} or {@code s3.a1o2.p0}; sample keys and record ids derive
 *     from it
 * @param hop its hop (0 for the seed)
 * @param seed the tree's root
 * @param question its question text
 */
record Node(String path, int hop, Seed seed, String question) {

  /**
   * Returns a seed's node.
   *
   * @param seed the seed
   * @return the root node, {@code s<index>}
   */
  static Node root(Seed seed) {
    return new Node("s" + seed.index(), 0, seed, seed.question());
  }

  /** @return the id records name it by: the seed id at hop 0, else the record id */
  String recordId() {
    return hop == 0 ? seed.id() : "aide-" + path;
  }
}
