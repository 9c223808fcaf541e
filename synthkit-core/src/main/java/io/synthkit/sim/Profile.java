package io.synthkit.sim;

import java.util.Locale;

/**
 * How the simulator's OpenAI-compatible endpoint behaves for a model: which parameters it accepts, whether it needs an
 * API key, whether it honours {@code n}. Chosen by model name unless {@link SimulatorOptions#profile()} forces one:
 *
 * <ul>
 *   <li>{@link #REASONING} for names starting with {@code o1}, {@code o3}, {@code o4} or {@code gpt-5} (also behind a
 *       fine-tuned {@code ft:} prefix);
 *   <li>{@link #OLLAMA} for names starting with {@code ollama/} or containing a {@code :} tag, e.g.
 *       {@code llama3.1:8b} (a fine-tuned {@code ft:...} name is not an Ollama tag);
 *   <li>{@link #NO_JSON_SCHEMA} for names starting with {@code no-json-schema/};
 *   <li>{@link #OPENAI} for every other name.
 * </ul>
 *
 * <p>The Anthropic Messages endpoint always follows Anthropic's rules; profiles only change the OpenAI endpoint.
 */
public enum Profile {

  /** An OpenAI chat model such as gpt-4o: strict parameter checks, a key is required, {@code n} is honoured. */
  OPENAI("openai"),
  /**
   * An OpenAI reasoning model (o1, o3, o4, gpt-5): {@code max_tokens} and non-default {@code temperature}/{@code top_p}
   * and {@code stop} are rejected, {@code max_completion_tokens} and {@code reasoning_effort} accepted, and usage
   * reports reasoning tokens inside {@code completion_tokens}.
   */
  REASONING("reasoning"),
  /**
   * Ollama's OpenAI-compatible endpoint: no key needed, unknown parameters ignored, {@code n} ignored (always one
   * choice).
   */
  OLLAMA("ollama"),
  /** An OpenAI-compatible server without constrained decoding: {@code response_format: json_schema} is a 400. */
  NO_JSON_SCHEMA("no-json-schema");

  private final String wire;

  Profile(String wire) {
    this.wire = wire;
  }

  /**
   * Returns the name used in configs and on the command line.
   *
   * @return e.g. {@code reasoning}
   */
  public String wire() {
    return wire;
  }

  /**
   * Parses a profile name.
   *
   * @param name {@code openai}, {@code reasoning}, {@code ollama} or {@code no-json-schema}
   * @return the profile
   * @throws IllegalArgumentException for other names
   */
  public static Profile parse(String name) {
    for (Profile p : values()) {
      if (p.wire.equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown simulator profile '" + name
        + "' (openai, reasoning, ollama or no-json-schema)");
  }

  /**
   * Chooses the profile a model name implies.
   *
   * @param model the requested model id
   * @return the profile
   */
  public static Profile forModel(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    if (m.startsWith("no-json-schema/")) {
      return NO_JSON_SCHEMA;
    }
    if (m.startsWith("ollama/")) {
      return OLLAMA;
    }
    // A fine-tuned model behaves like its base: ft:<base>:<org>:<suffix>:<id>.
    String base = m.startsWith("ft:") && m.length() > 3 ? m.substring(3).split(":", 2)[0] : m;
    if (!m.startsWith("ft:") && m.contains(":")) {
      return OLLAMA;
    }
    if (base.startsWith("o1") || base.startsWith("o3") || base.startsWith("o4") || base.startsWith("gpt-5")) {
      return REASONING;
    }
    return OPENAI;
  }

  boolean requiresKey() {
    return this != OLLAMA;
  }

  boolean honoursN() {
    return this != OLLAMA;
  }

  boolean rejectsUnknownParameters() {
    return this != OLLAMA;
  }

  boolean reasoning() {
    return this == REASONING;
  }

  boolean supportsJsonSchema() {
    return this != NO_JSON_SCHEMA;
  }
}
