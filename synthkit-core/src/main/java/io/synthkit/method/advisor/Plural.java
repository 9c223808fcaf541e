package io.synthkit.method.advisor;

import java.util.Locale;

/**
 * The regular English plural of a concept name, for concepts the user names without giving the plural. Only the last
 * word changes ("harm category" -> "harm categories"); irregular plurals ("criterion") need the {@code concepts} key.
 */
final class Plural {

  private Plural() {
  }

  /**
   * Returns the regular plural.
   *
   * @param noun a noun phrase, e.g. "harm category"
   * @return its plural: consonant + y -> ies; s, x, z, ch, sh -> es; else s
   */
  static String of(String noun) {
    String n = noun.strip();
    if (n.isEmpty()) {
      return n;
    }
    String lower = n.toLowerCase(Locale.ROOT);
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return n.substring(0, n.length() - 1) + "ies";
    }
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return n + "es";
    }
    return n + "s";
  }
}
