package io.synthkit.method.aide;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of the answer the annotator writes for each synthesized question (the public code's {@code choice_type}:
 * {@code multi_choice}, {@code binary_choice} or free text).
 */
public enum AnswerFormat {
  /** One correct and three incorrect options; the record holds {@code choices} and the correct {@code answer} index. */
  MULTIPLE_CHOICE("multiple_choice"),
  /** {@code answer} is {@code yes} or {@code no}. */
  YES_NO("yes_no"),
  /** {@code answer} is free text. */
  FREE_TEXT("free_text");

  private final String wire;

  AnswerFormat(String wire) {
    this.wire = wire;
  }

  /** @return the config name, e.g. {@code yes_no} */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * Parses a config value.
   *
   * @param value e.g. {@code multiple_choice}
   * @return the format
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static AnswerFormat of(String value) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown answer_format '" + value + "'; allowed: "
            + Arrays.stream(values()).map(AnswerFormat::wire).collect(Collectors.joining(", "))));
  }
}
