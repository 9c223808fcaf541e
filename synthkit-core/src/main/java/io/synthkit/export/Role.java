package io.synthkit.export;

import io.synthkit.spi.SynthkitException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a training example an export maps record fields onto ({@code --map prompt=data.question,...}).
 * {@code input} is Alpaca's optional context: in chat formats it is appended to the prompt after a blank line.
 */
public enum Role {
  /** An optional system message. */
  SYSTEM,
  /** The user turn / instruction. */
  PROMPT,
  /** Optional extra input for the prompt (Alpaca's "input"). */
  INPUT,
  /** The assistant turn / output. */
  RESPONSE,
  /** The preferred response (preference formats). */
  CHOSEN,
  /** The dispreferred response (preference formats). */
  REJECTED;

  /** @return the name used in mappings, e.g. {@code prompt} */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a role up by its mapping name.
   *
   * @param key e.g. {@code response}
   * @return the role
   * @throws SynthkitException (exit 2) naming the accepted names
   */
  public static Role of(String key) {
    for (Role r : values()) {
      if (r.key().equals(key.strip())) {
        return r;
      }
    }
    throw SynthkitException.input("unknown mapping role '" + key + "'; expected one of " + keys());
  }

  /** @return every mapping name */
  public static List<String> keys() {
    return Arrays.stream(values()).map(Role::key).toList();
  }
}
