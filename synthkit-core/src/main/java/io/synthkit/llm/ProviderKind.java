package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which wire protocol an endpoint speaks. */
public enum ProviderKind {
  /** OpenAI Chat Completions: OpenAI, vLLM, Ollama, llama.cpp server, LM Studio, SGLang and most gateways. */
  OPENAI,
  /** The Anthropic Messages API. */
  ANTHROPIC,
  /** synthkit's built-in simulator, started in process and spoken to over HTTP like an OpenAI endpoint. */
  SIMULATED;

  /**
   * Returns the config spelling.
   *
   * @return for example {@code openai}
   */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config spelling.
   *
   * @param value {@code openai}, {@code anthropic} or {@code simulated}
   * @return the kind
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static ProviderKind parse(String value) {
    for (ProviderKind k : values()) {
      if (k.wire().equals(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException("must be one of openai, anthropic, simulated: " + value);
  }
}
