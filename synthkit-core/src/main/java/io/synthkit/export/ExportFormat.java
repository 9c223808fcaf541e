package io.synthkit.export;

import io.synthkit.spi.SynthkitException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The export formats, by their command-line names, with the mapped roles each needs.
 *
 * <ul>
 *   <li>{@code jsonl}: each record's {@code data} object as it is (mixed utility rows as {@code {prompt, response}});
 *   <li>{@code openai-chat}: OpenAI fine-tuning {@code {"messages": [system?, user, assistant]}};
 *   <li>{@code alpaca}: {@code {"instruction", "input", "output"}};
 *   <li>{@code sharegpt}: {@code {"conversations": [{"from": "system"|"human"|"gpt", "value"}]}};
 *   <li>{@code dpo}: TRL's standard preference format {@code {"prompt", "chosen", "rejected"}};
 *   <li>{@code openai-dpo}: OpenAI preference fine-tuning {@code {"input": {"messages"}, "preferred_output",
 *       "non_preferred_output"}};
 *   <li>{@code parquet}: the {@code jsonl} rows as a Parquet table (module {@code synthkit-parquet}).
 * </ul>
 */
public enum ExportFormat {
  /** Plain data. */
  JSONL("jsonl", Set.of()),
  /** OpenAI chat fine-tuning. */
  OPENAI_CHAT("openai-chat", Set.of(Role.PROMPT, Role.RESPONSE)),
  /** Alpaca instruction tuning. */
  ALPACA("alpaca", Set.of(Role.PROMPT, Role.RESPONSE)),
  /** ShareGPT conversations. */
  SHAREGPT("sharegpt", Set.of(Role.PROMPT, Role.RESPONSE)),
  /** TRL DPO (prompt, chosen, rejected). */
  DPO("dpo", Set.of(Role.PROMPT, Role.CHOSEN, Role.REJECTED)),
  /** OpenAI preference fine-tuning. */
  OPENAI_DPO("openai-dpo", Set.of(Role.PROMPT, Role.CHOSEN, Role.REJECTED)),
  /** Parquet, through the synthkit-parquet module. */
  PARQUET("parquet", Set.of());

  private final String wire;
  private final Set<Role> required;

  ExportFormat(String wire, Set<Role> required) {
    this.wire = wire;
    this.required = required;
  }

  /** @return the command-line name, e.g. {@code openai-chat} */
  public String wire() {
    return wire;
  }

  /** @return the roles a row needs in this format */
  public Set<Role> required() {
    return required;
  }

  /** @return true for the preference formats, which cannot take mixed prompt/response data */
  public boolean preference() {
    return required.contains(Role.CHOSEN);
  }

  /**
   * Looks a format up by name.
   *
   * @param name the command-line name
   * @return the format
   * @throws SynthkitException (exit 2) naming the accepted names
   */
  public static ExportFormat of(String name) {
    for (ExportFormat f : values()) {
      if (f.wire.equals(name)) {
        return f;
      }
    }
    throw SynthkitException.input("unknown export format '" + name + "'; expected one of " + names());
  }

  /** @return the command-line names, in documentation order */
  public static List<String> names() {
    return Arrays.stream(values()).map(ExportFormat::wire).toList();
  }
}
