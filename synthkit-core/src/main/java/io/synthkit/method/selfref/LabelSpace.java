package io.synthkit.method.selfref;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the options of generated examples relate to the formatting example's options (the paper's "label space").
 *
 * <p>{@link #FIXED}: an enumerable label space shared by every example (yes/no QA with {@code ["True", "False"]}); a
 * generated example must repeat the option list exactly. {@link #VARIANT}: each example brings its own options, as in
 * multiple-choice QA; a generated example must have the same number of options. The public code calls these "fix"
 * and "variant" and derives them from the dataset directory name.
 */
enum LabelSpace {
  /** Identical options in every example. */
  FIXED,
  /** Per-example options, same count. */
  VARIANT;

  /** @return the config spelling */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config spelling.
   *
   * @param value {@code fixed} or {@code variant}
   * @return the label space
   * @throws IllegalArgumentException naming the allowed values
   */
  static LabelSpace of(String value) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("label_space must be fixed or variant: " + value));
  }
}
